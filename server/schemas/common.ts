import { z } from '@hono/zod-openapi';
import { KEY_PATTERN, LIMITS, PROBLEM_TYPES, type Problem } from '../../src/core/protocol.ts';
import { isWellFormed } from '../../src/core/text.ts';

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

/** What `\s` and the Unicode classes the patterns use stand for, as ranges inside a character class. */
const SPELLED_OUT: Record<string, string> = {
  '\\s': '\\t-\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff',
  '\\p{Cc}': '\\u0000-\\u001f\\u007f-\\u009f',
  // A lone surrogate cannot be excluded in a pattern that engines counting UTF-16 units read
  // alike: it would refuse every emoji. The server refuses them (400); the pattern does not.
  '\\p{Cs}': '',
};

/**
 * The `pattern` to publish for one of our `u`-flag regexes. zod-to-openapi
 * copies a regex's source with its flags appended (`…$/u`, a pattern that
 * matches nothing), and a validator without the `u` flag (Spectral, many
 * generated clients) reads `\p{Cc}` as the letter `p`, refusing every key with
 * one. The published form spells the classes out as ranges, which every
 * ECMA-262 engine reads alike with or without `u`. Only for escapes inside a
 * character class (`[^\s\p{Cc}]`), as all of ours are; openapi-patterns.test.ts
 * checks each published pattern against its regex, character by character.
 */
export function documentedPattern(pattern: RegExp): string {
  const source = pattern.source.replace(/\\s|\\p\{C[cs]\}/g, (token) => SPELLED_OUT[token]!);
  if (/\\[pPsS]/.test(source)) throw new Error(`documentedPattern cannot spell out ${pattern}`);
  return source;
}

/** zod-to-openapi mangles regex flags, so the documented pattern is given explicitly. */
export const KeySchema = z
  .string()
  .refine(isWellFormed, 'must be well-formed Unicode (it has half of a surrogate pair)')
  .regex(KEY_PATTERN, 'must be 1–512 printable characters without spaces')
  .openapi({ pattern: documentedPattern(KEY_PATTERN), example: 'page:/news/kantine', description: 'An opaque key chosen by the page.' });

/**
 * `schema | null` for a schema registered under a name. zod-to-openapi renders
 * `Named.nullable()` as a bare `$ref` (or an `allOf` null cannot pass), which
 * would tell clients the value is never null; a union renders as
 * `anyOf: [$ref, {type: null}]`.
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

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

/** A response entry for the OpenAPI document: JSON of `schema`. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A request body entry for the OpenAPI document: required JSON of `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** The `Idempotency-Key` header every POST accepts (server/idempotency.ts checks its form). */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().optional().openapi({
    description: 'A fresh random value (e.g. a UUID) per intended write: a retry with the same key gets the first answer.',
    example: '7f1c2a9e-6a43-4c1e-9d1a-2b1f0c7d9e11',
  }),
});

/** `?cursor=&limit=` of a paged list. */
export function pageQuery(defaultLimit: number, maxLimit: number = LIMITS.batchSize) {
  return {
    cursor: z.string().max(1000).optional().openapi({ description: '`nextCursor` of the previous page.' }),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  };
}
