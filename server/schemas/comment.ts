import { z } from '@hono/zod-openapi';
import {
  COMMENT_SORTS,
  type Comment,
  type CommentConflict,
  type CommentDeletion,
  type CommentEdit,
  type CommentRecord,
  type CommentThread,
  type NewComment,
  type Page,
  type ReactionWrite,
  type ThreadComment,
  type ThreadSummaries,
  type ThreadPage,
  type ThreadSummary,
} from '../../src/core/protocol.ts';
import { isBlank, isWellFormed } from '../../src/core/text.ts';
import { KeySchema, orNull, ProblemSchema, type Expect, type Same } from './common.ts';
import { PersonTagSchema } from './person.ts';
import { ReactionSummarySchema } from './reaction.ts';

/** Comment ids are ULIDs (server/ids.ts). */
export const COMMENT_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const CommentIdSchema = z
  .string()
  .regex(COMMENT_ID_PATTERN, 'must be a comment id')
  .openapi({ pattern: COMMENT_ID_PATTERN.source, example: '01JQ3V6Z5X8M2N4P6R8T0V2X4Z' });

export const TimestampSchema = z.string().openapi({ format: 'date-time', example: '2026-03-02T09:41:07.123456Z' });

/** Control characters other than tab and newlines: PostgreSQL cannot store NUL, and none of them belongs in a comment. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/**
 * Free text a person writes: at most `maxLength` UTF-16 code units (as the composer counts, not zod's
 * code points), no control characters, no lone surrogates, and something visible (src/core/text.ts).
 * `maxLength` in the OpenAPI document counts code points, so it is a bound the server may undercut.
 */
export function prose(maxLength: number) {
  return z
    .string()
    .refine((text) => text.length <= maxLength, `must be at most ${maxLength} characters (UTF-16 code units, as JavaScript counts)`)
    .refine((text) => !isBlank(text), 'must not be empty (spaces and invisible characters do not count)')
    .refine((text) => !CONTROL.test(text), 'must not contain control characters')
    .refine(isWellFormed, 'must be well-formed Unicode')
    .openapi({ maxLength });
}

export const CommentRecordSchema = z
  .object({
    id: CommentIdSchema,
    threadKey: KeySchema,
    parentId: CommentIdSchema.nullable(),
    author: orNull(PersonTagSchema).openapi({ description: 'Null for an erased author and on placeholders.' }),
    text: z.string().openapi({ description: 'Markdown; empty on placeholders.', example: 'Danke, @[Ayşe Demir](person:ayse.demir)!' }),
    html: z.string().openapi({
      description: '`text` as HTML, rendered by the server; empty exactly when `text` is. A client must still sanitise it.',
      example: '<p>Danke, <span class="mention" data-person-id="ayse.demir">@Ayşe Demir</span>!</p>',
    }),
    mentions: z.array(z.string()).openapi({ example: ['ayse.demir'] }),
    state: z.enum(['published', 'deleted', 'hidden']),
    version: z.number().int().positive(),
    createdAt: TimestampSchema,
    editedAt: TimestampSchema.nullable(),
  })
  .openapi('CommentRecord');
export type CommentRecordMatches = Expect<Same<z.infer<typeof CommentRecordSchema>, CommentRecord>>;

export const CommentSchema = CommentRecordSchema.extend({ reactions: ReactionSummarySchema }).openapi('Comment');
export type CommentMatches = Expect<Same<z.infer<typeof CommentSchema>, Comment>>;

export const ThreadCommentSchema = CommentSchema.extend({
  replies: z.array(CommentSchema),
  replyCount: z.number().int().nonnegative(),
  repliesCursor: z.string().nullable(),
}).openapi('ThreadComment');
export type ThreadCommentMatches = Expect<Same<z.infer<typeof ThreadCommentSchema>, ThreadComment>>;

export const CommentPageSchema = z
  .object({ items: z.array(CommentSchema), nextCursor: z.string().nullable() })
  .openapi('CommentPage');
export type CommentPageMatches = Expect<Same<z.infer<typeof CommentPageSchema>, Page<Comment>>>;

