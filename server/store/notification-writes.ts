import type { NotificationChannel } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { channelSql, settingKindSql } from '../notifications/kinds.ts';

/**
 * The notifications projector's writes, one statement each: who is told of
 * what, filtered by each recipient's choice (`off` makes no entry), never the
 * actor, and once per thing (the unique indexes of migration 009, so a
 * replayed projection adds nothing). Each answers what it made or changed,
 * with the recipient's channel, for the projector to announce and dispatch.
 */

/** An entry made (`created`), or a bundle that counted up or down. */
export interface Made {
  id: string;
  recipientId: string;
  created: boolean;
  channel: NotificationChannel;
}

/** An entry withdrawn. */
export interface Withdrawn {
  id: string;
  recipientId: string;
}

export interface CommentFacts {
  id: string;
  threadKey: string;
  authorId: string;
  /** The top-level comment it replies to. */
  parentId: string | null;
  mentions: readonly string[];
}

/**
 * A new comment: its author watches the thread from now on, and the people
 * it mentions and the author it replies to are told, each once, as the most
 * specific kind (mention, then reply). The thread's watchers are told after
 * commit (`notifyWatchers`). `edited`: only people newly mentioned (the
 * unique index skips the rest).
 */
export async function notifyComment(tx: Queryable, comment: CommentFacts, emailConfigured: boolean, edited = false): Promise<Made[]> {
  return tx.query<Made>(
    `WITH watch AS (
       INSERT INTO thread_watches (thread_key, person_id) SELECT $2::text, $3::text WHERE NOT $6::boolean ON CONFLICT DO NOTHING
     ), candidates AS (
       SELECT DISTINCT ON (recipient) recipient, kind FROM (
         SELECT m AS recipient, 'mention' AS kind, 1 AS rank FROM unnest($4::text[]) m
           -- An edit sets edited_at to the transaction's now(); a restore leaves it, and tells nobody.
           WHERE NOT $6 OR EXISTS (SELECT 1 FROM comments WHERE id = $1::text AND edited_at = now())
         UNION ALL SELECT author_id, 'reply', 2 FROM comments WHERE NOT $6 AND id = $5 AND deleted_at IS NULL AND hidden_at IS NULL
       ) c WHERE recipient IS NOT NULL AND recipient <> $3::text
       ORDER BY recipient, rank
     ), ${chosen('candidates', emailConfigured)}, ${made('comment_id, actor_ids', `'comment:' || $1::text, $1::text, ARRAY[$3::text]`)}`,
    [comment.id, comment.threadKey, comment.authorId, comment.mentions, comment.parentId, edited],
  );
}

/** A status post: the people it mentions. Its author's followers are told after commit (`notifyFollowers`). */
export async function notifyStatusPost(tx: Queryable, post: { id: string; authorId: string; mentions: readonly string[] }, emailConfigured: boolean): Promise<Made[]> {
  return tx.query<Made>(
    `WITH candidates AS (
       SELECT DISTINCT m AS recipient, 'mention' AS kind FROM unnest($3::text[]) m WHERE m <> $2::text
     ), ${chosen('candidates', emailConfigured)}, ${made('activity_id, actor_ids', `'activity:' || $1::text, $1::text, ARRAY[$2::text]`)}`,
    [post.id, post.authorId, post.mentions],
  );
}

/**
 * One page of the people told of a write after it committed (the fan-out
 * worker's): what was made, and the last recipient the page looked at (null:
 * the page reached the end, or the source is gone).
 */
export interface FanOutPage {
  made: Made[];
  /** How many people the page looked at, told or not. */
  looked: number;
  last: string | null;
}

/**
 * Who a write's audience is, for `tellAudience`: `source` answers the author
 * of the comment or post `$1` while it may still be told of (and share-locks
 * its row until commit, so a deletion or hiding that races waits, then
 * withdraws what was made); `page` answers the audience after `$2` (ids in
 * order), at most `$3`, each with whether to `tell` them.
 */
