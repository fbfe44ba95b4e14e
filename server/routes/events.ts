import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { LIMITS } from '../../src/core/protocol.ts';
import type { Api, Services } from '../context.ts';
import type { Queryable } from '../db.ts';
import { FeedTopics } from '../feed-topics.ts';
import type { Logger } from '../log.ts';
import { peerKey } from '../peer-address.ts';
import { ProblemError } from '../problem.ts';
import type { EventBus, StoredEvent } from '../realtime.ts';
import { documentedPattern, problemResponse, repeatedParam } from '../schemas/common.ts';
import { EventStreamMessageSchema } from '../schemas/realtime.ts';
import { StreamOutlet } from '../stream-outlet.ts';
import { StreamSlots } from '../stream-slots.ts';

/** How long a browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3000;
/** A topic is a resource prefix and a key (`reactions:page:/news/kantine`), so a little longer than a key. */
export const TOPIC_PATTERN = /^[^\s\p{Cc}\p{Cs}]{1,600}$/u;
export const TOPIC = z.string().regex(TOPIC_PATTERN, 'must be a topic like reactions:<key>').openapi({
  pattern: documentedPattern(TOPIC_PATTERN),
  example: 'reactions:page:/news/kantine',
});
export const EVENT_ID = z.string().regex(/^\d{1,15}$/, 'must be an event id this server sent');

const getEvents = createRoute({
  method: 'get',
  path: '/events',
  operationId: 'streamEvents',
  tags: ['realtime'],
  summary: 'Server-Sent Events for the given topics',
  description:
    'Each event has `id` (send it back as `Last-Event-ID`), `event` (the type) and `data` (a RealtimeEvent as JSON). ' +
    'A comment line arrives every 15 s. Reconnecting with `Last-Event-ID` (header) or `lastEventId` (query) replays what was missed; ' +
    'further behind than the server replays, an `event: reset` (its `id` is where to go on from) tells the client to reload instead. ' +
    'A client that falls behind by more than the server holds for it is disconnected, and resumes.',
  request: {
    query: z.object({
      topics: repeatedParam(TOPIC).openapi({ param: { style: 'form', explode: true } }),
      lastEventId: EVENT_ID.optional(),
    }),
    headers: z.object({ 'last-event-id': EVENT_ID.optional() }),
  },
  responses: {
    200: {
      description: 'An endless `text/event-stream`; each message is described by this schema.',
      content: { 'text/event-stream': { schema: EventStreamMessageSchema } },
    },
    400: problemResponse(`No topics, more than ${LIMITS.batchSize}, or a malformed Last-Event-ID.`),
    429: problemResponse('This person (or, signed out, this address) has as many streams open as allowed; `Retry-After` says when to try again.'),
    503: problemResponse('The server has as many streams open as it is set up for; `Retry-After` says when to try again.'),
  },
});