export const ThreadSummarySchema = z
  .object({ key: KeySchema, closed: z.boolean(), count: z.number().int().nonnegative() })
  .openapi('ThreadSummary');
export type ThreadSummaryMatches = Expect<Same<z.infer<typeof ThreadSummarySchema>, ThreadSummary>>;

export const ThreadSummariesSchema = z.object({ items: z.array(ThreadSummarySchema) }).openapi('ThreadSummaries');
export type ThreadSummariesMatches = Expect<Same<z.infer<typeof ThreadSummariesSchema>, ThreadSummaries>>;

export const CommentSortSchema = z.enum(COMMENT_SORTS);

export const CommentThreadSchema = ThreadSummarySchema.extend({
  items: z.array(ThreadCommentSchema),
  nextCursor: z.string().nullable().openapi({ description: 'Opaque; pass it back as `cursor`.' }),
  sort: CommentSortSchema,
  limits: z.object({ commentLength: z.number().int(), mentionsPerComment: z.number().int() }),
}).openapi('CommentThread');
export type CommentThreadMatches = Expect<Same<z.infer<typeof CommentThreadSchema>, CommentThread>>;

/**
 * `NewComment.page` as sent: only the types are checked here. A URL that is
 * not absolute http(s) is dropped and a long title cut (`threadPageOf` in
 * store/activities.ts), not refused: the comment matters more than its link.
 */
export const ThreadPageInputSchema = z
  .strictObject({
    url: z.string().openapi({ description: 'Absolute http(s) URL of the page the thread is on; anything else is ignored.' }),
    title: z.string().optional().openapi({ description: 'Cut to 200 characters.' }),
  })
  .openapi('ThreadPageInput');
export type ThreadPageInputMatches = Expect<Same<z.infer<typeof ThreadPageInputSchema>, ThreadPage>>;

/** `PUT /reactions/{target}/{kind}`'s optional body (here, beside the page it carries: reaction.ts is imported by this file). */
export const ReactionWriteSchema = z
  .strictObject({
    page: ThreadPageInputSchema.optional().openapi({
      description: 'The page the reaction bar is on: fills in the page of a key that has none, or a new title of the same page; never moves it.',
    }),
  })
  .openapi('ReactionWrite');
export type ReactionWriteMatches = Expect<Same<z.infer<typeof ReactionWriteSchema>, ReactionWrite>>;

/** Request bodies depend on the configured limits, so they are made per server. Strict: an unknown field is a 400. */
export function commentBodySchemas(maxCommentLength: number) {
  const text = prose(maxCommentLength).openapi({ description: 'Markdown.', example: 'Gute Idee!' });
  const page = ThreadPageInputSchema.optional().openapi({ description: 'The page the thread is shown on, for links from the activity feed; the latest wins.' });
  const NewCommentSchema = z.strictObject({ text, page, parentId: CommentIdSchema.optional() }).openapi('NewComment');
  const CommentEditSchema = z.strictObject({ text, version: z.number().int().positive() }).openapi('CommentEdit');
  return { NewCommentSchema, CommentEditSchema };
}
type BodySchemas = ReturnType<typeof commentBodySchemas>;
export type NewCommentMatches = Expect<Same<z.infer<BodySchemas['NewCommentSchema']>, NewComment>>;
export type CommentEditMatches = Expect<Same<z.infer<BodySchemas['CommentEditSchema']>, CommentEdit>>;

export const CommentConflictSchema = ProblemSchema.extend({ current: CommentSchema }).openapi('CommentConflict');
export type CommentConflictMatches = Expect<Same<z.infer<typeof CommentConflictSchema>, CommentConflict>>;

export const CommentDeletionSchema = z
  .object({
    id: CommentIdSchema,
    threadKey: KeySchema,
    parentId: CommentIdSchema.nullable(),
    tombstone: z.boolean(),
    count: z.number().int().nonnegative(),
  })
  .openapi('CommentDeletion');
export type CommentDeletionMatches = Expect<Same<z.infer<typeof CommentDeletionSchema>, CommentDeletion>>;
