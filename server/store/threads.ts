import { topics, type Comment, type CommentSort, type Page, type ThreadComment, type ThreadSummary } from '../../src/core/protocol.ts';
import { PROFILE_FIELDS, type ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import { threadEventsAfter } from '../events/log.ts';
import type { Publish } from '../events/types.ts';
import { ProblemError } from '../problem.ts';
import { COMMENT_FROM, commentColumns, toRecord, withReactions, type CommentRow, type Viewer } from './comment-view.ts';
import { CURSOR_ID, CURSOR_TIME, decodeCursor, encodeCursor } from './cursors.ts';
import { personTagJson } from './person-columns.ts';
import { iso } from './sql.ts';
import { COMMENT_TARGET_PREFIX, commentTarget } from './targets.ts';

/** Replies embedded under each top-level comment of a page; the rest come from `replyPage`. */
export const EMBEDDED_REPLIES = 20;

/**
 * A top-level comment shows while it is not deleted, or while a reply under
 * it still is not: the placeholder keeps the conversation readable.
 */
const SHOWS = `(c.deleted_at IS NULL OR EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL))`;

/** Reactions on a comment that count for `top`: the accepted kinds, given before the first page was read. */
const SCORE = `(SELECT count(*)::int FROM reactions x
  WHERE x.target = 'comment:' || c.id AND x.kind = ANY($3::text[]) AND x.created_at <= (SELECT at FROM clock))`;

/** A page row's own columns, plus its raw author (for what the page depends on, never shown); `fields` as `commentColumns`. */
const pageColumns = (fields: readonly ProfileField[]) => `${commentColumns('$1', fields)}, c.author_id AS "authorId"`;

/**
 * The page's top-level rows (one more than asked, to know whether another
 * page follows), numbered in order as `pos`. One fixed statement per sort.
 * Keyset paging never repeats or skips a row when comments arrive between
 * pages: newer ones sort before a `newest` cursor or after an `oldest` one,
 * and `top` counts only comments and reactions that existed when its first
 * page was read ("as of", the `clock` of the statement below).
 * Cursor parameters: $8 created at, $9 id, and for `top` $10 score.
 */
const PAGE_ROWS: Record<CommentSort, (columns: string) => string> = {
  newest: (columns) => `SELECT ${columns}, 0 AS score, row_number() OVER (ORDER BY c.created_at DESC, c.id DESC)::int AS pos
    ${COMMENT_FROM}
    WHERE c.thread_key = $2 AND c.parent_id IS NULL AND ${SHOWS}
      AND ($8::timestamptz IS NULL OR (c.created_at, c.id) < ($8::timestamptz, $9::text))
    ORDER BY c.created_at DESC, c.id DESC LIMIT $5::int + 1`,
  oldest: (columns) => `SELECT ${columns}, 0 AS score, row_number() OVER (ORDER BY c.created_at, c.id)::int AS pos
    ${COMMENT_FROM}
    WHERE c.thread_key = $2 AND c.parent_id IS NULL AND ${SHOWS}
      AND ($8::timestamptz IS NULL OR (c.created_at, c.id) > ($8::timestamptz, $9::text))
    ORDER BY c.created_at, c.id LIMIT $5::int + 1`,
  top: (columns) => `SELECT t.*, row_number() OVER (ORDER BY t.score DESC, t.at DESC, t.id DESC)::int AS pos FROM (
      SELECT ${columns}, ${SCORE} AS score, c.created_at AS at ${COMMENT_FROM}
      WHERE c.thread_key = $2 AND c.parent_id IS NULL AND ${SHOWS} AND c.created_at <= (SELECT at FROM clock)
    ) t
    WHERE $8::timestamptz IS NULL OR (t.score, t.at, t.id) < ($10::int, $8::timestamptz, $9::text)
    ORDER BY t.score DESC, t.at DESC, t.id DESC LIMIT $5::int + 1`,
};

/**
 * The thread's state as a page shows it: `closed`, and `counts`, the
 * published comments (the page's `count`) and those not deleted (hidden ones
 * too, which count as replies). A cached page compares these with the
 * database to notice changes no event announced (see `checkThreadPage`).
 * `thread` is the parameter holding the key.
 */
function threadState(thread: string): string {
  return `coalesce((SELECT ARRAY[t.closed::int, t.published_count, t.live_count] FROM thread_counts t WHERE t.key = ${thread}), '{0,0,0}') AS state`;
}

/** The row `threadState` reads, as a page shows it. */
function stateOf(row: { state: [number, number, number] }): Pick<PageState, 'closed' | 'counts'> {
  return { closed: row.state[0] === 1, counts: [row.state[1], row.state[2]] };
}

/**
 * A digest of these people as pages may show them (`PersonTag`): changes when one is renamed, re-pictured or erased,
 * not when their phone number changes. Every field a tag may carry, shown or not: a page dropped for nothing is
 * cheap, and the check needs no setting.
 */
function peopleDigest(condition: string): string {
  return `(SELECT md5(coalesce(string_agg((${personTagJson('p', PROFILE_FIELDS)})::text, '|' ORDER BY p.id), ''))
    FROM people p WHERE ${condition}) AS "peopleDigest"`;
}

/**
 * A whole thread page in one statement, so it is one round trip and one
 * snapshot: the top-level rows, their first replies, the reaction counts of
 * all of them, the reactions of the `viewers` asked (`mine`), the thread's
 * state, and what the page depends on (for `ThreadCache`).
 * Parameters: $1 moderator, $2 thread, $3 kinds, $4 as of (null: now),
 * $5 limit, $6 embedded replies, $7 viewers, then the cursor's (PAGE_ROWS).
 */
const pageSql = (sort: CommentSort, columns: string) => `
  WITH clock AS MATERIALIZED (SELECT coalesce($4::timestamptz, clock_timestamp()) AS at),
  page AS MATERIALIZED (${PAGE_ROWS[sort](columns)}),
  shown AS (SELECT id, "authorId" FROM page WHERE pos <= $5),
  replies AS MATERIALIZED (
    SELECT t.* FROM shown s CROSS JOIN LATERAL (
      SELECT ${columns},
        row_number() OVER (ORDER BY c.created_at, c.id)::int AS n,
        count(*) OVER ()::int AS total
      ${COMMENT_FROM} WHERE c.parent_id = s.id AND c.deleted_at IS NULL
    ) t WHERE t.n <= $6
  ),
  reacted AS MATERIALIZED (
    SELECT r.target, r.kind, r.person_id FROM reactions r
    WHERE r.target IN (SELECT 'comment:' || id FROM shown UNION ALL SELECT 'comment:' || id FROM replies)
      AND r.kind = ANY($3::text[])
  ),
  involved AS (SELECT "authorId" AS id FROM shown UNION SELECT "authorId" FROM replies UNION SELECT person_id FROM reacted)
  SELECT ${iso('(SELECT at FROM clock)')} AS "asOf",
    coalesce((SELECT json_agg(page ORDER BY pos) FROM page), '[]') AS rows,
    coalesce((SELECT json_agg(replies ORDER BY "parentId", n) FROM replies), '[]') AS replies,
    coalesce((SELECT json_agg(json_build_array(k.target, k.kind, k.n))
      FROM (SELECT target, kind, count(*)::int AS n FROM reacted GROUP BY target, kind) k), '[]') AS reactions,
    coalesce((SELECT json_agg(json_build_array(person_id, target, kind)) FROM reacted WHERE person_id = ANY($7::text[])), '[]') AS mine,
    ${threadState('$2')},
    (SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM involved WHERE id IS NOT NULL) AS people,
    ${peopleDigest('p.id IN (SELECT id FROM involved)')},
    ${sort === 'top' ? `(SELECT coalesce(array_agg(c.id), '{}') FROM comments c WHERE c.thread_key = $2 AND c.parent_id IS NULL)` : `'{}'::text[]`} AS ranked`;
/** The statement per sort and tag fields, made once each (a server has one setting; tests use a few). */
const PAGE_SQL = new Map<string, string>();
function pageStatement(sort: CommentSort, fields: readonly ProfileField[]): string {
  const key = `${sort} ${fields.join(',')}`;
  let sql = PAGE_SQL.get(key);
  if (sql === undefined) PAGE_SQL.set(key, (sql = pageSql(sort, pageColumns(fields))));
  return sql;
}

/** A cursor: sort, as of, score, created at, id of the last row of the previous page. */
type Cursor = [string, string, number, string, string];

/** Which page of which thread, in which order: a cached page's key. */
export interface PageRequest {
  key: string;
  sort: CommentSort;
  cursor: string | undefined;
  limit: number;
}

/** The decoded cursor of a request; a cursor of another sort (or forged) is a 400. */
export function pageCursor(sort: CommentSort, cursor: string | undefined): Cursor | null {
  // A cursor of another sort would page through the wrong order: refused like any forged cursor.
  return cursor === undefined ? null : (decodeCursor(cursor, [new RegExp(`^${sort}$`), CURSOR_TIME, 'int', CURSOR_TIME, CURSOR_ID]) as Cursor);
}

/** Reaction kinds per target, in the configured order: one reader's `mine`. */
export type Mine = Map<string, string[]>;

/** What a thread page shows of its thread, and what it depends on beyond its events. */
export interface PageState {
  closed: boolean;
  /** Published comments (`count`), and comments not deleted (hidden ones too). */
  counts: [number, number];
  /** Digest of `people`: the authors on the page (shown or not) and those who reacted there. */
  peopleDigest: string;
}

export interface BuiltPage {
  /** The page, every reaction summary with `mine: []`. */
  page: ThreadPage;
  /** Targets of the page's reaction summaries, in the order they appear in `page` (each comment, then its replies). */
  targets: string[];
  /** `mine` of each viewer asked who reacted on the page. */
  mine: Map<string, Mine>;
  state: PageState;
  people: string[];
  /** Comments whose reactions change the page: those on it, and for `top` every top-level comment of the thread. */
  comments: string[];
}

type PageRow = CommentRow & { authorId: string | null; score: number; pos: number };
type ReplyRow = PageRow & { n: number; total: number };

interface PageResult {
  asOf: string;
  rows: PageRow[];
  replies: ReplyRow[];
  reactions: Array<[string, string, number]>;
  mine: Array<[string, string, string]>;
  state: [number, number, number];
  people: string[];
  peopleDigest: string;
  ranked: string[];
}

export interface ThreadPage extends ThreadSummary, Page<ThreadComment> {}

/**
 * A page of top-level comments with their first replies, reactions and the
 * thread's state, in one statement. `viewers` are the people whose own
 * reactions (`mine`) to read; `moderator` shows hidden comments' text;
 * `fields` (`PLAZA_PROFILE_FIELDS`) what the authors' tags show.
 */
export async function buildThreadPage(
  db: Queryable,
  request: PageRequest,
  viewers: { ids: readonly string[]; moderator: boolean },
  kinds: readonly string[],
  fields: readonly ProfileField[],
): Promise<BuiltPage> {
  const { key, sort, limit } = request;
  const after = pageCursor(sort, request.cursor);
  const [, asOf, score, at, id] = after ?? [null, null, 0, null, null];
  const cursorParams = sort === 'top' ? [at, id, score] : [at, id];
  const [result] = await db.query<PageResult>(pageStatement(sort, fields), [
    viewers.moderator,
    key,
    kinds,
    asOf,
    limit,
    EMBEDDED_REPLIES,
    viewers.ids,
    ...cursorParams,
  ]);
  const { rows, replies } = result!;
  const { closed, counts } = stateOf(result!);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];

  const replyRows = new Map<string, ReplyRow[]>();
  for (const row of replies) {
    const own = replyRows.get(row.parentId!);
    if (own) own.push(row);
    else replyRows.set(row.parentId!, [row]);
  }
  const counted = new Map<string, Record<string, number>>();
  for (const [target, kind, n] of result!.reactions) counted.set(target, { ...counted.get(target), [kind]: n });
  const withSummary = (row: CommentRow): Comment => {
    const target = commentTarget(row.id);
    const counts = Object.fromEntries(kinds.map((kind) => [kind, counted.get(target)?.[kind] ?? 0]));
    return { ...toRecord(row), reactions: { target, counts, mine: [] } };
  };
  const items: ThreadComment[] = page.map((row) => {
    const own = replyRows.get(row.id) ?? [];
    const cut = own[EMBEDDED_REPLIES - 1];
    return {
      ...withSummary(row),
      replies: own.map(withSummary),
      replyCount: own[0]?.total ?? 0,
      repliesCursor: cut && cut.total > EMBEDDED_REPLIES ? encodeCursor([cut.createdAt, cut.id]) : null,
    };
  });
  const targets = items.flatMap((item) => [item.reactions.target, ...item.replies.map((reply) => reply.reactions.target)]);
  return {
    page: {
      key,
      closed,
      count: counts[0],
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([sort, result!.asOf, last.score, last.createdAt, last.id]) : null,
    },
    targets,
    mine: mineOf(result!.mine, kinds),
    state: { closed, counts, peopleDigest: result!.peopleDigest },
    people: result!.people,
    comments: [...new Set([...targets.map((target) => target.slice(COMMENT_TARGET_PREFIX.length)), ...result!.ranked])],
  };
}

