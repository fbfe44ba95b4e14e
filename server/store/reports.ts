import type { ModerationReports, Person, Report } from '../../src/core/protocol.ts';
import type { ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import type { Publish } from '../events/types.ts';
import { ulid } from '../ids.ts';
import { ProblemError } from '../problem.ts';
import { COMMENT_FROM, commentColumns, toRecord, withReactions, type CommentRow, type Viewer } from './comment-view.ts';
import { CURSOR_ID, CURSOR_TIME, decodeCursor, encodeCursor } from './cursors.ts';
import { personJson } from './person-columns.ts';
import { iso } from './sql.ts';

/**
 * Reports of comments, and the moderators' list of open ones. A reporter has
 * at most one open report per comment (a unique index): reporting again
 * replaces the reason (and tells nobody again). A moderator acting on the comment resolves them all.
 */

/** Files or updates `reporterId`'s open report on a comment; `created` is false for an update. A new one publishes `report.filed` (private). */
export async function fileReport(
  tx: Queryable,
  publish: Publish,
  commentId: string,
  reporterId: string,
  reason: string,
): Promise<{ report: Report; created: boolean }> {
  const [comment] = await tx.query<{ deleted: boolean }>('SELECT deleted_at IS NOT NULL AS deleted FROM comments WHERE id = $1', [commentId]);
  if (!comment || comment.deleted) throw new ProblemError('notFound', 404, 'There is no such comment (or it was deleted).', 'id');
  // xmax = 0 only on a row this statement inserted, not on one it updated.
  const [row] = await tx.query<Report & { created: boolean }>(
    `INSERT INTO reports (id, comment_id, reporter_id, reason) VALUES ($1, $2, $3, $4)
     ON CONFLICT (comment_id, reporter_id) WHERE resolved_at IS NULL DO UPDATE SET reason = EXCLUDED.reason
     RETURNING id, comment_id AS "commentId", reason, ${iso('created_at')} AS "createdAt", (xmax = 0) AS created`,
    [ulid(), commentId, reporterId, reason],
  );
  const { created, ...report } = row!;
  if (created) await publish({ type: 'report.filed', id: report.id, commentId, reporterId });
  return { report, created };
}

/** Marks every open report on a comment as handled by `moderatorId`; answers how many there were (for the audit log). */
export async function resolveReports(tx: Queryable, commentId: string, moderatorId: string): Promise<number> {
  const resolved = await tx.query('UPDATE reports SET resolved_at = now(), resolved_by = $2 WHERE comment_id = $1 AND resolved_at IS NULL RETURNING 1', [
    commentId,
    moderatorId,
  ]);
  return resolved.length;
}

/** Open reports, oldest first (the queue order), each with the comment as a moderator sees it. */
export async function openReports(
  db: Queryable,
  cursor: string | undefined,
  limit: number,
  moderator: Viewer,
  kinds: readonly string[],
  fields: readonly ProfileField[],
): Promise<ModerationReports> {
  const after = cursor === undefined ? null : decodeCursor(cursor, [CURSOR_TIME, CURSOR_ID]);
  const rows = await db.query<Report & { reporter: Person | null; at: string; comment: CommentRow }>(
    `SELECT r.id, r.comment_id AS "commentId", r.reason, ${iso('r.created_at')} AS "createdAt",
       CASE WHEN q.id IS NOT NULL THEN ${personJson('q')} END AS reporter,
       (SELECT row_to_json(v) FROM (SELECT ${commentColumns('true', fields)} ${COMMENT_FROM} WHERE c.id = r.comment_id) v) AS comment
     FROM reports r LEFT JOIN people q ON q.id = r.reporter_id
     WHERE r.resolved_at IS NULL
       AND ($1::timestamptz IS NULL OR (r.created_at, r.id) > ($1::timestamptz, $2::text))
     ORDER BY r.created_at, r.id LIMIT $3`,
    [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const comments = await withReactions(db, page.map((row) => toRecord(row.comment)), moderator, kinds);
  const last = page[page.length - 1];
  return {
    items: page.map((row, i) => ({
      id: row.id,
      commentId: row.commentId,
      reason: row.reason,
      createdAt: row.createdAt,
      comment: comments[i]!,
      reporter: row.reporter,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
