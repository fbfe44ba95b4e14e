import { z } from '@hono/zod-openapi';
import type { ErasureReceipt, PersonalDataExport } from '../../src/core/protocol.ts';
import { CommentRecordSchema, TimestampSchema } from './comment.ts';
import { KeySchema, type Expect, type Same } from './common.ts';
import { ModerationAuditEntrySchema } from './moderation.ts';
import { PersonSchema } from './person.ts';

export const PersonalDataExportSchema = z
  .object({
    format: z.literal('plaza-export/1'),
    exportedAt: TimestampSchema,
    person: PersonSchema,
    comments: z.array(CommentRecordSchema.omit({ author: true })),
    reactions: z.array(z.object({ target: KeySchema, kind: z.string(), createdAt: TimestampSchema })),
    following: z.array(z.object({ person: PersonSchema, since: TimestampSchema })),
    reports: z.array(z.object({ commentId: z.string(), reason: z.string(), createdAt: TimestampSchema })),
    statusPosts: z.array(
      z.object({ id: z.string(), text: z.string(), mentions: z.array(z.string()), space: KeySchema.nullable(), createdAt: TimestampSchema }),
    ),
    moderation: z.array(ModerationAuditEntrySchema).openapi({ description: 'What the person did as a moderator (the audit log), newest first.' }),
  })
  .openapi('PersonalDataExport');
export type PersonalDataExportMatches = Expect<Same<z.infer<typeof PersonalDataExportSchema>, PersonalDataExport>>;

export const ErasureReceiptSchema = z
  .object({
    mode: z.enum(['anonymise', 'delete']),
    comments: z.number().int().nonnegative(),
    statusPosts: z.number().int().nonnegative(),
    reactions: z.number().int().nonnegative(),
    follows: z.number().int().nonnegative(),
    reports: z.number().int().nonnegative(),
  })
  .openapi('ErasureReceipt');
export type ErasureReceiptMatches = Expect<Same<z.infer<typeof ErasureReceiptSchema>, ErasureReceipt>>;
