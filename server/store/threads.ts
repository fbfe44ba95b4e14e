import { topics, type Comment, type CommentRecord, type CommentSort, type Page, type ThreadComment, type ThreadSummary } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { ProblemError } from '../problem.ts';
import { COMMENT_FROM, commentColumns, iso, toRecord, withReactions, type Viewer } from './comment-view.ts';
import type { Publish } from './comments.ts';
import { CURSOR_ID, CURSOR_TIME, decodeCursor, encodeCursor } from './cursors.ts';

/** Replies embedded under each top-level comment of a page; the rest come from `replyPage`. */
export const EMBEDDED_REPLIES = 20;

/**
 * A top-level comment shows while it is not deleted, or while a reply under
 * it still is not: the placeholder keeps the conversation readable.
 */
const SHOWS = `(c.deleted_at IS NULL OR EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL))`;

/** Reactions on a comment that count for `top`: the accepted kinds, given before the first page was read. */
const SCORE = `(SELECT count(*)::int FROM reactions x
  WHERE x.target = 'comment:' || c.id AND x.kind = ANY($3::text[]) AND x.created_at <= $4::timestamptz)`;

/**
 * One fixed statement per sort. Keyset paging never repeats or skips a row
 * when comments arrive between pages: newer ones sort before a `newest`
 * cursor or after an `oldest` one, and `top` counts only comments and
 * reactions that existed when its first page was read ("as of").
 * Parameters: $1 moderator, $2 thread, then those of `pageParams`.
 */
const PAGE_SQL: Record<CommentSort, string> = {
  newest: `SELECT ${commentColumns('$1')}, 0 AS score ${COMMENT_FROM}
    WHERE c.thread_key = $2 AND c.parent_id IS NULL AND ${SHOWS}
      AND ($3::timestamptz IS NULL OR (c.created_at, c.id) < ($3::timestamptz, $4::text))
    ORDER BY c.created_at DESC, c.id DESC LIMIT $5`,
  oldest: `SELECT ${commentColumns('$1')}, 0 AS score ${COMMENT_FROM}
    WHERE c.thread_key = $2 AND c.parent_id IS NULL AND ${SHOWS}
      AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::text))
    ORDER BY c.created_at, c.id LIMIT $5`,
  top: `SELECT * FROM (
      SELECT ${commentColumns('$1')}, ${SCORE} AS score, c.created_at AS at ${COMMENT_FROM}
      WHERE c.thread_key = $2 AND c.parent_id IS NULL AND ${SHOWS} AND c.created_at <= $4::timestamptz
    ) t
    WHERE $6::timestamptz IS NULL OR (t.score, t.at, t.id) < ($5::int, $6::timestamptz, $7::text)
    ORDER BY t.score DESC, t.at DESC, t.id DESC LIMIT $8`,
};

/** A cursor: sort, as of, score, created at, id of the last row of the previous page. */
type Cursor = [string, string, number, string, string];

function pageParams(sort: CommentSort, after: Cursor | null, asOf: string, kinds: readonly string[], limit: number): unknown[] {
  const [, , score, at, id] = after ?? [null, null, 0, null, null];
  return sort === 'top' ? [kinds, asOf, score, at, id, limit] : [at, id, limit];
}

type PageRow = CommentRecord & { score: number };

export interface ThreadPage extends ThreadSummary, Page<ThreadComment> {}

