import type { RetentionKind } from '../config/retention.ts';
import type { Database, Transaction } from '../db.ts';
import type { EventBus } from '../events/bus.ts';
import type { Publish } from '../events/types.ts';
import { announceRemoved, removeActivities } from '../store/activities.ts';
import { announceDeletion } from '../store/comments.ts';
import { changeReaction } from '../store/reactions.ts';
import { announceWithdrawn } from '../projections/notifications.ts';

/**
 * One purger per kind of data: what "expired" means for it and how it goes.
 * Each removes what was created before `cutoff` through the event bus, in
 * batches of one transaction each, so what it removes is announced like a
 * person's own deletion (open pages drop it) and the projectors tidy up
 * after it (the feed entries of a purged comment or reaction). The audit log
 * of moderation is one more entry (see `audit`).
 */
export interface Purger {
  kind: RetentionKind;
  /** Removes what expired; resolves to how many items went. */
  purge(context: PurgeContext): Promise<number>;
}

export interface PurgeContext {
  db: Database;
  bus: EventBus;
  /** Created before this: expired. */
  cutoff: Date;
  /** Days configured for the kind (a purger runs at 0 only if its kind is in RUNS_AT_ZERO). */
  days: number;
  reactionKinds: readonly string[];
}

/** Rows per transaction: short enough not to hold locks that writers wait for, large enough to finish a year's backlog. */
export const BATCH = 200;

/**
 * Runs `batch` in bus transactions until one removes fewer than BATCH.
 * Resolves to the total removed.
 */
async function inBatches(bus: EventBus, batch: (tx: Transaction, publish: Publish) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await bus.transaction(batch);
    total += removed;
    if (removed < BATCH) return total;
  }
}

/**
 * Comments: the text, mentions and author go, the row stays as the
 * "deleted" placeholder that deleting a comment leaves (replies stay
 * readable under it; without replies, readers see nothing). A hole in a
 * thread would leave replies answering nobody; a placeholder says a comment
 * was there. Status posts, the feed's own texts, expire with comments.
 */
const comments: Purger = {
  kind: 'comments',
  async purge({ bus, cutoff }) {
    const wiped = await inBatches(bus, async (tx, publish) => {
      const rows = await tx.query<{ id: string; threadKey: string; parentId: string | null }>(
        `UPDATE comments SET deleted_at = now(), updated_at = now(), body = '', mentions = '{}', author_id = NULL
         WHERE id IN (SELECT id FROM comments WHERE deleted_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2)
         RETURNING id, thread_key AS "threadKey", parent_id AS "parentId"`,
        [cutoff, BATCH],
      );
      for (const row of rows) await announceDeletion(tx, publish, row);
      return rows.length;
    });
    const posts = await inBatches(bus, async (tx, publish) => {
      const rows = await tx.query<{ id: string }>(`SELECT id FROM activities WHERE kind = 'status' AND created_at < $1 ORDER BY created_at LIMIT $2`, [cutoff, BATCH]);
      for (const { id } of rows) await removeActivities(tx, publish, { kind: 'status', id });
      return rows.length;
    });
    return wiped + posts;
  },
};

/** Reactions, each taken back as if its person had (the counts go down on open pages; its feed entry goes). */
const reactions: Purger = {
  kind: 'reactions',
  purge: ({ bus, cutoff, reactionKinds }) =>
    inBatches(bus, async (tx, publish) => {
      const rows = await tx.query<{ target: string; kind: string; personId: string }>(
        'SELECT target, kind, person_id AS "personId" FROM reactions WHERE created_at < $1 ORDER BY created_at LIMIT $2',
        [cutoff, BATCH],
      );
      for (const row of rows) await changeReaction(tx, publish, { ...row, active: false }, reactionKinds);
      return rows.length;
    }),
};

/** Feed entries that record behaviour (a comment was written, a reaction, a follow, a join): gone from every feed. */
const activities: Purger = {
  kind: 'activities',
  purge: ({ bus, cutoff }) =>
    inBatches(bus, async (tx, publish) => {
      const rows = await tx.query<{ id: string; actorId: string | null }>(
        `DELETE FROM activities WHERE id IN (SELECT id FROM activities WHERE kind <> 'status' AND created_at < $1 ORDER BY created_at LIMIT $2)
         RETURNING id, actor_id AS "actorId"`,
        [cutoff, BATCH],
      );
      await announceRemoved(tx, publish, rows);
      return rows.length;
    }),
};

/** Handled reports (who reported what, why). Open ones wait for a moderator whatever their age. Nobody is shown them, so nothing is announced. */
const reports: Purger = {
  kind: 'reports',
  async purge({ db, cutoff }) {
    return (await db.query('DELETE FROM reports WHERE resolved_at IS NOT NULL AND created_at < $1 RETURNING 1', [cutoff])).length;
  },
};

/** The audit log of moderation (`moderation_audit`, migration 008, which took in the older `moderation_actions`). */
const audit: Purger = {
  kind: 'audit',
  async purge({ db, cutoff }) {
    return (await db.query('DELETE FROM moderation_audit WHERE created_at < $1 RETURNING 1', [cutoff])).length;
  },
};

/** Sessions end at their own expiry whatever the setting; a number of days also ends older ones (their person signs in again). */
const sessions: Purger = {
  kind: 'sessions',
  async purge({ db, cutoff, days }) {
    const rows = await db.query('DELETE FROM sessions WHERE expires_at <= now() OR ($2::int > 0 AND created_at < $1) RETURNING 1', [cutoff, days]);
    return rows.length;
  },
};

/** The realtime event log: through the bus, which notes where the log now starts (a client resuming before it reloads). */
const events: Purger = {
  kind: 'events',
  purge: ({ bus, cutoff, days }) => bus.prune(days > 0 ? cutoff : null),
};

/**
 * In-app notifications not changed since the cutoff, read or not. Withdrawn like a deleted
 * source's, so an open bell drops the entry and its count goes down.
 */
const notifications: Purger = {
  kind: 'notifications',
  purge: ({ bus, cutoff }) =>
    inBatches(bus, async (tx, publish) => {
      const rows = await tx.query<{ id: string; recipientId: string }>(
        `DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE updated_at < $1 ORDER BY updated_at LIMIT $2)
         RETURNING id::text, recipient_id AS "recipientId"`,
        [cutoff, BATCH],
      );
      await announceWithdrawn(tx, publish, rows);
      return rows.length;
    }),
};

/**
 * The send queue's finished rows (sent, or given up after their retries): copies of mails and
 * cards that only the delivery log shows. Pending and sending rows stay whatever their age: they
 * are still to go out. A cause's dedupe key goes with its row; causes are events and
 * notifications, which never come again a month later.
 */
const deliveries: Purger = {
  kind: 'deliveries',
  async purge({ db, cutoff }) {
    return (await db.query(`DELETE FROM deliveries WHERE status IN ('sent', 'failed') AND created_at < $1 RETURNING 1`, [cutoff])).length;
  },
};

/** In the order they run: texts first, so the feed entries, reactions and notifications they take along are not counted twice. */
export const PURGERS: readonly Purger[] = [comments, reactions, activities, reports, audit, sessions, events, notifications, deliveries];

/** Kinds that have work at 0 days too: expired sessions, and the event log's row cap. */
export const RUNS_AT_ZERO: ReadonlySet<RetentionKind> = new Set(['sessions', 'events']);