interface Audience {
  kind: 'comment' | 'followed-post';
  source: string;
  page: string;
  /** The entry's columns after recipient, kind and source, and their values ($2 the source's id, $3 its author). */
  columns: string;
  values: string;
}

/**
 * A comment's watchers: those who watched when it was written, but not its
 * author nor the people its own write told as mentioned or replied to (they
 * have their entry, or chose to hear nothing of it); nothing once it is
 * deleted or hidden.
 */
const WATCHERS: Audience = {
  kind: 'comment',
  source: `SELECT author_id AS "authorId" FROM comments WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL FOR SHARE`,
  page: `SELECT w.person_id AS recipient, (w.person_id <> c.author_id AND w.person_id <> ALL (c.mentions) AND NOT EXISTS (
      SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.author_id = w.person_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
    )) AS tell
    FROM comments c JOIN thread_watches w ON w.thread_key = c.thread_key AND w.created_at <= c.created_at
    WHERE c.id = $1 AND ($2::text IS NULL OR w.person_id > $2::text)
    ORDER BY w.person_id LIMIT $3`,
  columns: 'comment_id, actor_ids',
  values: `'comment:' || $2::text, $2::text, ARRAY[$3::text]`,
};

/** A status post's author's followers (when it was posted), but not those it mentions; nothing once it is deleted. */
const FOLLOWERS: Audience = {
  kind: 'followed-post',
  source: `SELECT actor_id AS "authorId" FROM activities WHERE id = $1 AND kind = 'status' AND actor_id IS NOT NULL FOR SHARE`,
  page: `SELECT f.follower_id AS recipient, (f.follower_id <> ALL (a.mentions)) AS tell
    FROM activities a JOIN follows f ON f.followee_id = a.actor_id AND f.created_at <= a.created_at
    WHERE a.id = $1 AND ($2::text IS NULL OR f.follower_id > $2::text)
    ORDER BY f.follower_id LIMIT $3`,
  columns: 'activity_id, actor_ids',
  values: `'activity:' || $2::text, $2::text, ARRAY[$3::text]`,
};

/** A new comment's watchers after `after`, at most `limit` of them (the fan-out worker's, after commit). */
export function notifyWatchers(tx: Queryable, commentId: string, after: string | null, limit: number, emailConfigured: boolean): Promise<FanOutPage> {
  return tellAudience(tx, WATCHERS, commentId, after, limit, emailConfigured);
}

/** A new status post's author's followers after `after`, at most `limit` of them (the fan-out worker's, after commit). */
export function notifyFollowers(tx: Queryable, activityId: string, after: string | null, limit: number, emailConfigured: boolean): Promise<FanOutPage> {
  return tellAudience(tx, FOLLOWERS, activityId, after, limit, emailConfigured);
}

async function tellAudience(tx: Queryable, audience: Audience, sourceId: string, after: string | null, limit: number, emailConfigured: boolean): Promise<FanOutPage> {
  const [source] = await tx.query<{ authorId: string }>(audience.source, [sourceId]);
  if (!source) return { made: [], looked: 0, last: null };
  const page = await tx.query<{ recipient: string; tell: boolean }>(audience.page, [sourceId, after, limit]);
  const recipients = page.filter((row) => row.tell).map((row) => row.recipient);
  const told =
    recipients.length === 0
      ? []
      : await tx.query<Made>(
          `WITH candidates AS (SELECT r AS recipient, $4::text AS kind FROM unnest($1::text[]) r),
           ${chosen('candidates', emailConfigured)}, ${made(audience.columns, audience.values)}`,
          [recipients, sourceId, source.authorId, audience.kind],
        );
  return { made: told, looked: page.length, last: page.length < limit ? null : page[page.length - 1]!.recipient };
}

/**
 * A reaction to a comment or status post: its author's unread bundle for the
 * target takes the reactor (first reaction of theirs to it only: a second
 * kind is no news), or a new bundle starts. Other targets (pages) have nobody to tell.
 */
