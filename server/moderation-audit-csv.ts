import type { ModerationAuditEntry } from '../src/core/protocol.ts';
import { formatCsv } from './cli/csv.ts';

/** The columns of the CSV export, in order; the names are the JSON fields' (decision 158). */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'createdAt',
  'action',
  'actorId',
  'actorName',
  'target',
  'threadKey',
  'reason',
  'authorId',
  'excerpt',
  'reportsResolved',
] as const;

/**
 * The audit log as CSV for a works council's spreadsheet: a UTF-8 byte order
 * mark and `;` between fields, which is what German Excel opens as columns
 * (and what `plaza import-people` reads too); one header line, then one line
 * per entry.
 */
export function auditCsv(entries: readonly ModerationAuditEntry[]): string {
  const rows = entries.map((e) => [
    e.id,
    e.createdAt,
    e.action,
    e.actor.id,
    e.actor.name,
    e.target,
    e.threadKey,
    e.reason,
    e.snapshot.authorId,
    e.snapshot.excerpt,
    e.snapshot.reportsResolved,
  ]);
  return `\uFEFF${formatCsv([AUDIT_CSV_COLUMNS, ...rows], ';')}`;
}
