import { createRoute, z } from '@hono/zod-openapi';
import type { RealtimePoll } from '../../src/core/protocol.ts';
import { BehaviourRules } from '../behaviour-rules.ts';
import type { Api, Services } from '../context.ts';
import { FeedTopics, replayFeed } from '../events/feed-topics.ts';
import { jsonResponse, problemResponse, repeatedParam, type Expect, type Same } from '../schemas/common.ts';
import { RealtimeEventSchema } from '../schemas/realtime.ts';
import { eventIdBefore } from '../events/log.ts';
import { EVENT_ID, TOPIC } from '../schemas/realtime.ts';

/** Events per answer; a client with more waiting polls again at once (`more`). */
const POLL_PAGE = 200;
/** How far back a first poll may reach: a little more than the client's wait for a stream. */
const MAX_WITHIN_S = 60;

const RealtimePollSchema = z
  .object({
    events: z.array(z.object({ id: z.string(), event: RealtimeEventSchema })),
    lastEventId: z.string(),
    more: z.boolean(),
    reset: z.literal(true).optional(),
  })
  .openapi('RealtimePoll');
export type RealtimePollMatches = Expect<Same<z.infer<typeof RealtimePollSchema>, RealtimePoll>>;

const pollEvents = createRoute({
  method: 'get',
  path: '/events/poll',
  operationId: 'pollEvents',
  tags: ['realtime'],
  summary: 'The events of `/events` as JSON, for networks that block streams',
  description:
    'Where a proxy buffers or refuses `text/event-stream`, the client asks this every few seconds instead. ' +
    'Without `after`, the answer has the events of the last `within` seconds (none by default) and the id to go on from: ' +
    'a client whose stream turned out to be blocked asks for the time it waited for it. ' +
    'Further behind than the server replays, the answer is `reset: true` with no events: reload, then go on from `lastEventId`.',
  request: {
    query: z.object({
      topics: repeatedParam(TOPIC).openapi({ param: { style: 'form', explode: true } }),
      after: EVENT_ID.optional(),
      within: z.coerce.number().int().min(0).max(MAX_WITHIN_S).default(0).openapi({ description: 'Seconds; only without `after`.' }),
    }),
  },
  responses: {
    200: jsonResponse(RealtimePollSchema, 'Events after `after` on these topics, oldest first.'),
    400: problemResponse('No topics, more than the batch limit, or a malformed `after`.'),
  },
});

export function registerEventPollRoutes(api: Api, { bus, db, options }: Services): void {
  api.openapi(pollEvents, async (c) => {
    const { topics, after, within } = c.req.valid('query');
    if (after === undefined && within === 0) return c.json({ events: [], lastEventId: String(bus.watermark), more: false } satisfies RealtimePoll, 200);
    // Read before replaying: the replay reaches at least this far, so a poll that found nothing new may skip to it.
    const watermark = bus.watermark;
    const events: RealtimePoll['events'] = [];
    let last = after === undefined ? await eventIdBefore(db, within) : Number(after);
    // Further behind than a replay may reach: reload instead (as on the stream). Derived topics count by what they are made of.
    const viewer = c.get('user')?.person.id ?? null;
    const feed = new FeedTopics(new Set(topics), viewer, new BehaviourRules(options, viewer));
    if (await bus.mustReset([...feed.sources], last, options.replayMaxEvents)) {
      return c.json({ events: [], lastEventId: String(watermark), more: false, reset: true } satisfies RealtimePoll, 200);
    }
    let more = false;
    // As on the stream, `activities:following` and `activities:space:<key>` are worked out from the log (feed-topics.ts).
    for await (const stored of replayFeed(bus, db, feed, last)) {
      // Copies of one event (under several topic names) share its id: never split them over two answers.
      if (events.length >= POLL_PAGE && stored.id !== last) {
        more = true;
        break;
      }
      events.push({ id: String(stored.id), event: stored.event });
      last = stored.id;
    }
    // Everything up to the watermark on these topics is in this answer: the next poll starts there and scans less of the log.
    if (!more) last = Math.max(last, watermark);
    return c.json({ events, lastEventId: String(last), more } satisfies RealtimePoll, 200);
  });
}
