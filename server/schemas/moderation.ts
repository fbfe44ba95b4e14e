import { z } from '@hono/zod-openapi';
import {
  LIMITS,
  MODERATION_ACTIONS,
  type ModerationAudit,
  type ModerationLog,
  type ModerationReason,
  type ModerationReport,
  type ModerationReports,
  type NewReport,
  type Report,
} from '../../src/core/protocol.ts';
import { CommentIdSchema, CommentSchema, prose, TimestampSchema } from './comment.ts';
import { KeySchema, orNull, type Expect, type Same } from './common.ts';
import { PersonIdSchema, PersonSchema, PersonTagSchema } from './person.ts';

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

export const ModerationReasonSchema = z
  .strictObject({
    reason: prose(LIMITS.reportReasonLength).optional().openapi({ example: 'Persönlicher Angriff; siehe Netiquette Abschnitt 2.' }),
  })
  .openapi('ModerationReason');
export type ModerationReasonMatches = Expect<Same<z.infer<typeof ModerationReasonSchema>, ModerationReason>>;

/** The optional JSON body of every moderating write: the reason the audit log keeps. */
export const moderationReasonBody = {
  required: false,
  description: 'Optional: why, kept in the audit log of moderation (`GET /moderation/audit`).',
  content: { 'application/json': { schema: ModerationReasonSchema } },
} as const;

const TARGET_DESCRIPTION = '`comment:<id>`, `activity:<id>` (a status post) or the key of the thread closed or reopened.';

export const ModerationAuditEntrySchema = z
  .object({
    id: z.string(),
    action: z.enum(MODERATION_ACTIONS),
    target: KeySchema.openapi({ description: TARGET_DESCRIPTION }),
    threadKey: orNull(KeySchema).openapi({ description: 'The thread of a comment or of a close; null for a status post.' }),
    actor: z
      .object({ id: z.string().nullable(), name: z.string().nullable() })
      .openapi({ description: 'The moderator, as they were named when they acted; kept when they are erased (decision 157).' }),
    reason: z.string().nullable(),
    snapshot: z
      .object({ authorId: z.string().nullable(), excerpt: z.string().nullable(), reportsResolved: z.number().int() })
      .openapi('ModerationSnapshot', {
        description:
          'The target as it was: its author (null once erased) and first words (null once erased with `PLAZA_ERASE_MODE=delete`), ' +
          'and how many open reports the act resolved.',
      }),
    createdAt: TimestampSchema,
  })
  .openapi('ModerationAuditEntry');

export const ModerationAuditSchema = z
  .object({ items: z.array(ModerationAuditEntrySchema), nextCursor: z.string().nullable() })
  .openapi('ModerationAudit');
export type ModerationAuditMatches = Expect<Same<z.infer<typeof ModerationAuditSchema>, ModerationAudit>>;

const Instant = z.iso.datetime({ offset: true });

export const ModerationAuditQuery = z.object({
  actor: PersonIdSchema.optional().openapi({ description: 'Only what this moderator did.' }),
  action: z.enum(MODERATION_ACTIONS).optional(),
  target: KeySchema.optional().openapi({ description: `Only this target: ${TARGET_DESCRIPTION}` }),
  thread: KeySchema.optional().openapi({ description: 'Only acts on this thread or its comments.' }),
  from: Instant.optional().openapi({ description: 'From this moment on (inclusive), e.g. `2026-03-01T00:00:00Z`.' }),
  to: Instant.optional().openapi({ description: 'Before this moment (exclusive).' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: '`csv`: the matching entries as CSV (also for `Accept: text/csv`).' }),
});
