import { z } from '@hono/zod-openapi';
import {
  LIMITS,
  MODERATION_ACTIONS,
  type ModerationLog,
  type ModerationReport,
  type ModerationReports,
  type NewReport,
  type Report,
} from '../../src/core/protocol.ts';
import { CommentIdSchema, CommentSchema, prose, TimestampSchema } from './comment.ts';
import { KeySchema, orNull, type Expect, type Same } from './common.ts';
import { PersonSchema, PersonTagSchema } from './person.ts';

export const NewReportSchema = z
  .strictObject({ reason: prose(LIMITS.reportReasonLength).openapi({ example: 'Beleidigend gegenüber einer Kollegin.' }) })
  .openapi('NewReport');
export type NewReportMatches = Expect<Same<z.infer<typeof NewReportSchema>, NewReport>>;

export const ReportSchema = z
  .object({ id: z.string(), commentId: CommentIdSchema, reason: z.string(), createdAt: TimestampSchema })
  .openapi('Report');
export type ReportMatches = Expect<Same<z.infer<typeof ReportSchema>, Report>>;

export const ModerationReportSchema = ReportSchema.extend({
  comment: CommentSchema,
  reporter: orNull(PersonSchema),
}).openapi('ModerationReport');
export type ModerationReportMatches = Expect<Same<z.infer<typeof ModerationReportSchema>, ModerationReport>>;

export const ModerationReportsSchema = z
  .object({ items: z.array(ModerationReportSchema), nextCursor: z.string().nullable() })
  .openapi('ModerationReports');
export type ModerationReportsMatches = Expect<Same<z.infer<typeof ModerationReportsSchema>, ModerationReports>>;

export const ModerationLogSchema = z
  .object({
    items: z.array(
      z
        .object({
          id: z.string(),
          action: z.enum(MODERATION_ACTIONS),
          target: KeySchema.openapi({ description: '`comment:<id>`, `activity:<id>` (a status post) or the key of the thread closed or reopened.' }),
          moderator: orNull(PersonTagSchema).openapi({ description: 'Null when the moderator erased their data.' }),
          createdAt: TimestampSchema,
        })
        .openapi('ModerationLogEntry'),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('ModerationLog');
export type ModerationLogMatches = Expect<Same<z.infer<typeof ModerationLogSchema>, ModerationLog>>;
