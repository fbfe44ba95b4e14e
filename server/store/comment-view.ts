import type { Comment, CommentRecord } from '../../src/core/protocol.ts';
import type { ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import { shownHtml } from '../markdown/shown-html.ts';
import { personTagJson } from './person-columns.ts';
import { summarize } from './reactions.ts';
import { iso } from './sql.ts';
import { commentTarget } from './targets.ts';

/**
 * How stored comments become what a reader sees. Every query that returns
 * comments selects `commentColumns` from `COMMENT_FROM`, so the rules of
 * what a placeholder shows live in this one place:
 * - deleted: no text, no author (kept only while it has replies);
 * - hidden: no text, no author, except for moderators, who must judge it;
 * - an erased author is null in every case.
 */

/** Who is reading: their own reactions show as `mine`, and moderators see hidden comments. */
export interface Viewer {
  id: string | null;
  moderator: boolean;
}

export const PUBLIC_VIEW: Viewer = { id: null, moderator: false };

export const COMMENT_FROM = 'FROM comments c LEFT JOIN people p ON p.id = c.author_id';

/** `moderator` is the SQL parameter (e.g. `$1`) holding whether the reader moderates; `fields` what the author's tag shows (`personTagJson`). */
export function commentColumns(moderator: string, fields: readonly ProfileField[]): string {
  const readable = `(c.deleted_at IS NULL AND (c.hidden_at IS NULL OR ${moderator}::boolean))`;
  return `c.id, c.thread_key AS "threadKey", c.parent_id AS "parentId",
    CASE WHEN ${readable} AND p.id IS NOT NULL THEN ${personTagJson('p', fields)} END AS author,
    CASE WHEN ${readable} THEN c.body ELSE '' END AS text,
    CASE WHEN ${readable} THEN c.html END AS "storedHtml", c.html_version AS "htmlVersion",
    CASE WHEN ${readable} THEN c.mentions ELSE '{}'::text[] END AS mentions,
    CASE WHEN c.deleted_at IS NOT NULL THEN 'deleted' WHEN c.hidden_at IS NOT NULL THEN 'hidden' ELSE 'published' END AS state,
    c.version, ${iso('c.created_at')} AS "createdAt", ${iso('c.edited_at')} AS "editedAt"`;
}

/** A row of `commentColumns`: the protocol's fields but `html`, which is made from the stored HTML or the text. */
export type CommentRow = Omit<CommentRecord, 'html'> & { storedHtml: string | null; htmlVersion: number | null };

/** Picks exactly the protocol's fields from a row that may carry more (sort keys, counts). */
export function toRecord(row: CommentRow): CommentRecord {
  const { id, threadKey, parentId, author, text, mentions, state, version, createdAt, editedAt } = row;
  const html = shownHtml(text, row.storedHtml, row.htmlVersion);
  return { id, threadKey, parentId, author, text, html, mentions, state, version, createdAt, editedAt };
}

/** Adds each comment's reaction summary (one query for all of them). */
export async function withReactions<T extends CommentRecord>(
  db: Queryable,
  records: readonly T[],
  viewer: Viewer,
  kinds: readonly string[],
): Promise<Array<T & Pick<Comment, 'reactions'>>> {
  if (records.length === 0) return [];
  const summaries = await summarize(db, records.map((r) => commentTarget(r.id)), viewer.id, kinds);
  return records.map((record, i) => ({ ...record, reactions: summaries[i]! }));
}

/** One comment as `viewer` sees it, deleted ones included; null for an unknown id. `fields`: the server's `PLAZA_PROFILE_FIELDS`. */
export async function findCommentRecord(db: Queryable, id: string, viewer: Viewer, fields: readonly ProfileField[]): Promise<CommentRecord | null> {
  const [row] = await db.query<CommentRow>(`SELECT ${commentColumns('$1', fields)} ${COMMENT_FROM} WHERE c.id = $2`, [viewer.moderator, id]);
  return row ? toRecord(row) : null;
}

export async function findComment(db: Queryable, id: string, viewer: Viewer, kinds: readonly string[], fields: readonly ProfileField[]): Promise<Comment | null> {
  const record = await findCommentRecord(db, id, viewer, fields);
  return record ? (await withReactions(db, [record], viewer, kinds))[0]! : null;
}
