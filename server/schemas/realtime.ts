import { z } from '@hono/zod-openapi';
import { LIMITS, type RealtimeEvent, type StreamTopicsChange } from '../../src/core/protocol.ts';
import { ActivityIdSchema, ActivitySchema } from './activity.ts';
import { CommentDeletionSchema, CommentRecordSchema, ThreadSummarySchema } from './comment.ts';
import { documentedPattern, KeySchema, type Expect, type Same } from './common.ts';
import {
  NotificationCreatedEventSchema,
  NotificationReadEventSchema,
  NotificationUpdatedEventSchema,
  NotificationWithdrawnEventSchema,
} from './notification.ts';
import { PersonSchema } from './person.ts';
import { CountsSchema } from './reaction.ts';

const topic = (example: string) => z.string().openapi({ example });
const actor = z.string().openapi({ description: 'The id of the person who made the change.' });

export const ReactionChangedEventSchema = z
  .object({
    type: z.literal('reaction.changed'),
    topic: topic('reactions:page:/news/kantine'),
    target: KeySchema,
    kind: z.string(),
    active: z.boolean(),
    actor: z.string().openapi({ description: 'The id of the person who reacted.' }),
    counts: CountsSchema,
  })
  .openapi('ReactionChangedEvent');

/**
 * A new or edited comment. Each event is its own object: extending the
 * registered CommentCreatedEvent would publish `allOf` it, whose `type` is
 * pinned to `comment.created`, so no `comment.updated` could match.
 */
const commentEvent = <T extends 'comment.created' | 'comment.updated'>(type: T) =>
  z.object({
    type: z.literal(type),
    topic: topic('comments:page:/news/kantine'),
    comment: CommentRecordSchema,
    count: z.number().int().nonnegative(),
  });

export const CommentCreatedEventSchema = commentEvent('comment.created').openapi('CommentCreatedEvent');
export const CommentUpdatedEventSchema = commentEvent('comment.updated').openapi('CommentUpdatedEvent');

export const CommentDeletedEventSchema = CommentDeletionSchema.extend({
  type: z.literal('comment.deleted'),
  topic: topic('comments:page:/news/kantine'),
}).openapi('CommentDeletedEvent');

export const ThreadChangedEventSchema = ThreadSummarySchema.extend({
  type: z.literal('thread.changed'),
  topic: topic('comments:page:/news/kantine'),
}).openapi('ThreadChangedEvent');

export const FollowChangedEventSchema = z
  .object({
    type: z.literal('follow.changed'),
    topic: topic('people:ayse.demir'),
    person: z.string(),
    actor: z.string().openapi({ description: 'The id of the follower.' }),
    active: z.boolean(),
    followers: z.number().int().nonnegative(),
  })
  .openapi('FollowChangedEvent');

export const ActivityCreatedEventSchema = z
  .object({
    type: z.literal('activity.created'),
    topic: topic('activities:following'),
    activity: ActivitySchema,
    actor,
  })
  .openapi('ActivityCreatedEvent');

export const ActivityUpdatedEventSchema = z
  .object({
    type: z.literal('activity.updated'),
    topic: topic('activities:all'),
    activity: ActivitySchema.openapi({ description: 'As every reader now sees it: a comment edited or with a mention relabelled by erasure, a status post relabelled, or one whose author was erased, with `actor` null. Replace the item if you show it.' }),
  })
  .openapi('ActivityUpdatedEvent');

export const ActivityDeletedEventSchema = z
  .object({
    type: z.literal('activity.deleted'),
    topic: topic('activities:all'),
    id: ActivityIdSchema.openapi({ description: 'Names nobody: a moderator may have hidden or deleted it.' }),
  })
  .openapi('ActivityDeletedEvent');

export const PersonUpdatedEventSchema = z
  .object({
    type: z.literal('person.updated'),
    topic: topic('people:ayse.demir'),
    person: PersonSchema.openapi({ description: 'The profile as it is now: show it wherever you show them.' }),
  })
  .openapi('PersonUpdatedEvent');

export const PersonErasedEventSchema = z
  .object({
    type: z.literal('person.erased'),
    topic: topic('people:ayse.demir'),
    person: z.string().openapi({ description: 'The id they had: drop their name and card wherever you show them.' }),
  })
  .openapi('PersonErasedEvent');

export const RealtimeEventSchema = z
  .discriminatedUnion('type', [
    ReactionChangedEventSchema,
    CommentCreatedEventSchema,
    CommentUpdatedEventSchema,
    CommentDeletedEventSchema,
    ThreadChangedEventSchema,
    FollowChangedEventSchema,
    ActivityCreatedEventSchema,
    ActivityUpdatedEventSchema,
    ActivityDeletedEventSchema,
    NotificationCreatedEventSchema,
    NotificationUpdatedEventSchema,
    NotificationWithdrawnEventSchema,
    NotificationReadEventSchema,
    PersonUpdatedEventSchema,
    PersonErasedEventSchema,
  ])
  .openapi('RealtimeEvent');
export type RealtimeEventMatches = Expect<Same<z.infer<typeof RealtimeEventSchema>, RealtimeEvent>>;

/** A topic is a resource prefix and a key (`reactions:page:/news/kantine`), so a little longer than a key. */
export const TOPIC_PATTERN = /^[^\s\p{Cc}\p{Cs}]{1,600}$/u;
export const TOPIC = z.string().regex(TOPIC_PATTERN, 'must be a topic like reactions:<key>').openapi({
  pattern: documentedPattern(TOPIC_PATTERN),
  example: 'reactions:page:/news/kantine',
});
export const EVENT_ID = z.string().regex(/^\d{1,15}$/, 'must be an event id this server sent');

export const StreamTopicsChangeSchema = z
  .object({
    add: z.array(TOPIC).max(LIMITS.batchSize).optional(),
    remove: z.array(TOPIC).max(LIMITS.batchSize).optional(),
    after: EVENT_ID.optional().openapi({ description: 'Replay the added topics\' events after this id (the position of the read they belong to).' }),
  })
  .openapi('StreamTopicsChange');
export type StreamTopicsChangeMatches = Expect<Same<z.infer<typeof StreamTopicsChangeSchema>, StreamTopicsChange>>;

const streamId = z.string().openapi({ description: 'The `id:` field: send it back as `Last-Event-ID` to go on from there.', example: '1042' });
const streamControl = (event: 'ready' | 'reset', description: string) =>
  z.object({ event: z.literal(event), id: streamId, data: z.object({}).strict() }).openapi({ description });

/**
 * One message of `GET /events` as a client's SSE parser hands it over: its
 * `event`, `id` and `data` fields, `data` parsed as JSON. Every RealtimeEvent
 * comes as a message named by its `type`; two more say how the stream goes.
 */
export const EventStreamMessageSchema = z
  .discriminatedUnion('event', [
    z
      .object({ event: z.literal('ready'), id: streamId, data: z.object({ stream: z.string() }).strict() })
      .openapi({ description: 'The first message of every stream: it works (a proxy is not holding it back), starts after `id`, and names the stream for `POST /events/{stream}/topics`.' }),
    streamControl('reset', 'Further behind than the server replays: reload what you show, then go on from `id`.'),
    ...RealtimeEventSchema.options.map((schema) => z.object({ event: z.literal(schema.shape.type.value), id: streamId, data: schema })),
  ])
  .openapi('EventStreamMessage', {
    description:
      'A message of the event stream, its fields as the SSE format names them (`data` parsed as JSON). ' +
      'Comment lines (the opening padding, heartbeats) and the `retry:` field carry no message.',
  });
