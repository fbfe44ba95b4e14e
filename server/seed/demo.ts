import type { Database, Transaction } from '../db.ts';
import { ulid } from '../ids.ts';
import { insertComment, insertThread } from '../store/comments.ts';
import { countPeople, insertPerson } from '../store/people.ts';
import { insertReaction } from '../store/reactions.ts';
import { SEED_NEWS, type SeedComment } from './news.ts';
import { SEED_PEOPLE } from './people.ts';

const MINUTE = 60_000;
/** Any constant (not the migrations' one): serialises seeding across instances. */
const SEED_LOCK = 7_406_113;
const DAY = 24 * 60 * MINUTE;

/**
 * Fills an empty database with Stadtwerke Musterstadt: people, news threads,
 * comments and reactions, all in one transaction. A database that already has
 * people is left alone (returns false), so restarting never duplicates the seed
 * and never touches real data.
 */
export async function seedDemo(db: Database, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Instances starting together on one PostgreSQL must not both see an empty directory.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if ((await countPeople(tx)) > 0) return false;
    for (const person of SEED_PEOPLE) await insertPerson(tx, person);
    for (const article of SEED_NEWS) {
      const published = new Date(now.getTime() - article.daysAgo * DAY);
      await insertThread(tx, article.key, published);
      await insertReactions(tx, article.key, article.reactions, published);
      for (const comment of article.comments) await insertCommentTree(tx, article.key, null, comment, published);
    }
    return true;
  });
}

async function insertCommentTree(tx: Transaction, threadKey: string, parentId: string | null, comment: SeedComment, published: Date): Promise<void> {
  const createdAt = new Date(published.getTime() + comment.minutesAfter * MINUTE);
  const id = ulid(createdAt);
  await insertComment(tx, {
    id,
    threadKey,
    parentId,
    authorId: comment.by,
    body: comment.body,
    createdAt,
    deletedAt: comment.deleted ? new Date(createdAt.getTime() + 30 * MINUTE) : null,
  });
  await insertReactions(tx, `comment:${id}`, comment.reactions ?? {}, createdAt);
  for (const reply of comment.replies ?? []) await insertCommentTree(tx, threadKey, id, reply, published);
}

/** Spreads reactions over the hours after `since`, so "who reacted, newest first" has an order. */
async function insertReactions(tx: Transaction, target: string, byKind: Record<string, string[]>, since: Date): Promise<void> {
  let step = 1;
  for (const [kind, people] of Object.entries(byKind)) {
    for (const personId of people) await insertReaction(tx, target, kind, personId, new Date(since.getTime() + step++ * 17 * MINUTE));
  }
}
