import type { ModerationAction, ModerationAudit, ModerationAuditEntry, ModerationLog, ModerationLogEntry } from '../../src/core/protocol.ts';
import type { EraseMode } from '../config.ts';
import type { ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import type { ModerationActed } from '../events/types.ts';
import { decodeCursor, encodeCursor } from './cursors.ts';
import { personTagJson } from './person-columns.ts';
import { iso } from './sql.ts';

/**
 * The audit log of moderation (`moderation_audit`, migration 008). The public
 * events of a hide, restore, deletion, close or reopen name nobody (readers
 * see "von der Moderation"); the write publishes a private `moderation.acted`
 * and its projector (server/projections/moderation-audit.ts) writes the entry
 * here, in the same transaction. Moderators and auditors read it
 * (`GET /moderation/audit`); moderators also through the older, shorter
 * `GET /moderation/log`. Authors acting on their own words are not moderation
 * and are not recorded.
 */

/** How many characters of the target's text an entry keeps: enough to recognise it, not a copy. */
export const EXCERPT_LENGTH = 200;

/** The first words of a text for a snapshot, whole code points, with an ellipsis when cut. */
export function excerptOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const points = [...text.trim()];
  return points.length <= EXCERPT_LENGTH ? points.join('') : `${points.slice(0, EXCERPT_LENGTH).join('')}…`;
}

/** The projector's write: one entry per act, with the actor's name as it is now. */
export async function recordAudit(tx: Queryable, event: ModerationActed): Promise<void> {
  await tx.query(
    `INSERT INTO moderation_audit (actor_id, actor_name, action, target, thread_key, reason, snapshot)
     VALUES ($1, (SELECT name FROM people WHERE id = $1), $2, $3, $4, $5, $6::jsonb)`,
    [event.actor, event.action, event.target, event.threadKey, event.reason, JSON.stringify(event.snapshot)],
  );
}

/**
 * Erasure of a person whose words were moderated follows `PLAZA_ERASE_MODE`
 * in the audit log too: `anonymise` drops their id from the snapshots (as
 * their comments lose their author), `delete` also the excerpts (as their
 * texts are wiped). Entries where they acted as moderator stay (decision 157).
 */
export async function eraseAuthorFromAudit(tx: Queryable, personId: string, mode: EraseMode): Promise<void> {
  const drop = mode === 'delete' ? `snapshot || '{"authorId": null, "excerpt": null}'::jsonb` : `snapshot || '{"authorId": null}'::jsonb`;
  await tx.query(`UPDATE moderation_audit SET snapshot = ${drop} WHERE snapshot ->> 'authorId' = $1`, [personId]);
}

export interface AuditFilter {
  actor?: string;
  action?: ModerationAction;
  target?: string;
  thread?: string;
  /** ISO timestamps, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

const CURSOR_ROW = /^\d{1,18}$/;
const beforeRow = (cursor: string | undefined) => (cursor === undefined ? null : (decodeCursor(cursor, [CURSOR_ROW])[0] as string));

/** Newest first, `limit` at a time, filtered; the cursor is the last entry's id. */
export async function auditPage(db: Queryable, filter: AuditFilter, cursor: string | undefined, limit: number): Promise<ModerationAudit> {
  const rows = await db.query<ModerationAuditEntry>(
    `SELECT a.id::text AS id, a.action, a.target, a.thread_key AS "threadKey",
       json_build_object('id', a.actor_id, 'name', a.actor_name) AS actor, a.reason,
       json_build_object('authorId', a.snapshot ->> 'authorId', 'excerpt', a.snapshot ->> 'excerpt',
                         'reportsResolved', coalesce((a.snapshot ->> 'reportsResolved')::int, 0)) AS snapshot,
       ${iso('a.created_at')} AS "createdAt"
     FROM moderation_audit a
     WHERE ($1::text IS NULL OR a.actor_id = $1) AND ($2::text IS NULL OR a.action = $2)
       AND ($3::text IS NULL OR a.target = $3) AND ($4::text IS NULL OR a.thread_key = $4)
       AND ($5::timestamptz IS NULL OR a.created_at >= $5) AND ($6::timestamptz IS NULL OR a.created_at < $6)
       AND ($7::bigint IS NULL OR a.id < $7::bigint)
     ORDER BY a.id DESC LIMIT $8`,
    [filter.actor ?? null, filter.action ?? null, filter.target ?? null, filter.thread ?? null, filter.from ?? null, filter.to ?? null, beforeRow(cursor), limit + 1],
  );
  return pageOf(rows, limit);
}

/** How many entries one query of {@link auditEntries} reads. */
const EXPORT_PAGE = 500;

/** Every matching entry, newest first, read a page at a time (the CSV export, which does not page). */
export async function auditEntries(db: Queryable, filter: AuditFilter): Promise<ModerationAuditEntry[]> {
  const entries: ModerationAuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await auditPage(db, filter, cursor, EXPORT_PAGE);
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return entries;
}

/** `GET /moderation/log`: the same entries in their first, shorter shape (the moderator as a live person tag, by `fields`). */
export async function moderationLog(
  db: Queryable,
  target: string | undefined,
  cursor: string | undefined,
  limit: number,
  fields: readonly ProfileField[],
): Promise<ModerationLog> {
  const rows = await db.query<ModerationLogEntry>(
    `SELECT m.id::text AS id, m.action, m.target,
       CASE WHEN p.id IS NOT NULL THEN ${personTagJson('p', fields)} END AS moderator, ${iso('m.created_at')} AS "createdAt"
     FROM moderation_audit m LEFT JOIN people p ON p.id = m.actor_id
     WHERE ($1::text IS NULL OR m.target = $1) AND ($2::bigint IS NULL OR m.id < $2::bigint)
     ORDER BY m.id DESC LIMIT $3`,
    [target ?? null, beforeRow(cursor), limit + 1],
  );
  return pageOf(rows, limit);
}

function pageOf<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}
