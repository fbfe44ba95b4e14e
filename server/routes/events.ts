import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { LIMITS } from '../../src/core/protocol.ts';
import { BehaviourRules } from '../behaviour-rules.ts';
import type { Api, Services } from '../context.ts';
import { LiveStream } from '../events/live-stream.ts';
import { StreamOutlet } from '../events/stream-outlet.ts';
import { MAX_STREAM_TOPICS } from '../events/stream-registry.ts';
import { peerKey } from '../peer-address.ts';
import { ProblemError } from '../problem.ts';
import { jsonBody, problemResponse, repeatedParam } from '../schemas/common.ts';
import { EVENT_ID, EventStreamMessageSchema, StreamTopicsChangeSchema, TOPIC } from '../schemas/realtime.ts';


const getEvents = createRoute({
  method: 'get',
  path: '/events',
  operationId: 'streamEvents',
  tags: ['realtime'],
  summary: 'Server-Sent Events for the given topics',
  description:
    'The first event is `ready`: its `id` is where the stream starts, its `data` names the stream (`{"stream":"…"}`) for `POST /events/{stream}/topics`. ' +
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

const postTopics = createRoute({
  method: 'post',
  path: '/events/{stream}/topics',
  operationId: 'changeStreamTopics',
  tags: ['realtime'],
  summary: 'Adds topics to an open event stream, or removes them',
  description:
    'The stream is named by the `stream` of its `ready` event. Added topics replay their events after `after` ' +
    '(without `id` lines, since they lie before what the stream sent), then arrive live; a page thus keeps one stream ' +
    `whatever it shows (at most ${MAX_STREAM_TOPICS} topics). A stream that reconnects is a new stream, with only the topics of its URL: ` +
    'add the others again, after the id it resumed from.',
  request: {
    params: z.object({ stream: z.string().regex(/^[\w-]{1,64}$/, 'must be the stream of a ready event') }),
    body: jsonBody(StreamTopicsChangeSchema),
  },
  responses: {
    202: { description: 'Sent on to the instance that holds the stream (several instances on PostgreSQL).' },
    204: { description: 'Done: added topics are live on the stream, their replay sent.' },
    400: problemResponse(`A malformed topic, more than ${LIMITS.batchSize} in a list, or more than ${MAX_STREAM_TOPICS} on the stream.`),
    403: problemResponse('Someone else opened this stream.'),
    404: problemResponse('No such stream is open (it ended, or never was): open a new one.'),
    413: problemResponse('The body is larger than the server accepts.'),
    415: problemResponse('The body is not JSON.'),
    429: problemResponse('Too many requests; see `Retry-After`.'),
  },
});

export function registerEventRoutes(api: Api, { bus, db, options, streamSlots: slots, streamRegistry: registry }: Services): void {
  const limits = { backlogBytes: options.streamBacklogBytes, idleMs: options.streamIdleSeconds * 1000 };
  api.openapi(getEvents, async (c) => {
    const { topics, lastEventId } = c.req.valid('query');
    // The header wins: the browser sets it on reconnect, while the query is from the first connect.
    const resumeFrom = c.req.valid('header')['last-event-id'] ?? lastEventId;
    if (resumeFrom !== undefined && !Number.isSafeInteger(Number(resumeFrom))) {
      throw new ProblemError('validation', 400, 'Last-Event-ID is out of range.', 'lastEventId');
    }
    const viewer = c.get('user')?.person.id ?? null;
    await registry.listenForForwarded();
    const release = slots.take(peerKey(c), viewer);
    let unregister = () => {};
    const socket = socketOf(c);
    const outlet = new StreamOutlet(
      limits,
      (why) => {
        release();
        unregister();
        if (why === 'backlog' || why === 'idle') {
          options.logger.info(`Realtime: cut a stream that ${why === 'idle' ? 'took nothing for a while' : 'fell too far behind'}; it may resume.`);
        }
      },
      socket && (() => socket.destroy()),
    );
    const from = resumeFrom === undefined ? null : Number(resumeFrom);
    // `activities:following` and `activities:space:<key>` are worked out per stream (feed-topics.ts).
    const source = { bus, db, viewer, rules: new BehaviourRules(options, viewer), resumeFrom: from, replayMax: options.replayMaxEvents, logger: options.logger };
    const stream = new LiveStream(outlet, source, new Set(topics), randomBytes(16).toString('base64url'));
    if (outlet.isOpen) unregister = registry.add(stream, viewer);
    return new Response(outlet.stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        // no-transform and X-Accel-Buffering keep proxies from compressing or buffering the stream; private: the following feed is the reader's.
        'cache-control': 'private, no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    });
  });

  api.openapi(postTopics, async (c) => {
    const { add = [], remove = [], after } = c.req.valid('json');
    const viewer = c.get('user')?.person.id ?? null;
    const done = await registry.change(c.req.valid('param').stream, viewer, { add, remove, after: after === undefined ? null : Number(after) });
    return c.body(null, done === 'applied' ? 204 : 202);
  });
}

/** The request's socket, when served by @hono/node-server. */
function socketOf(c: Context): Socket | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
}
