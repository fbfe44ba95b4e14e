import { topics, type Profile } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { followChangesJson } from '../events/log.ts';
import { ProblemError } from '../problem.ts';
import type { Publish } from '../events/types.ts';
import { findProfile } from './people.ts';

/**
 * Follows `personId` (active) or stops following; answers their profile
 * afterwards. Repeating a change is harmless and announces nothing. The
 * feed projects `follow.changed` into the follow's activity after it, so a
 * stream that resolves `activities:following` knows of the follow when the
 * activity reaches it.
 */
export async function changeFollow(tx: Queryable, publish: Publish, followerId: string, personId: string, active: boolean): Promise<Profile> {
  if (!(await findProfile(tx, personId, null))) throw new ProblemError('notFound', 404, 'Nobody in the directory has this id.', 'id');
  if (personId === followerId) throw new ProblemError('validation', 400, 'You cannot follow yourself.', 'id');
  const changed = active
    ? await tx.query('INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [followerId, personId])
    : await tx.query('DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2 RETURNING 1', [followerId, personId]);
  const profile = (await findProfile(tx, personId, followerId))!;
  if (changed.length > 0) {
    await publish({ type: 'follow.changed', topic: topics.person(personId), person: personId, actor: followerId, active, followers: profile.followers });
  }
  return profile;
}

/**
 * Whom `viewerId` follows now, and (after `afterId`) the follow changes they
 * made since, oldest first, read in one statement so both are of one moment.
 * A stream resuming after `afterId` rewinds the first to where it stood then.
 */
export async function followsSince(
  db: Queryable,
  viewerId: string,
  afterId: number | null,
): Promise<{ now: string[]; changes: Array<{ person: string; active: boolean }> }> {
  const [row] = await db.query<{ now: string[]; changes: Array<{ person: string; active: boolean }> }>(
    `SELECT ARRAY(SELECT followee_id FROM follows WHERE follower_id = $1) AS now,
       ${followChangesJson('$1', '$2')} AS changes`,
    [viewerId, afterId],
  );
  return row!;
}
