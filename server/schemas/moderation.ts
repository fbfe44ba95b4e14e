import { z } from '@hono/zod-openapi';
import { LIMITS, type ModerationReport, type ModerationReports, type NewReport, type Report } from '../../src/core/protocol.ts';
import { CommentIdSchema, CommentSchema, prose, TimestampSchema } from './comment.ts';
import { orNull, type Expect, type Same } from './common.ts';
import { PersonSchema } from './person.ts';

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
