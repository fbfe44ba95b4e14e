import type { Queryable } from '../db.ts';

/**
 * The moderators' own record of what they did (migration 004). The public
 * events of a hide, restore, deletion, close or reopen name nobody (readers
 * see "von der Moderation"); who it was is written here, in the same
 * transaction as the action. Authors acting on their own words are not
 * moderation and are not recorded.
 */
export type ModerationAction = 'hide' | 'restore' | 'delete' | 'close' | 'reopen';

/** `target`: `comment:<id>`, `activity:<id>` (a status post) or the key of a thread closed or reopened. */
export async function recordModeration(tx: Queryable, moderatorId: string, action: ModerationAction, target: string): Promise<void> {
  await tx.query('INSERT INTO moderation_actions (moderator_id, action, target) VALUES ($1, $2, $3)', [moderatorId, action, target]);
}
