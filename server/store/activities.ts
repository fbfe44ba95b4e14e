import { topics, type Activity, type ActivityKind, type Page } from '../../src/core/protocol.ts';
import type { ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import { dropActivityEvents, reviseActivityEvents } from '../events/log.ts';
import type { Publish } from '../events/types.ts';
import { ulid } from '../ids.ts';
import { shownHtml } from '../markdown/shown-html.ts';
import type { Viewer } from './comment-view.ts';
import { CURSOR_ID, CURSOR_TIME, decodeCursor, encodeCursor } from './cursors.ts';
import { personTagJson, WHOLE_TAGS } from './person-columns.ts';
import { summarize } from './reactions.ts';
import { escapeLike, iso } from './sql.ts';
import { activityTarget } from './targets.ts';

/**
 * The activity feed's table. Its projector (server/projections/activity-feed.ts)
 * records an activity for what a write published, in the write's own
 * transaction (`recordActivity`), and removes it when an event says the write
 * was undone (`removeActivities`, `withdrawCommentActivities`): a reaction
 * taken back, an unfollow, a deleted comment. Status posts are
 * activities with text. What a comment activity says is read from the comment
 * when the feed is read, never copied, so edits show and deleted or hidden
 * words cannot linger in the feed.
 */

/** What to record; `createdAt` and `id` only for history (the seed), otherwise now and a fresh ULID. */
export type ActivityDraft = { id?: string; createdAt?: Date } & (
  | { kind: 'status'; actorId: string; text: string; mentions: readonly string[]; space: string | null }
  | { kind: 'comment'; actorId: string; threadKey: string; commentId: string }
  | { kind: 'reaction'; actorId: string; target: string; reaction: string }
  | { kind: 'follow'; actorId: string; subjectId: string }
  | { kind: 'joined'; actorId: string }
);

/**
 * Records an activity in the caller's transaction and announces it on
 * `activities:all` and `activities:user:<actor>` (spaces and `following` are
 * resolved by each stream, see server/feed-topics.ts); returns its id. Null
 * when there is nothing to record: the same reaction or follow is already
 * there, a reaction to a status post (not an activity, to keep feeds quiet),
 * or a reaction to a comment that is deleted or hidden. Called by the feed's
 * projector, by the status post route and by the seed. `reactionKinds` fills
 * the reaction counts of a new status post in its event. `publish` null
 * records without announcing (the seed, a batch import outside the event bus).
 */
export async function recordActivity(
  tx: Queryable,
  publish: Publish | null,
  draft: ActivityDraft,
  reactionKinds: readonly string[] = [],
): Promise<string | null> {
  const row = await activityRow(tx, draft);
  if (!row) return null;
  const id = draft.id ?? ulid(draft.createdAt);
  const inserted = await tx.query(
    `INSERT INTO activities (id, kind, actor_id, created_at, body, mentions, space, thread_key, comment_id, target, reaction, subject_id)
     VALUES ($1, $2, $3, coalesce($4::timestamptz, now()), $5, $6::text[], $7, $8, $9, $10, $11, $12)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [id, draft.kind, draft.actorId, draft.createdAt ?? null, row.body, row.mentions, row.space, row.threadKey, row.commentId, row.target, row.reaction, row.subjectId],
  );
  if (inserted.length === 0) return null;
  if (publish) {
    // As every reader sees it: nobody's reactions are `mine` in an event (and tags whole, as the log keeps them).
    const activity = await findActivity(tx, id, { id: null, moderator: false }, reactionKinds, WHOLE_TAGS);
    if (activity) {
      for (const topic of activityTopics(draft.actorId)) await publish({ type: 'activity.created', topic, activity, actor: draft.actorId });
    }
  }
  return id;
}

/** What undoing a write names: the activity it made. */
export type ActivityMatch =
  | { kind: 'reaction'; actorId: string; target: string; reaction: string }
  | { kind: 'follow'; actorId: string; subjectId: string }
  | { kind: 'status'; id: string };

/** Deletes the activity an undone write made and announces `activity.deleted` (naming nobody: a moderator may have done it). */
export async function removeActivities(tx: Queryable, publish: Publish | null, match: ActivityMatch): Promise<number> {
  const rows =
    match.kind === 'reaction'
      ? await tx.query<Removed>(
          `DELETE FROM activities WHERE kind = 'reaction' AND actor_id = $1 AND target = $2 AND reaction = $3 RETURNING id, actor_id AS "actorId"`,
          [match.actorId, match.target, match.reaction],
        )
      : match.kind === 'follow'
        ? await tx.query<Removed>(
            `DELETE FROM activities WHERE kind = 'follow' AND actor_id = $1 AND subject_id = $2 RETURNING id, actor_id AS "actorId"`,
            [match.actorId, match.subjectId],
          )
        : await tx.query<Removed>(`DELETE FROM activities WHERE kind = 'status' AND id = $1 RETURNING id, actor_id AS "actorId"`, [match.id]);
  if (match.kind === 'status' && rows.length > 0) await tx.query('DELETE FROM reactions WHERE target = $1', [activityTarget(match.id)]);
  await announceRemoved(tx, publish, rows);
  return rows.length;
}

/**
 * A comment was deleted (`remove`) or hidden: its activity and those of the
 * reactions to it leave every feed. Deleting removes the rows; hiding keeps
 * them, since the feed query shows nothing about a hidden comment and a
 * restore brings them back (on the next read; no event). Either way the
 * logged `activity.created` events that carried the text are dropped, so no
 * replay (`Last-Event-ID`) hands the words to anyone afterwards.
 */
export async function withdrawCommentActivities(tx: Queryable, publish: Publish | null, commentId: string, remove: boolean): Promise<void> {
  const rows = remove
    ? await tx.query<Removed>('DELETE FROM activities WHERE comment_id = $1 RETURNING id, actor_id AS "actorId"', [commentId])
    : await tx.query<Removed>('SELECT id, actor_id AS "actorId" FROM activities WHERE comment_id = $1', [commentId]);
  await announceRemoved(tx, publish, rows);
}

/**
 * A comment was edited: its logged `activity.created` and `activity.updated`
 * events (on its author's topics) take the new words. A feed read joins the comment and shows
 * them anyway; a replay must not show the words the edit replaced.
 */
export async function reviseCommentActivities(
  tx: Queryable,
  comment: { id: string; threadKey: string; authorId: string; text: string; html: string; mentions: readonly string[] },
): Promise<void> {
  await reviseActivityEvents(tx, activityTopics(comment.authorId), topics.comments(comment.threadKey), comment);
}

interface Removed {
  id: string;
  actorId: string | null;
}

/**
 * Announces `activity.deleted` for each row and drops the logged
 * `activity.created` events of them: a replay shows what is, not what was
 * undone (and never the words of a comment since hidden).
 */
export async function announceRemoved(tx: Queryable, publish: Publish | null, rows: readonly Removed[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  const logged = [...new Set(rows.flatMap((row) => activityTopics(row.actorId)))];
  await dropActivityEvents(tx, logged, ids);
  if (!publish) return;
  for (const { id, actorId } of rows) {
    for (const topic of activityTopics(actorId)) await publish({ type: 'activity.deleted', topic, id });
  }
}

/**
 * An activity reads differently without its author having written it again
 * (erasure kept a status post without author or relabelled a mention in it; a
 * comment's words changed): `activity.updated` carries it as every reader now
 * sees it, on the topics it is now logged on, so open feeds replace it in place.
 */
export async function announceUpdated(tx: Queryable, publish: Publish, id: string, reactionKinds: readonly string[]): Promise<void> {
  const activity = await findActivity(tx, id, { id: null, moderator: false }, reactionKinds, WHOLE_TAGS);
  if (!activity) return;
  for (const topic of activityTopics(activity.actor?.id ?? null)) await publish({ type: 'activity.updated', topic, activity });
}

/**
 * A comment's words changed (an edit, or erasure relabelled a mention): its
 * activity is announced as it now reads, for the feeds showing its excerpt;
 * nothing when the comment no longer shows in any feed (deleted or hidden).
 */
export async function announceCommentActivities(tx: Queryable, publish: Publish, commentId: string): Promise<void> {
  const rows = await tx.query<{ id: string }>(`SELECT id FROM activities WHERE comment_id = $1 AND kind = 'comment'`, [commentId]);
  // A comment activity carries no reaction counts (only status posts do).
  for (const { id } of rows) await announceUpdated(tx, publish, id, []);
}

/** The topics an activity is logged on; the stream derives the others. */
function activityTopics(actorId: string | null): string[] {
  return actorId === null ? [topics.activities('all')] : [topics.activities('all'), topics.activities(`user:${actorId}`)];
}

interface Columns {
  body: string | null;
  mentions: readonly string[];
  space: string | null;
  threadKey: string | null;
  commentId: string | null;
  target: string | null;
  reaction: string | null;
  subjectId: string | null;
}

const EMPTY: Columns = { body: null, mentions: [], space: null, threadKey: null, commentId: null, target: null, reaction: null, subjectId: null };
const COMMENT_TARGET = /^comment:([0-9A-HJKMNP-TV-Z]{26})$/;

/** The row's columns for a draft; null when a reaction is not worth an activity. */
async function activityRow(tx: Queryable, draft: ActivityDraft): Promise<Columns | null> {
  switch (draft.kind) {
    case 'status':
      return { ...EMPTY, body: draft.text, mentions: draft.mentions, space: draft.space };
    case 'comment':
      return { ...EMPTY, threadKey: draft.threadKey, commentId: draft.commentId };
    case 'follow':
      return { ...EMPTY, subjectId: draft.subjectId };
    case 'joined':
      return EMPTY;
    case 'reaction': {
      if (draft.target.startsWith('activity:')) return null;
      const base = { ...EMPTY, target: draft.target, reaction: draft.reaction, threadKey: draft.target };
      const commentId = COMMENT_TARGET.exec(draft.target)?.[1];
      if (commentId === undefined) return base;
      const [comment] = await tx.query<{ thread_key: string; published: boolean }>(
        'SELECT thread_key, deleted_at IS NULL AND hidden_at IS NULL AS published FROM comments WHERE id = $1',
        [commentId],
      );
      // A key that merely looks like a comment's is just a target.
      if (!comment) return base;
      return comment.published ? { ...base, threadKey: comment.thread_key, commentId } : null;
    }
  }
}

/* ───────────────────────────── Reading ───────────────────────────── */

/** A feed scope, checked: `user` names someone in the directory, `following` a signed-in person. */
export type FeedScope = { kind: 'all' } | { kind: 'user'; id: string } | { kind: 'following'; viewerId: string } | { kind: 'space'; key: string };

/** Rows after the page's cursor (`$4`, `$5`: created at, id; null on the first page), in feed order. */
const AFTER_CURSOR = (a: string) => `($4::timestamptz IS NULL OR (${a}.created_at, ${a}.id) < ($4::timestamptz, $5::text))`;

/**
 * One fixed condition per scope, each served by its index (migration 003)
 * as a keyset scan from the cursor on (decision 63). `$1` is the page's
 * limit, `$2` the scope's value, `$3` the kinds. A `space` is a plain prefix
 * of the status post's space or the thread's key (`place`); the planner
 * reads it newest first and filters, or takes the space's own rows and
 * sorts them, whichever its statistics say is fewer (server/db/statistics.ts).
 * `following` merges one short range per person (the viewer and whom they
 * follow), so a page costs the people followed, not how rarely they write.
 */
const SCOPE_SQL: Record<FeedScope['kind'], string> = {
  all: '$2::text IS NULL',
  user: 'a.actor_id = $2',
  following: `a.id IN (SELECT page.id FROM (SELECT $2::text AS id UNION SELECT f.followee_id FROM follows f WHERE f.follower_id = $2) who
    CROSS JOIN LATERAL (
      SELECT x.id FROM activities x
      WHERE x.actor_id = who.id AND x.kind = ANY($3::text[]) AND ${AFTER_CURSOR('x')}
        AND ${shows('x')}
      ORDER BY x.created_at DESC, x.id DESC LIMIT $1
    ) page)`,
  space: 'a.place LIKE $2',
};

/** Newest first, `limit` at a time; the cursor is the last item's (created at, id), so arrivals never shift a page. */
export async function activityPage(
  db: Queryable,
  scope: FeedScope,
  kinds: readonly ActivityKind[],
  cursor: string | undefined,
  limit: number,
  viewer: Viewer,
  reactionKinds: readonly string[],
  /** `PLAZA_PROFILE_FIELDS`: what the actors' tags show. */
  fields: readonly ProfileField[],
  /** Follows this person made or received show even where `kinds` leaves follows out (`PLAZA_FOLLOWERS_VISIBLE=self`: the two concerned see them). */
  followsOf: string | null = null,
): Promise<Page<Activity>> {
  const after = cursor === undefined ? null : decodeCursor(cursor, [CURSOR_TIME, CURSOR_ID]);
  const value = scope.kind === 'user' ? scope.id : scope.kind === 'following' ? scope.viewerId : scope.kind === 'space' ? `${escapeLike(scope.key)}%` : null;
  const items = await readActivities(
    db,
    `${SCOPE_SQL[scope.kind]} AND (a.kind = ANY($3::text[]) OR (a.kind = 'follow' AND $6::text IN (a.actor_id, a.subject_id))) AND ${AFTER_CURSOR('a')}`,
    [value, kinds, after?.[0] ?? null, after?.[1] ?? null, followsOf],
    viewer,
    reactionKinds,
    fields,
    limit + 1,
  );
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null };
}

/** One activity as `viewer` sees it (tags by `fields`); null when unknown or when it shows in no feed (its comment is hidden). */
export async function findActivity(
  db: Queryable,
  id: string,
  viewer: Viewer,
  reactionKinds: readonly string[],
  fields: readonly ProfileField[],
): Promise<Activity | null> {
  const [activity] = await readActivities(db, 'a.id = $2', [id], viewer, reactionKinds, fields);
  return activity ?? null;
}

/** Who may delete it: its author, and moderators. */
export async function activityOwner(db: Queryable, id: string): Promise<{ kind: ActivityKind; actorId: string | null; body: string | null } | null> {
  const [row] = await db.query<{ kind: ActivityKind; actorId: string | null; body: string | null }>(
    'SELECT kind, actor_id AS "actorId", body FROM activities WHERE id = $1 FOR UPDATE',
    [id],
  );
  return row ?? null;
}

/**
 * Activities about a comment show while it is published: no feed tells of deleted or hidden words.
 * A probe per row, not a join: the page's rows are then chosen by the scope's index alone, in its
 * order, before anything is joined to them; joined first, the planner tended to fetch and sort the
 * whole scope.
 */
function shows(activity: string): string {
  return `(${activity}.comment_id IS NULL OR EXISTS (SELECT 1 FROM comments sc WHERE sc.id = ${activity}.comment_id AND sc.deleted_at IS NULL AND sc.hidden_at IS NULL))`;
}

/**
 * The rows of a feed as protocol objects, newest first. `where` uses `$2…`
 * (`params`); `$1` is the limit. Status posts get their reaction
 * summaries (target `activity:<id>`) in one more query for the whole page.
 */
async function readActivities(
  db: Queryable,
  where: string,
  params: readonly unknown[],
  viewer: Viewer,
  reactionKinds: readonly string[],
  fields: readonly ProfileField[],
  limit = 1,
): Promise<Activity[]> {
  const rows = await db.query<Omit<Activity, 'reactions' | 'html'> & { storedHtml: string | null; htmlVersion: number | null }>(
    `SELECT a.id, a.kind,
       CASE WHEN p.id IS NOT NULL THEN ${personTagJson('p', fields)} END AS actor,
       ${iso('a.created_at')} AS "createdAt",
       CASE a.kind WHEN 'status' THEN a.body WHEN 'comment' THEN c.body ELSE '' END AS text,
       CASE a.kind WHEN 'comment' THEN c.html END AS "storedHtml", c.html_version AS "htmlVersion",
       CASE a.kind WHEN 'status' THEN a.mentions WHEN 'comment' THEN c.mentions ELSE '{}'::text[] END AS mentions,
       a.space,
       CASE WHEN a.place IS NOT NULL THEN json_build_object('key', a.place, 'page',
         CASE WHEN t.page_url IS NOT NULL THEN json_strip_nulls(json_build_object('url', t.page_url, 'title', t.page_title)) END) END AS target,
       a.comment_id AS "commentId", a.reaction,
       CASE WHEN s.id IS NOT NULL THEN ${personTagJson('s', fields)} END AS subject
     FROM (SELECT a.* FROM activities a WHERE ${where} AND ${shows('a')} ORDER BY a.created_at DESC, a.id DESC LIMIT $1) a
       LEFT JOIN people p ON p.id = a.actor_id
       LEFT JOIN people s ON s.id = a.subject_id
       LEFT JOIN comments c ON c.id = a.comment_id
       LEFT JOIN threads t ON t.key = a.place
     ORDER BY a.created_at DESC, a.id DESC`,
    [limit, ...params],
  );
  const statusIds = rows.filter((row) => row.kind === 'status').map((row) => activityTarget(row.id));
  const summaries = new Map(statusIds.length === 0 ? [] : (await summarize(db, statusIds, viewer.id, reactionKinds)).map((s) => [s.target, s]));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    actor: row.actor,
    createdAt: row.createdAt,
    text: row.text,
    // A comment's stored HTML; a status post's text is rendered here (decision 106: short, and no column to keep).
    html: shownHtml(row.text, row.storedHtml, row.htmlVersion),
    mentions: row.mentions,
    space: row.space,
    target: row.target,
    commentId: row.commentId,
    reaction: row.reaction,
    subject: row.subject,
    reactions: summaries.get(activityTarget(row.id)) ?? null,
  }));
}
