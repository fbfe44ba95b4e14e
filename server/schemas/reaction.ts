import { z } from '@hono/zod-openapi';
import type { ReactionBatch, ReactionPeople, ReactionSummary } from '../../src/core/protocol.ts';
import { KeySchema, type Expect, type Same } from './common.ts';
import { PersonSchema } from './person.ts';

export const CountsSchema = z
  .record(z.string(), z.number().int().nonnegative())
  .openapi({ example: { like: 3, love: 1, celebrate: 0, insight: 0, surprise: 0 } });

export const ReactionSummarySchema = z
  .object({
    target: KeySchema,
    counts: CountsSchema,
    mine: z.array(z.string()).openapi({ example: ['like'], description: "The current user's kinds; empty when signed out." }),
  })
  .openapi('ReactionSummary');
export type ReactionSummaryMatches = Expect<Same<z.infer<typeof ReactionSummarySchema>, ReactionSummary>>;

export const ReactionBatchSchema = z.object({ items: z.array(ReactionSummarySchema) }).openapi('ReactionBatch');
export type ReactionBatchMatches = Expect<Same<z.infer<typeof ReactionBatchSchema>, ReactionBatch>>;

export const ReactionPeopleSchema = z
  .object({
    items: z.array(PersonSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Opaque; pass it back as `cursor` for the next page.' }),
    total: z.number().int().nonnegative(),
  })
  .openapi('ReactionPeople');
export type ReactionPeopleMatches = Expect<Same<z.infer<typeof ReactionPeopleSchema>, ReactionPeople>>;
