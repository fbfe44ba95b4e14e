import { DEFAULT_PORT } from '../config.ts';
import type { Database, Transaction } from '../db.ts';
import { ulid } from '../ids.ts';
import { mentionedIds } from '../mentions.ts';
import { recordActivity } from '../store/activities.ts';
import { insertComment, insertThread } from '../store/comments.ts';
import { countPeople, insertPerson } from '../store/people.ts';
import { insertReaction } from '../store/reactions.ts';
import { activityTarget } from '../store/targets.ts';
import { setThreadPage } from '../store/thread-pages.ts';
import { SEED_FOLLOWS, SEED_JOINED, SEED_STATUS_POSTS } from './feed.ts';
import { SEED_NEWS, SEED_NEWS_SPACE, type SeedComment } from './news.ts';
import { SEED_PEOPLE } from './people.ts';

const MINUTE = 60_000;
/** Any constant (not the migrations' one): serialises seeding across instances. */
const SEED_LOCK = 7_406_113;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Where the demo intranet is when the server runs with its defaults (`npm start`): the feed links there. */
const DEMO_SITE = `http://localhost:${DEFAULT_PORT}/`;

/**
 * Fills an empty database with Stadtwerke Musterstadt: people, news threads,
 * comments and reactions, status posts and follows, with the activities all
 * of them make, in one transaction. A database that already has people is
 * left alone (returns false), so restarting never duplicates the seed and
 * never touches real data. `site` is where the demo intranet is served: the
 * news threads' pages, which the feed links to, are on it.
 */
export async function seedDemo(db: Database, now: Date = new Date(), site: string = DEMO_SITE): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Instances starting together on one PostgreSQL must not both see an empty directory.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if ((await countPeople(tx)) > 0) return false;
    for (const person of SEED_PEOPLE) await insertPerson(tx, person);
    const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);
    for (const { id, hoursAgo } of SEED_JOINED) await recordActivity(tx, null, { kind: 'joined', actorId: id, createdAt: ago(hoursAgo) });
    for (const article of SEED_NEWS) {
      const published = new Date(now.getTime() - article.daysAgo * DAY);
      await insertThread(tx, article.key, published);
      await setThreadPage(tx, article.key, { url: new URL(`demo/news/${article.anchor}.html`, site).href, title: article.title });
      await insertReactions(tx, article.key, article.reactions, published);
      for (const comment of article.comments) await insertCommentTree(tx, article.key, null, comment, published);
    }
    await insertThread(tx, SEED_NEWS_SPACE.key, now);
    await setThreadPage(tx, SEED_NEWS_SPACE.key, { url: new URL(SEED_NEWS_SPACE.path, site).href, title: SEED_NEWS_SPACE.title });
    for (const post of SEED_STATUS_POSTS) {
      const createdAt = ago(post.hoursAgo);
      const id = ulid(createdAt);
      const draft = { kind: 'status', actorId: post.by, text: post.body, mentions: mentionedIds(post.body), space: post.space ?? null } as const;
      await recordActivity(tx, null, { ...draft, id, createdAt });
      await insertReactions(tx, activityTarget(id), post.reactions ?? {}, createdAt);
    }
    for (const { by, follows, hoursAgo } of SEED_FOLLOWS) {
      await tx.query('INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3)', [by, follows, ago(hoursAgo)]);
      await recordActivity(tx, null, { kind: 'follow', actorId: by, subjectId: follows, createdAt: ago(hoursAgo) });
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
  if (!comment.deleted) await recordActivity(tx, null, { kind: 'comment', actorId: comment.by, threadKey, commentId: id, createdAt });
  await insertReactions(tx, `comment:${id}`, comment.reactions ?? {}, createdAt);
  for (const reply of comment.replies ?? []) await insertCommentTree(tx, threadKey, id, reply, published);
}

/**
 * Spreads reactions over the hours after `since`, so "who reacted, newest
 * first" has an order, each with its activity (none for reactions to status
 * posts, as when people react).
 */
async function insertReactions(tx: Transaction, target: string, byKind: Record<string, string[]>, since: Date): Promise<void> {
  let step = 1;
  for (const [kind, people] of Object.entries(byKind)) {
    for (const personId of people) {
      const at = new Date(since.getTime() + step++ * 17 * MINUTE);
      await insertReaction(tx, target, kind, personId, at);
      await recordActivity(tx, null, { kind: 'reaction', actorId: personId, target, reaction: kind, createdAt: at });
    }
  }
}