/** `[person, target, kind]` rows as each person's `mine`, kinds in the configured order so responses are stable. */
function mineOf(rows: ReadonlyArray<[string, string, string]>, kinds: readonly string[]): Map<string, Mine> {
  const byPerson = new Map<string, Mine>();
  for (const [person, target, kind] of rows) {
    const own = byPerson.get(person) ?? new Map<string, string[]>();
    byPerson.set(person, own.set(target, [...(own.get(target) ?? []), kind]));
  }
  for (const own of byPerson.values()) for (const list of own.values()) list.sort((a, b) => kinds.indexOf(a) - kinds.indexOf(b));
  return byPerson;
}

/** A page as `viewer` sees it: what the route answers for readers the cache does not serve (moderators). */
export async function threadPage(
  db: Queryable,
  request: PageRequest,
  viewer: Viewer,
  kinds: readonly string[],
  fields: readonly ProfileField[],
): Promise<ThreadPage> {
  const built = await buildThreadPage(db, request, { ids: viewer.id === null ? [] : [viewer.id], moderator: viewer.moderator }, kinds, fields);
  const mine = viewer.id === null ? undefined : built.mine.get(viewer.id);
  if (mine) for (const item of built.page.items) for (const comment of [item, ...item.replies]) comment.reactions.mine = mine.get(comment.reactions.target) ?? [];
  return built.page;
}

