import { topics, type ErasureReceipt, type PersonalDataExport } from '../../src/core/protocol.ts';
import type { EraseMode } from '../config.ts';
import type { Queryable } from '../db.ts';
import { forgetRecipient } from '../delivery/outbox.ts';
import { eraseFromLog } from '../events/log.ts';
import { notificationTopic } from '../notifications/topic.ts';
import { eraseNotificationActor } from './notification-writes.ts';
import { COMMENT_FROM, commentColumns, toRecord, type CommentRow } from './comment-view.ts';
import { auditEntries, eraseAuthorFromAudit } from './moderation-audit.ts';
import type { Publish } from '../events/types.ts';
import { announceRemoved, announceUpdated, removeActivities } from './activities.ts';
import { announceDeletion, publishUpdate } from './comments.ts';
import { forgetMentions } from './erased-mentions.ts';
import { findPerson } from './people.ts';
import { personJson, WHOLE_TAGS } from './person-columns.ts';
import { iso } from './sql.ts';

/**
 * The two privacy requests: a copy of everything a person did in Plaza, and
 * erasing it. Erasing removes the person's row, and the foreign keys do the
 * rest (migrations 002, 003): sessions, reactions, follows, activities and
 * idempotency keys go with it, comments and reports stay without a person
 * (`ON DELETE SET NULL`), and so do status posts in anonymise mode, which
 * are detached first.
 */

/** Everything `personId` wrote, reacted and followed; null if they are not in the directory. */
export async function exportPersonalData(db: Queryable, personId: string): Promise<PersonalDataExport | null> {
  const person = await findPerson(db, personId);
  if (!person) return null;
  const comments = await db.query<CommentRow>(
    `SELECT ${commentColumns('true', WHOLE_TAGS)} ${COMMENT_FROM} WHERE c.author_id = $1 AND c.deleted_at IS NULL ORDER BY c.created_at, c.id`,
    [personId],
  );
  const reactions = await db.query<PersonalDataExport['reactions'][number]>(
    `SELECT target, kind, ${iso('created_at')} AS "createdAt" FROM reactions WHERE person_id = $1 ORDER BY created_at, target, kind`,
    [personId],
  );
  const following = await db.query<PersonalDataExport['following'][number]>(
    `SELECT ${personJson('p')} AS person, ${iso('f.created_at')} AS since
     FROM follows f JOIN people p ON p.id = f.followee_id WHERE f.follower_id = $1 ORDER BY f.created_at, p.id`,
    [personId],
  );
  const reports = await db.query<PersonalDataExport['reports'][number]>(
    `SELECT comment_id AS "commentId", reason, ${iso('created_at')} AS "createdAt" FROM reports WHERE reporter_id = $1 ORDER BY created_at, id`,
    [personId],
  );
  const statusPosts = await db.query<PersonalDataExport['statusPosts'][number]>(
    `SELECT id, body AS text, mentions, space, ${iso('created_at')} AS "createdAt"
     FROM activities WHERE actor_id = $1 AND kind = 'status' ORDER BY created_at, id`,
    [personId],
  );
  const moderation = await auditEntries(db, { actor: personId });
  const [now] = await db.query<{ at: string }>(`SELECT ${iso('now()')} AS at`);
  return {
    format: 'plaza-export/1',
    exportedAt: now!.at,
    person,
    comments: comments.map((row) => {
      const { author: _, ...comment } = toRecord(row);
      return comment;
    }),
    reactions,
    following,
    reports,
    statusPosts,
    moderation,
  };
}

