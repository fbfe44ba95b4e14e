import { z } from '@hono/zod-openapi';
import { LIMITS, type RealtimeEvent, type StreamTopicsChange } from '../../src/core/protocol.ts';
import { ActivityIdSchema, ActivitySchema } from './activity.ts';
import { CommentDeletionSchema, CommentRecordSchema, ThreadSummarySchema } from './comment.ts';
import { KeySchema, type Expect, type Same } from './common.ts';
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

export const CommentCreatedEventSchema = z
  .object({
    type: z.literal('comment.created'),
    topic: topic('comments:page:/news/kantine'),
    comment: CommentRecordSchema,
    count: z.number().int().nonnegative(),
  })
  .openapi('CommentCreatedEvent');

export const CommentUpdatedEventSchema = CommentCreatedEventSchema.extend({ type: z.literal('comment.updated') }).openapi(
  'CommentUpdatedEvent',
);

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

export const ActivityDeletedEventSchema = z
  .object({
    type: z.literal('activity.deleted'),
    topic: topic('activities:all'),
    id: ActivityIdSchema.openapi({ description: 'Names nobody: a moderator may have hidden or deleted it.' }),
  })
  .openapi('ActivityDeletedEvent');

export const RealtimeEventSchema = z
  .discriminatedUnion('type', [
    ReactionChangedEventSchema,
    CommentCreatedEventSchema,
    CommentUpdatedEventSchema,
    CommentDeletedEventSchema,
    ThreadChangedEventSchema,
    FollowChangedEventSchema,
    ActivityCreatedEventSchema,
    ActivityDeletedEventSchema,
  ])
  .openapi('RealtimeEvent');
export type RealtimeEventMatches = Expect<Same<z.infer<typeof RealtimeEventSchema>, RealtimeEvent>>;

/** A topic is a resource prefix and a key (`reactions:page:/news/kantine`), so a little longer than a key. */
const TOPIC_PATTERN = /^[^\s\p{Cc}\p{Cs}]{1,600}$/u;
export const TOPIC = z.string().regex(TOPIC_PATTERN, 'must be a topic like reactions:<key>').openapi({
  pattern: TOPIC_PATTERN.source,
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