export function registerEventRoutes(api: Api, { bus, db, options }: Services): void {
  const slots = new StreamSlots(options);
  const limits = { backlogBytes: options.streamBacklogBytes, idleMs: options.streamIdleSeconds * 1000 };
  api.openapi(getEvents, (c) => {
    const { topics, lastEventId } = c.req.valid('query');
    // The header wins: the browser sets it on reconnect, while the query is from the first connect.
    const resumeFrom = c.req.valid('header')['last-event-id'] ?? lastEventId;
    if (resumeFrom !== undefined && !Number.isSafeInteger(Number(resumeFrom))) {
      throw new ProblemError('validation', 400, 'Last-Event-ID is out of range.', 'lastEventId');
    }
    const viewer = c.get('user')?.person.id ?? null;
    const release = slots.take(peerKey(c), viewer);
    // `activities:following` and `activities:space:<key>` are worked out per stream (feed-topics.ts).
    const feed = new FeedTopics(new Set(topics), viewer);
    const socket = socketOf(c);
    const outlet = new StreamOutlet(
      limits,
      (why) => {
        release();
        if (why === 'backlog' || why === 'idle') {
          options.logger.info(`Realtime: cut a stream that ${why === 'idle' ? 'took nothing for a while' : 'fell too far behind'}; it may resume.`);
        }
      },
      socket && (() => socket.destroy()),
    );
    const from = resumeFrom === undefined ? null : Number(resumeFrom);
    eventStream(outlet, { bus, db, feed, resumeFrom: from, replayMax: options.replayMaxEvents, logger: options.logger });
    return new Response(outlet.stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        // no-transform and X-Accel-Buffering keep proxies from compressing or buffering the stream; private: the following feed is the reader's.
        'cache-control': 'private, no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  });
}

/** The request's socket, when served by @hono/node-server. */
function socketOf(c: Context): Socket | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
}

interface StreamSource {
  bus: EventBus;
  db: Queryable;
  feed: FeedTopics;
  resumeFrom: number | null;
  /** Further behind than this many events, the client is told to reload (`reset`) instead. */
  replayMax: number;
  logger: Logger;
}

/**
 * The stream of one subscriber. Live events are subscribed to *before* the
 * replay query runs (and before a `following` feed loads whom the viewer
 * follows) and held back until it ends, so an event committed in between is
 * neither lost nor sent twice. Live events are otherwise sent as they come,
 * never dropped for arriving out of id order (with several instances, commits
 * and ids need not agree). Every event passes `feed.route`, in id order,
 * which drops, keeps or renames it for the topics asked for. A replay waits
 * for the client to keep up (`outlet.room()`); live events that outrun it cut
 * the stream (StreamOutlet).
 */
function eventStream(outlet: StreamOutlet, { bus, db, feed, resumeFrom, replayMax, logger }: StreamSource): void {
  const write = (text: string) => outlet.write(encoder.encode(text));
  const deliver = (stored: StoredEvent) => {
    for (const routed of feed.route(stored)) outlet.write(encoded(routed));
  };
  let held: StoredEvent[] | null = resumeFrom === null && !feed.needsResolving ? null : [];
  const unsubscribe = bus.subscribe({
    topics: feed.sources,
    wants: feed.wants,
    send: (stored) => (held ? held.push(stored) : deliver(stored)),
    heartbeat: () => {
      write(': heartbeat\n\n');
      outlet.checkIdle();
    },
    close: () => outlet.close(),
  });
  outlet.onClosed(unsubscribe);
  // The padding pushes the start past proxies that buffer the first kilobytes. `ready` lets the
  // client tell a stream that works from one a proxy holds back (it then polls), and its id is
  // where this stream starts, so a reconnect before the first event still misses nothing.
  write(`:${' '.repeat(2048)}\nretry: ${RETRY_MS}\n\nid: ${resumeFrom ?? bus.watermark}\nevent: ready\ndata: {}\n\n`);
  if (held === null) return;
  void (async () => {
    try {
      const replayTopics = await feed.resolve(db, resumeFrom);
      const replayed = new Set<number>();
      let after = resumeFrom ?? -1;
      if (resumeFrom !== null && (await bus.mustReset(replayTopics, resumeFrom, replayMax))) {
        // Too far behind to replay: the client reloads what it shows and goes on from here.
        after = bus.watermark;
        write(`id: ${after}\nevent: reset\ndata: {}\n\n`);
      } else if (resumeFrom !== null) {
        for await (const stored of bus.replay(replayTopics, resumeFrom)) {
          replayed.add(stored.id);
          deliver(stored);
          await outlet.room();
          if (!outlet.isOpen) return;
        }
      }
      for (const stored of held ?? []) if (stored.id > after && !replayed.has(stored.id)) deliver(stored);
      held = null;
    } catch (error) {
      logger.error('Could not replay events', error);
      outlet.close();
    }
  })();
}

const encoder = new TextEncoder();
/** Every stream carrying an event sends the same bytes: encoded once, shared by every queue it waits in. */
const encodings = new WeakMap<StoredEvent, Uint8Array>();

function encoded(stored: StoredEvent): Uint8Array {
  let bytes = encodings.get(stored);
  if (!bytes) {
    bytes = encoder.encode(`id: ${stored.id}\nevent: ${stored.event.type}\ndata: ${JSON.stringify(stored.event)}\n\n`);
    encodings.set(stored, bytes);
  }
  return bytes;
}