export async function notifyReaction(tx: Queryable, target: string, actorId: string, kind: string, emailConfigured: boolean): Promise<Made[]> {
  return tx.query<Made>(
    `WITH owner AS (
       SELECT author_id AS recipient, id AS comment_id, NULL::text AS activity_id, 'reaction' AS kind FROM comments
       WHERE $1::text LIKE 'comment:%' AND id = substr($1::text, 9) AND deleted_at IS NULL AND hidden_at IS NULL
       UNION ALL
       SELECT actor_id, NULL, id, 'reaction' FROM activities WHERE $1::text LIKE 'activity:%' AND id = substr($1::text, 10) AND kind = 'status'
     ), candidates AS (
       SELECT * FROM owner WHERE recipient IS NOT NULL AND recipient <> $2::text
         AND NOT EXISTS (SELECT 1 FROM reactions WHERE target = $1::text AND person_id = $2::text AND kind <> $3::text)
     ), ${chosen('candidates', emailConfigured)}, made AS (
       INSERT INTO notifications AS n (recipient_id, kind, source, comment_id, activity_id, actor_ids)
       SELECT recipient, 'reaction', $1::text, comment_id, activity_id, ARRAY[$2::text] FROM chosen WHERE channel <> 'off'
       ON CONFLICT (recipient_id, source) WHERE kind = 'reaction' AND read_at IS NULL
       DO UPDATE SET actor_ids = array_prepend($2::text, n.actor_ids), updated_at = now() WHERE NOT ($2 = ANY (n.actor_ids))
       RETURNING n.id, n.recipient_id, (n.xmax = 0) AS created
     ) ${answer.replace('true AS created', 'made.created')}`,
    [target, actorId, kind],
  );
}

/**
 * A reaction taken back: once the reactor has none left on the target, they
 * leave the unread bundle; the last one out withdraws it. A bundle already
 * read stays as it was read.
 */
export async function unnotifyReaction(tx: Queryable, target: string, actorId: string): Promise<{ changed: Made[]; withdrawn: Withdrawn[] }> {
  const rows = await tx.query<Withdrawn & { remaining: number }>(
    `WITH gone AS (
       SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM reactions WHERE target = $1 AND person_id = $2)
     ), emptied AS (
       DELETE FROM notifications WHERE kind = 'reaction' AND source = $1 AND read_at IS NULL AND actor_ids = ARRAY[$2]::text[] AND EXISTS (SELECT 1 FROM gone)
       RETURNING id, recipient_id, 0 AS remaining
     ), shrunk AS (
       UPDATE notifications SET actor_ids = array_remove(actor_ids, $2)
       WHERE kind = 'reaction' AND source = $1 AND read_at IS NULL AND $2 = ANY (actor_ids) AND cardinality(actor_ids) > 1 AND EXISTS (SELECT 1 FROM gone)
       RETURNING id, recipient_id, cardinality(actor_ids) AS remaining
     )
     SELECT id::text AS id, recipient_id AS "recipientId", remaining FROM emptied UNION ALL SELECT id::text, recipient_id, remaining FROM shrunk`,
    [target, actorId],
  );
  return {
    // A bundle counting down tells nothing new: it changes in place, delivered nowhere else.
    changed: rows.filter((row) => row.remaining > 0).map(({ id, recipientId }) => ({ id, recipientId, created: false, channel: 'in-app' })),
    withdrawn: rows.filter((row) => row.remaining === 0).map(({ id, recipientId }) => ({ id, recipientId })),
  };
}

/** A new follower. */
export async function notifyFollow(tx: Queryable, followerId: string, personId: string, emailConfigured: boolean): Promise<Made[]> {
  return tx.query<Made>(
    `WITH candidates AS (SELECT $2::text AS recipient, 'follow'::text AS kind), ${chosen('candidates', emailConfigured)}, ${made('actor_ids', `'follow:' || $1::text, ARRAY[$1::text]`)}`,
    [followerId, personId],
  );
}

