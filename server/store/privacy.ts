import { topics, type ErasureReceipt, type PersonalDataExport } from '../../src/core/protocol.ts';
import type { EraseMode } from '../config.ts';
import type { Queryable } from '../db.ts';
import { forgetRecipient } from '../delivery/outbox.ts';
import { eraseFromLog } from '../events/log.ts';
import { COMMENT_FROM, commentColumns, toRecord, type CommentRow } from './comment-view.ts';
import { auditEntries, eraseAuthorFromAudit } from './moderation-audit.ts';
import { findPerson } from './people.ts';
import { personJson } from './person-columns.ts';
import { iso } from './sql.ts';
import { activityTarget } from './targets.ts';

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
    `SELECT ${commentColumns('true')} ${COMMENT_FROM} WHERE c.author_id = $1 AND c.deleted_at IS NULL ORDER BY c.created_at, c.id`,
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
 * Erases `personId` in one transaction. `anonymise` keeps their comments and
 * status posts without an author; `delete` also wipes their comment texts (a
 * comment with replies stays as a placeholder, so the replies still read),
 * their status posts (with the reactions to them) and their reports. Their
 * other activities go either way, and so do others' activities about the
 * comments `delete` wiped. The event log loses every event they caused or
 * that named them, so a replay cannot bring them back. The audit log of
 * moderation keeps what they did as a moderator but loses them as an author
 * (decision 157). Pages open at that moment show the change on reload.
 */
export async function erasePerson(tx: Queryable, personId: string, mode: EraseMode): Promise<ErasureReceipt> {
  const count = async (sql: string) => (await tx.query(sql, [personId])).length;
  const comments =
    mode === 'delete'
      ? await count(`WITH wiped AS (
                       UPDATE comments SET deleted_at = now(), updated_at = now(), body = '', mentions = '{}'
                       WHERE author_id = $1 AND deleted_at IS NULL RETURNING id
                     ), gone AS (DELETE FROM activities WHERE comment_id IN (SELECT id FROM wiped))
                     SELECT 1 FROM wiped`)
      : await count('SELECT 1 FROM comments WHERE author_id = $1 AND deleted_at IS NULL');
  let statusPosts: number;
  if (mode === 'delete') {
    const gone = await tx.query<{ id: string }>(`DELETE FROM activities WHERE actor_id = $1 AND kind = 'status' RETURNING id`, [personId]);
    await tx.query('DELETE FROM reactions WHERE target = ANY($1::text[])', [gone.map((row) => activityTarget(row.id))]);
    statusPosts = gone.length;
  } else {
    statusPosts = await count(`UPDATE activities SET actor_id = NULL WHERE actor_id = $1 AND kind = 'status' RETURNING 1`);
  }
  const reports =
    mode === 'delete'
      ? await count('DELETE FROM reports WHERE reporter_id = $1 RETURNING 1')
      : await count('SELECT 1 FROM reports WHERE reporter_id = $1');
  const reactions = await count('DELETE FROM reactions WHERE person_id = $1 RETURNING 1');
  const follows = await count('DELETE FROM follows WHERE follower_id = $1 RETURNING 1');
  await eraseAuthorFromAudit(tx, personId, mode);
  await eraseFromLog(tx, personId, topics.activities(`user:${personId}`));
  await forgetRecipient(tx, personId);
  await tx.query('DELETE FROM people WHERE id = $1', [personId]);
  return { mode, comments, statusPosts, reactions, follows, reports };
}