/** Parameters: $1 the bus's watermark, $2 the thread's topic, $3 the topic prefix of comment reactions, $4 the thread, $5 people, $6 viewers, $7 targets, $8 kinds. */
const CHECK_SQL = `SELECT
  ${threadEventsAfter('$1', '$2', '$3', '$4')} AS behind,
  ${threadState('$4')},
  ${peopleDigest('p.id = ANY($5::text[])')},
  coalesce((SELECT json_agg(json_build_array(r.person_id, r.target, r.kind)) FROM reactions r
    WHERE r.person_id = ANY($6::text[]) AND r.target = ANY($7::text[]) AND r.kind = ANY($8::text[])), '[]') AS mine`;

export interface PageCheck {
  /** An event about the thread committed that this instance has not delivered yet (another instance wrote it, or one still settles). */
  behind: boolean;
  state: PageState;
  /** `mine` of each viewer asked who reacted on one of the targets. */
  mine: Map<string, Mine>;
}

/**
 * Whether a cached page still shows the database as it is now, and the
 * `viewers`' own reactions on it, in one statement. Events up to
 * `delivered` (the bus's watermark) have reached the cache; a later one on
 * the thread or on a reaction to one of its comments means the page may be
 * out of date. Changes without an event (a person renamed or erased, and
 * with them their reactions, their comments' author or text, the events
 * naming them) show in the thread's counts and the people's digest.
 */
