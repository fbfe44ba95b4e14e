import { z } from '@hono/zod-openapi';
import type { RealtimeEvent } from '../../src/core/protocol.ts';
import { KeySchema, type Expect, type Same } from './common.ts';
import { CountsSchema } from './reaction.ts';

export const ReactionChangedEventSchema = z
  .object({
    type: z.literal('reaction.changed'),
    topic: z.string().openapi({ example: 'reactions:page:/news/kantine' }),
    target: KeySchema,
    kind: z.string(),
    active: z.boolean(),
    actor: z.string().openapi({ description: 'The id of the person who reacted.' }),
    counts: CountsSchema,
  })
  .openapi('ReactionChangedEvent');

/** Grows into a discriminated union as comments and follows add event types. */
export const RealtimeEventSchema = ReactionChangedEventSchema;
export type RealtimeEventMatches = Expect<Same<z.infer<typeof RealtimeEventSchema>, RealtimeEvent>>;