/**
 * Erases `personId` in the caller's transaction (`EventBus.transaction`).
 * `anonymise` keeps their comments and status posts without an author;
 * `delete` also wipes their comment texts (a comment with replies stays as a
 * placeholder, so the replies still read), their status posts (with the
 * reactions to them) and their reports. Their other activities go either
 * way. Mentions of them in anyone's text become "ehemalige:r Kolleg:in"
 * (server/store/erased-mentions.ts). The event log loses every event they
 * caused or that named them, so a replay cannot bring them back. The audit
 * log of moderation keeps what they did as a moderator but loses them as an
 * author (decision 157).
 *
 * Open pages learn of it: each of their comments is announced (updated
 * without author, or deleted), each status post kept without author
 * (`activity.updated`, with `reactionKinds` for its counts), every activity
 * that leaves the feeds too,
 * each relabelled text as an update (a comment's feed entry by the feed's
 * projector, a status post here), and `person.erased` on their own
 * topic. Their reactions and follows go without an event of their own (an
 * event would have to name them); counts and follower numbers are right on
 * the next read.
 */
export async function erasePerson(tx: Queryable, publish: Publish, personId: string, mode: EraseMode, reactionKinds: readonly string[]): Promise<ErasureReceipt> {
  const count = async (sql: string) => (await tx.query(sql, [personId])).length;
  // Read before anything changes: their comments, to announce once the person is gone (anonymise) or wiped (delete).
  const written = await tx.query<{ id: string; threadKey: string; parentId: string | null }>(
    `SELECT id, thread_key AS "threadKey", parent_id AS "parentId" FROM comments WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at`,
    [personId],
  );
  if (mode === 'delete') await tx.query(`UPDATE comments SET deleted_at = now(), updated_at = now(), body = '', mentions = '{}' WHERE author_id = $1 AND deleted_at IS NULL`, [personId]);
  let statusPosts: number;
  let anonymised: Array<{ id: string }> = [];
  if (mode === 'delete') {
    const gone = await tx.query<{ id: string }>(`SELECT id FROM activities WHERE actor_id = $1 AND kind = 'status'`, [personId]);
    for (const { id } of gone) await removeActivities(tx, publish, { kind: 'status', id });
    statusPosts = gone.length;
  } else {
    anonymised = await tx.query<{ id: string }>(`UPDATE activities SET actor_id = NULL WHERE actor_id = $1 AND kind = 'status' RETURNING id`, [personId]);
    statusPosts = anonymised.length;
  }
  const reports =
    mode === 'delete'
      ? await count('DELETE FROM reports WHERE reporter_id = $1 RETURNING 1')
      : await count('SELECT 1 FROM reports WHERE reporter_id = $1');
  const reactions = await count('DELETE FROM reactions WHERE person_id = $1 RETURNING 1');
  const follows = await count('DELETE FROM follows WHERE follower_id = $1 RETURNING 1');
  await eraseAuthorFromAudit(tx, personId, mode);
  // Their activities, and others' follows of them, leave every open feed (the foreign keys would remove them silently).
  // Announced on `activities:all` only (actor null): their own feed's topic names them, and its log goes below.
  const removed = await tx.query<{ id: string; actorId: string | null }>(
    `DELETE FROM activities WHERE (actor_id = $1 AND kind <> 'status') OR subject_id = $1 RETURNING id, CASE WHEN actor_id <> $1 THEN actor_id END AS "actorId"`,
    [personId],
  );
  await announceRemoved(tx, publish, removed);
  await eraseNotificationActor(tx, personId);
  await eraseFromLog(tx, personId, [topics.activities(`user:${personId}`), notificationTopic(personId)]);
  await forgetRecipient(tx, personId);
  await tx.query('DELETE FROM people WHERE id = $1', [personId]);
  for (const comment of written) {
    if (mode === 'delete') await announceDeletion(tx, publish, comment);
    else await publishUpdate(tx, publish, comment.id, comment.threadKey);
  }
  const relabelled = await forgetMentions(tx, publish, personId);
  // After the mentions: the posts kept without them as author (on `activities:all`, actor null) and others' posts that
  // mentioned them go out as they now read, without their name anywhere; once each, though a post may be both.
  for (const id of new Set([...anonymised.map((post) => post.id), ...relabelled.statusPosts])) await announceUpdated(tx, publish, id, reactionKinds);
  await publish({ type: 'person.erased', topic: topics.person(personId), person: personId });
  return { mode, comments: written.length, statusPosts, reactions, follows, reports };
}
