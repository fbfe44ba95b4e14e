import { z } from '@hono/zod-openapi';
import {
  ACTIVITY_KINDS,
  ACTIVITY_SCOPE_PATTERN,
  type Activity,
  type ActivityPage,
  type NewStatusPost,
  type ThreadPage,
} from '../../src/core/protocol.ts';
import { COMMENT_ID_PATTERN, prose, TimestampSchema } from './comment.ts';
import { documentedPattern, KeySchema, orNull, pageQuery, type Expect, type Same } from './common.ts';
import { PersonTagSchema } from './person.ts';
import { ReactionSummarySchema } from './reaction.ts';

/** Activity ids are ULIDs, like comment ids (server/ids.ts). */
export const ActivityIdSchema = z
  .string()
  .regex(COMMENT_ID_PATTERN, 'must be an activity id')
  .openapi({ pattern: COMMENT_ID_PATTERN.source, example: '01JQ3V6Z5X8M2N4P6R8T0V2X4Z' });

export const ActivityKindSchema = z.enum(ACTIVITY_KINDS);

export const ThreadPageSchema = z
  .object({
    url: z.string().openapi({ format: 'uri', example: 'https://intranet.stadtwerke-musterstadt.example/news/kantine' }),
    title: z.string().optional().openapi({ example: 'Neue Speisekarte in der Kantine' }),
  })
  .openapi('ThreadPage');
export type ThreadPageMatches = Expect<Same<z.infer<typeof ThreadPageSchema>, ThreadPage>>;

export const ActivitySchema = z
  .object({
    id: ActivityIdSchema,
    kind: ActivityKindSchema,
    actor: orNull(PersonTagSchema).openapi({ description: 'Null when they erased their data (status posts only).' }),
    createdAt: TimestampSchema,
    text: z.string().openapi({ description: '`status`, `comment`: Markdown; otherwise empty.', example: 'Zählerwechsel im Neubaugebiet erledigt 💪' }),
    html: z.string().openapi({
      description: '`text` as HTML, rendered by the server (empty exactly when `text` is). A client must still sanitise it.',
      example: '<p>Zählerwechsel im Neubaugebiet erledigt 💪</p>',
    }),
    mentions: z.array(z.string()),
    space: KeySchema.nullable(),
    target: orNull(z.object({ key: KeySchema, page: orNull(ThreadPageSchema) })),
    commentId: z.string().nullable(),
    reaction: z.string().nullable(),
    subject: orNull(PersonTagSchema),
    reactions: orNull(ReactionSummarySchema).openapi({ description: 'Status posts: reactions to `activity:<id>`; otherwise null.' }),
  })
  .openapi('Activity');
export type ActivityMatches = Expect<Same<z.infer<typeof ActivitySchema>, Activity>>;

export const ActivityPageSchema = z
  .object({
    items: z.array(ActivitySchema),
    nextCursor: z.string().nullable().openapi({ description: 'Opaque; pass it back as `cursor`.' }),
  })
  .openapi('ActivityPage');
export type ActivityPageMatches = Expect<Same<z.infer<typeof ActivityPageSchema>, ActivityPage>>;

export const ActivityScopeSchema = z
  .string()
  .regex(ACTIVITY_SCOPE_PATTERN, 'must be all, following, user:<id> or space:<key>')
  .openapi({ pattern: documentedPattern(ACTIVITY_SCOPE_PATTERN), example: 'following' });

/** `kinds=status&kinds=comment` or `kinds=status,comment`. */
const KindsParam = z
  .preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z.array(z.string()).transform((values) => [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()))]),
  )
  .pipe(z.array(ActivityKindSchema).min(1))
  .optional()
  .openapi({
    type: 'array',
    items: { type: 'string', enum: [...ACTIVITY_KINDS] },
    param: { style: 'form', explode: true },
    description: 'Only these kinds (repeated or comma-separated); all when left out.',
  });

export const ActivityQuerySchema = z.object({
  scope: ActivityScopeSchema.default('all'),
  kinds: KindsParam,
  ...pageQuery(20, 50),
});

/** Request bodies depend on the configured comment length, so they are made per server. Strict: an unknown field is a 400. */
export function activityBodySchemas(maxCommentLength: number) {
  const NewStatusPostSchema = z
    .strictObject({
      text: prose(maxCommentLength).openapi({ description: 'Markdown, as in comments; mentions are `@[Name](person:id)`.', example: 'Wer kommt mit zum Firmenlauf?' }),
      space: KeySchema.optional().openapi({ description: 'Post to this space instead of your own feed only.', example: 'page:/news/' }),
    })
    .openapi('NewStatusPost');
  return { NewStatusPostSchema };
}
export type NewStatusPostMatches = Expect<Same<z.infer<ReturnType<typeof activityBodySchemas>['NewStatusPostSchema']>, NewStatusPost>>;
