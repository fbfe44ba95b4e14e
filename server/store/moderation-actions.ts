import type { ModerationAction, ModerationLog, ModerationLogEntry } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { decodeCursor, encodeCursor } from './cursors.ts';
import { personTagJson } from './person-columns.ts';
import { iso } from './sql.ts';

/**
 * The moderators' own record of what they did (migration 004). The public
 * events of a hide, restore, deletion, close or reopen name nobody (readers
 * see "von der Moderation"); who it was is written here, in the same
 * transaction as the action, and read by moderators (`GET /moderation/log`).
 * Authors acting on their own words are not moderation and are not recorded.
 */

/** `target`: `comment:<id>`, `activity:<id>` (a status post) or the key of a thread closed or reopened. */
export async function recordModeration(tx: Queryable, moderatorId: string, action: ModerationAction, target: string): Promise<void> {
  await tx.query('INSERT INTO moderation_actions (moderator_id, action, target) VALUES ($1, $2, $3)', [moderatorId, action, target]);
}

const CURSOR_ROW = /^\d{1,18}$/;

/** Newest first, `limit` at a time, all targets or one; the cursor is the last entry's id. */
export async function moderationLog(db: Queryable, target: string | undefined, cursor: string | undefined, limit: number): Promise<ModerationLog> {
  const before = cursor === undefined ? null : (decodeCursor(cursor, [CURSOR_ROW])[0] as string);
  const rows = await db.query<ModerationLogEntry>(
    `SELECT m.id::text AS id, m.action, m.target,
       CASE WHEN p.id IS NOT NULL THEN ${personTagJson('p')} END AS moderator, ${iso('m.created_at')} AS "createdAt"
     FROM moderation_actions m LEFT JOIN people p ON p.id = m.moderator_id
     WHERE ($1::text IS NULL OR m.target = $1) AND ($2::bigint IS NULL OR m.id < $2::bigint)
     ORDER BY m.id DESC LIMIT $3`,
    [target ?? null, before, limit + 1],
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}