/** A page of top-level comments with their first replies, reactions and the thread's state. */
export async function threadPage(
  db: Queryable,
  key: string,
  sort: CommentSort,
  cursor: string | undefined,
  limit: number,
  viewer: Viewer,
  kinds: readonly string[],
): Promise<ThreadPage> {
  // A cursor of another sort would page through the wrong order: refused like any forged cursor.
  const after = cursor === undefined ? null : (decodeCursor(cursor, [new RegExp(`^${sort}$`), CURSOR_TIME, 'int', CURSOR_TIME, CURSOR_ID]) as Cursor);
  const asOf = after?.[1] ?? (await now(db));
  const rows = await db.query<PageRow>(PAGE_SQL[sort], [viewer.moderator, key, ...pageParams(sort, after, asOf, kinds, limit + 1)]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const replies = await embeddedReplies(db, page.map((row) => row.id), viewer);
  const records = page.map((row) => toRecord(row));
  const all = [...records, ...[...replies.values()].flatMap((r) => r.items)];
  const withSummaries = new Map((await withReactions(db, all, viewer, kinds)).map((c) => [c.id, c]));
  const [summary] = await threadSummaries(db, [key]);
  return {
    ...summary!,
    items: records.map((record) => {
      const own = replies.get(record.id);
      return {
        ...withSummaries.get(record.id)!,
        replies: (own?.items ?? []).map((reply) => withSummaries.get(reply.id)!),
        replyCount: own?.total ?? 0,
        repliesCursor: own?.nextCursor ?? null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor([sort, asOf, last.score, last.createdAt, last.id]) : null,
  };
}

/** The database's clock, so "as of" compares with the `created_at` it writes. */
async function now(db: Queryable): Promise<string> {
  const [row] = await db.query<{ now: string }>(`SELECT ${iso('clock_timestamp()')} AS now`);
  return row!.now;
}

interface ReplyRows {
  items: CommentRecord[];
  total: number;
  nextCursor: string | null;
}

/** The first replies of each parent (deleted ones never show: nothing hangs under a reply). */
async function embeddedReplies(db: Queryable, parentIds: readonly string[], viewer: Viewer): Promise<Map<string, ReplyRows>> {
  const byParent = new Map<string, ReplyRows>();
  if (parentIds.length === 0) return byParent;
  const rows = await db.query<CommentRecord & { n: number; total: number }>(
    `SELECT * FROM (
       SELECT ${commentColumns('$1')},
         row_number() OVER (PARTITION BY c.parent_id ORDER BY c.created_at, c.id)::int AS n,
         count(*) OVER (PARTITION BY c.parent_id)::int AS total
       ${COMMENT_FROM} WHERE c.parent_id = ANY($2::text[]) AND c.deleted_at IS NULL
     ) t WHERE t.n <= $3 ORDER BY t."parentId", t.n`,
    [viewer.moderator, parentIds, EMBEDDED_REPLIES],
  );
  for (const row of rows) {
    const entry = byParent.get(row.parentId!) ?? { items: [], total: row.total, nextCursor: null };
    entry.items.push(toRecord(row));
    if (row.n === EMBEDDED_REPLIES && row.total > EMBEDDED_REPLIES) entry.nextCursor = encodeCursor([row.createdAt, row.id]);
    byParent.set(row.parentId!, entry);
  }
  return byParent;
}

/** Replies to `parentId` after the cursor, oldest first. */
export async function replyPage(
  db: Queryable,
  parentId: string,
  cursor: string | undefined,
  limit: number,
  viewer: Viewer,
  kinds: readonly string[],
): Promise<Page<Comment>> {
  const after = cursor === undefined ? null : decodeCursor(cursor, [CURSOR_TIME, CURSOR_ID]);
  const rows = await db.query<CommentRecord>(
    `SELECT ${commentColumns('$1')} ${COMMENT_FROM}
     WHERE c.parent_id = $2 AND c.deleted_at IS NULL
       AND ($3::timestamptz IS NULL OR (c.created_at, c.id) > ($3::timestamptz, $4::text))
     ORDER BY c.created_at, c.id LIMIT $5`,
    [viewer.moderator, parentId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  const page = rows.slice(0, limit).map((row) => toRecord(row));
  const last = page[page.length - 1];
  return {
    items: await withReactions(db, page, viewer, kinds),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}

/** State and published-comment count per key, in the order asked; an unknown key is an open, empty thread. */
export async function threadSummaries(db: Queryable, keys: readonly string[]): Promise<ThreadSummary[]> {
  const rows = await db.query<ThreadSummary>(
    `SELECT k.key, coalesce(t.closed, false) AS closed,
       (SELECT count(*)::int FROM comments c
        WHERE c.thread_key = k.key AND c.deleted_at IS NULL AND c.hidden_at IS NULL) AS count
     FROM unnest($1::text[]) AS k(key) LEFT JOIN threads t ON t.key = k.key`,
    [keys],
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => byKey.get(key)!);
}

/**
 * Closes a thread (creating it, so a page can be closed before anyone wrote)
 * or reopens one; announces a real change. Reopening an unknown thread is a 404.
 */
export async function setThreadClosed(tx: Queryable, publish: Publish, key: string, closed: boolean, actor: string): Promise<ThreadSummary> {
  if (closed) await tx.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
  const [thread] = await tx.query<{ closed: boolean }>('SELECT closed FROM threads WHERE key = $1 FOR UPDATE', [key]);
  if (!thread) throw new ProblemError('notFound', 404, 'Nobody has written in this thread, so there is nothing to reopen.', 'key');
  if (thread.closed !== closed) await tx.query('UPDATE threads SET closed = $2 WHERE key = $1', [key, closed]);
  const [summary] = await threadSummaries(tx, [key]);
  if (thread.closed !== closed) await publish({ type: 'thread.changed', topic: topics.comments(key), actor, ...summary! });
  return summary!;
}