export async function checkThreadPage(
  db: Queryable,
  check: { key: string; delivered: number; people: readonly string[]; viewers: readonly string[]; targets: readonly string[] },
  kinds: readonly string[],
): Promise<PageCheck> {
  const reactionTopics = topics.reactions(COMMENT_TARGET_PREFIX);
  const [row] = await db.query<{ behind: boolean; state: [number, number, number]; peopleDigest: string; mine: Array<[string, string, string]> }>(
    CHECK_SQL,
    [check.delivered, topics.comments(check.key), reactionTopics, check.key, check.people, check.viewers, check.targets, kinds],
  );
  const { behind, peopleDigest: digest } = row!;
  return { behind, state: { ...stateOf(row!), peopleDigest: digest }, mine: mineOf(row!.mine, kinds) };
}

/** Replies to `parentId` after the cursor, oldest first. */
export async function replyPage(
  db: Queryable,
  parentId: string,
  cursor: string | undefined,
  limit: number,
  viewer: Viewer,
  kinds: readonly string[],
  fields: readonly ProfileField[],
): Promise<Page<Comment>> {
  const after = cursor === undefined ? null : decodeCursor(cursor, [CURSOR_TIME, CURSOR_ID]);
  const rows = await db.query<CommentRow>(
    `SELECT ${commentColumns('$1', fields)} ${COMMENT_FROM}
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

/**
 * Folds the counted changes (`thread_count_deltas`, migration 004) into the
 * threads' rows, so a read adds up only the few since the last fold. One
 * statement: a reader sees the deltas or the folded row, never both. On
 * PostgreSQL it takes only deltas already committed; later ones wait for the
 * next fold. Run by the server's upkeep (see `start.ts`), in a transaction.
 */
export async function foldThreadCounts(db: Queryable): Promise<void> {
  await db.query(
    `WITH moved AS (DELETE FROM thread_count_deltas RETURNING thread_key, live, published),
       sums AS (SELECT thread_key, sum(live)::int AS live, sum(published)::int AS published FROM moved GROUP BY thread_key)
     UPDATE threads t SET live_count = t.live_count + s.live, published_count = t.published_count + s.published
     FROM sums s WHERE t.key = s.thread_key`,
  );
}

/** State and published-comment count per key, in the order asked; an unknown key is an open, empty thread. */
export async function threadSummaries(db: Queryable, keys: readonly string[]): Promise<ThreadSummary[]> {
  const rows = await db.query<ThreadSummary>(
    `SELECT k.key, coalesce(t.closed, false) AS closed, coalesce(t.published_count, 0) AS count
     FROM unnest($1::text[]) AS k(key) LEFT JOIN thread_counts t ON t.key = k.key`,
    [keys],
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return keys.map((key) => byKey.get(key)!);
}

/**
 * Closes a thread (creating it, so a page can be closed before anyone wrote)
 * or reopens one; announces a real change, naming no moderator (their name
 * goes to the audit log, `moderation_audit`). Reopening an unknown thread is a 404.
 */
export async function setThreadClosed(
  tx: Queryable,
  publish: Publish,
  key: string,
  closed: boolean,
  moderatorId: string,
  reason: string | null = null,
): Promise<ThreadSummary> {
  if (closed) await tx.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
  const [thread] = await tx.query<{ closed: boolean }>('SELECT closed FROM threads WHERE key = $1 FOR UPDATE', [key]);
  if (!thread) throw new ProblemError('notFound', 404, 'Nobody has written in this thread, so there is nothing to reopen.', 'key');
  if (thread.closed !== closed) await tx.query('UPDATE threads SET closed = $2 WHERE key = $1', [key, closed]);
  const [summary] = await threadSummaries(tx, [key]);
  if (thread.closed !== closed) {
    const snapshot = { authorId: null, excerpt: null, reportsResolved: 0 };
    await publish({ type: 'moderation.acted', actor: moderatorId, action: closed ? 'close' : 'reopen', target: key, threadKey: key, reason, snapshot });
    await publish({ type: 'thread.changed', topic: topics.comments(key), ...summary! });
  }
  return summary!;
}