/** A report of a comment: every moderator but the reporter (directory moderators, and `moderators` named in the settings). */
export async function notifyReport(
  tx: Queryable,
  report: { id: string; commentId: string; reporterId: string },
  moderators: readonly string[],
  emailConfigured: boolean,
): Promise<Made[]> {
  return tx.query<Made>(
    `WITH candidates AS (
       SELECT id AS recipient, 'report' AS kind FROM people WHERE (moderator OR id = ANY ($4::text[])) AND id <> $3::text
     ), ${chosen('candidates', emailConfigured)}, ${made('comment_id, report_id, actor_ids', `'report:' || $1::text, $2::text, $1::text, ARRAY[$3::text]`)}`,
    [report.id, report.commentId, report.reporterId, moderators],
  );
}

/** Takes back a follow's notification (unfollowed). */
export async function withdrawFollow(tx: Queryable, followerId: string, personId: string): Promise<Withdrawn[]> {
  return tx.query<Withdrawn>(
    `DELETE FROM notifications WHERE recipient_id = $2 AND kind = 'follow' AND source = 'follow:' || $1 RETURNING id::text AS id, recipient_id AS "recipientId"`,
    [followerId, personId],
  );
}

/**
 * Takes back what tells of a comment: all of it when deleted; when hidden,
 * all but the moderators' reports (they may read a hidden comment, and the
 * report is what they act on). A restore brings nothing back (decision 168).
 */
export async function withdrawComment(tx: Queryable, commentId: string, hidden: boolean): Promise<Withdrawn[]> {
  return tx.query<Withdrawn>(
    `DELETE FROM notifications WHERE comment_id = $1 AND ($2::boolean IS FALSE OR kind <> 'report') RETURNING id::text AS id, recipient_id AS "recipientId"`,
    [commentId, hidden],
  );
}

/** Takes back what tells of deleted status posts. */
export async function withdrawStatusPosts(tx: Queryable, activityIds: readonly string[]): Promise<Withdrawn[]> {
  return tx.query<Withdrawn>(`DELETE FROM notifications WHERE activity_id = ANY ($1::text[]) RETURNING id::text AS id, recipient_id AS "recipientId"`, [activityIds]);
}

/**
 * Erasure: the person leaves every notification they acted in (their own go
 * with them, ON DELETE CASCADE on the recipient); an entry left with no actor
 * goes too. For the erasure of issue 19 to call.
 */
export async function eraseNotificationActor(tx: Queryable, personId: string): Promise<void> {
  await tx.query(
    `WITH emptied AS (DELETE FROM notifications WHERE actor_ids = ARRAY[$1]::text[])
     UPDATE notifications SET actor_ids = array_remove(actor_ids, $1) WHERE $1 = ANY (actor_ids) AND cardinality(actor_ids) > 1`,
    [personId],
  );
}

/** The candidates (`recipient`, `kind`) with the channel each chose for that kind. */
function chosen(candidates: string, emailConfigured: boolean): string {
  return `chosen AS (SELECT ${candidates}.*, ${channelSql(`${candidates}.recipient`, settingKindSql(`${candidates}.kind`), emailConfigured)} AS channel FROM ${candidates})`;
}

/**
 * The rest of a write: one entry per chosen candidate whose channel is not
 * `off`, its `columns` (after recipient, kind and source) filled by `values`,
 * once per recipient and source; answered with each entry made and its channel.
 */
function made(columns: string, values: string): string {
  return `made AS (
       INSERT INTO notifications (recipient_id, kind, source, ${columns})
       SELECT recipient, kind, ${values} FROM chosen WHERE channel <> 'off'
       ON CONFLICT (recipient_id, source) WHERE kind <> 'reaction' DO NOTHING
       RETURNING id, recipient_id
     ) ${answer}`;
}

/** What a write answers: each entry made, with its recipient's channel. */
const answer = `SELECT made.id::text AS id, made.recipient_id AS "recipientId", true AS created, chosen.channel
  FROM made JOIN chosen ON chosen.recipient = made.recipient_id`;
