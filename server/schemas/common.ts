import { z } from '@hono/zod-openapi';
import { KEY_PATTERN, LIMITS, PROBLEM_TYPES, type Problem } from '../../src/core/protocol.ts';

/**
 * `Same<A, B>` is `true` only when A and B are the same type (shallowly
 * flattened, so `Page<T> & { total }` compares equal to one object). Each schema
 * file declares `export type … = Expect<Same<z.infer<typeof S>, ProtocolType>>`
 * so a drift between the zod schema and src/core/protocol.ts fails `tsc`.
 */
export type Same<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends (<T>() => T extends Flat<B> ? 1 : 2) ? true : false;
export type Expect<T extends true> = T;
type Flat<T> = { [K in keyof T]: T[K] };

/** zod-to-openapi mangles regex flags, so the documented pattern is given explicitly. */
export const KeySchema = z
  .string()
  .regex(KEY_PATTERN, 'must be 1–512 printable characters without spaces')
  .openapi({ pattern: KEY_PATTERN.source, example: 'page:/news/kantine', description: 'An opaque key chosen by the page.' });

/** A list given as a repeated query parameter (`?t=a&t=b`); a single value arrives as a string. */
export function repeatedParam<T extends z.ZodType>(item: T, max: number = LIMITS.batchSize) {
  return z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(item).min(1).max(max));
}

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: PROBLEM_TYPES.validation, description: 'Stable: clients switch on it.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    field: z.string().optional().openapi({ description: 'The offending input, e.g. `kind` or `targets.2`.' }),
    instance: z.string().optional(),
  })
  .openapi('Problem');
export type ProblemMatches = Expect<Same<z.infer<typeof ProblemSchema>, Problem>>;

/** A response entry for the OpenAPI document: an error in problem+json. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } } as const;
}
