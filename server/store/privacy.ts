import type { CommentRecord, ErasureReceipt, PersonalDataExport } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import type { EraseMode } from '../config.ts';
import { COMMENT_FROM, commentColumns, iso, toRecord } from './comment-view.ts';
import { findPerson, personJson } from './people.ts';

/**
 * The two privacy requests: a copy of everything a person did in Plaza, and
 * erasing it. Erasing removes the person's row, and the foreign keys do the
 * rest (migration 002): sessions, reactions, follows and idempotency keys go
 * with it, comments and reports stay without a person (`ON DELETE SET NULL`).
 */

/** Everything `personId` wrote, reacted and followed; null if they are not in the directory. */
export async function exportPersonalData(db: Queryable, personId: string): Promise<PersonalDataExport | null> {
  const person = await findPerson(db, personId);
  if (!person) return null;
  const comments = await db.query<CommentRecord>(
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
  };
}

/**
 * Erases `personId` in one transaction. `anonymise` keeps their comments
 * without an author; `delete` also wipes their texts (a comment with replies
 * stays as a placeholder, so the replies still read) and their reports. The
 * event log loses every event they caused or that named them, so a replay
 * cannot bring them back; pages open at that moment show the change on reload.
 */
export async function erasePerson(tx: Queryable, personId: string, mode: EraseMode): Promise<ErasureReceipt> {
  const count = async (sql: string) => (await tx.query(sql, [personId])).length;
  const comments =
    mode === 'delete'
      ? await count(`UPDATE comments SET deleted_at = now(), updated_at = now(), body = '', mentions = '{}'
                     WHERE author_id = $1 AND deleted_at IS NULL RETURNING 1`)
      : await count('SELECT 1 FROM comments WHERE author_id = $1 AND deleted_at IS NULL');
  const reports =
    mode === 'delete'
      ? await count('DELETE FROM reports WHERE reporter_id = $1 RETURNING 1')
      : await count('SELECT 1 FROM reports WHERE reporter_id = $1');
  const reactions = await count('DELETE FROM reactions WHERE person_id = $1 RETURNING 1');
  const follows = await count('DELETE FROM follows WHERE follower_id = $1 RETURNING 1');
  await tx.query(
    `DELETE FROM events WHERE payload->>'actor' = $1 OR payload->>'person' = $1 OR payload->'comment'->'author'->>'id' = $1`,
    [personId],
  );
  await tx.query('DELETE FROM people WHERE id = $1', [personId]);
  return { mode, comments, reactions, follows, reports };
}
