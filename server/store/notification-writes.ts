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
 * it mentions, the author it replies to and the thread's watchers are told,
 * each once, as the most specific kind (mention, then reply, then comment).
 * `edited`: only people newly mentioned (the unique index skips the rest).
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
         UNION ALL SELECT person_id, 'comment', 3 FROM thread_watches WHERE NOT $6 AND thread_key = $2
       ) c WHERE recipient IS NOT NULL AND recipient <> $3::text
       ORDER BY recipient, rank
     ), ${chosen('candidates', emailConfigured)}, made AS (
       INSERT INTO notifications (recipient_id, kind, source, comment_id, actor_ids)
       SELECT recipient, kind, 'comment:' || $1::text, $1::text, ARRAY[$3::text] FROM chosen WHERE channel <> 'off'
       ON CONFLICT (recipient_id, source) WHERE kind <> 'reaction' DO NOTHING
       RETURNING id, recipient_id
     ) ${answer}`,
    [comment.id, comment.threadKey, comment.authorId, comment.mentions, comment.parentId, edited],
  );
}

/** A status post: the people it mentions, and (if they chose so) its author's followers. */
export async function notifyStatusPost(tx: Queryable, post: { id: string; authorId: string; mentions: readonly string[] }, emailConfigured: boolean): Promise<Made[]> {
  return tx.query<Made>(
    `WITH candidates AS (
       SELECT DISTINCT ON (recipient) recipient, kind FROM (
         SELECT m AS recipient, 'mention' AS kind, 1 AS rank FROM unnest($3::text[]) m
         UNION ALL SELECT follower_id, 'followed-post', 2 FROM follows WHERE followee_id = $2::text
       ) c WHERE recipient <> $2::text
       ORDER BY recipient, rank
     ), ${chosen('candidates', emailConfigured)}, made AS (
       INSERT INTO notifications (recipient_id, kind, source, activity_id, actor_ids)
       SELECT recipient, kind, 'activity:' || $1::text, $1::text, ARRAY[$2::text] FROM chosen WHERE channel <> 'off'
       ON CONFLICT (recipient_id, source) WHERE kind <> 'reaction' DO NOTHING
       RETURNING id, recipient_id
     ) ${answer}`,
    [post.id, post.authorId, post.mentions],
  );
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
    `WITH candidates AS (SELECT $2::text AS recipient, 'follow'::text AS kind), ${chosen('candidates', emailConfigured)}, made AS (
       INSERT INTO notifications (recipient_id, kind, source, actor_ids)
       SELECT recipient, kind, 'follow:' || $1::text, ARRAY[$1::text] FROM chosen WHERE channel <> 'off'
       ON CONFLICT (recipient_id, source) WHERE kind <> 'reaction' DO NOTHING
       RETURNING id, recipient_id
     ) ${answer}`,
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
     ), ${chosen('candidates', emailConfigured)}, made AS (
       INSERT INTO notifications (recipient_id, kind, source, comment_id, report_id, actor_ids)
       SELECT recipient, kind, 'report:' || $1::text, $2::text, $1::text, ARRAY[$3::text] FROM chosen WHERE channel <> 'off'
       ON CONFLICT (recipient_id, source) WHERE kind <> 'reaction' DO NOTHING
       RETURNING id, recipient_id
     ) ${answer}`,
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

/** What a write answers: each entry made, with its recipient's channel. */
const answer = `SELECT made.id::text AS id, made.recipient_id AS "recipientId", true AS created, chosen.channel
  FROM made JOIN chosen ON chosen.recipient = made.recipient_id`;
