import type { Database, Queryable } from '../db.ts';
import { ulid } from '../ids.ts';

/**
 * The send queue (table `deliveries`, migration 010; decision 172). A write
 * that should make something leave Plaza calls `enqueue` inside its own
 * transaction; the DeliveryWorker (worker.ts) of any instance claims due rows,
 * sends them and records the outcome. What it promises:
 *
 * - nothing is sent for a write that rolled back, and nothing queued is lost
 *   when an instance dies (the row is in the database, not in memory);
 * - one row is sent by one instance at a time: claiming takes rows with
 *   `FOR UPDATE SKIP LOCKED` and sets a lease; only a lease that ran out (its
 *   instance died mid-send) lets another instance take the row over, so a
 *   crash in the very moment of sending may send that one row again
 *   (at-least-once there; e-mails carry a Message-ID and webhook calls a
 *   delivery id made from the row, so a receiver can tell);
 * - `dedupeKey` is unique: one cause never queues twice.
 */

export type DeliveryChannel = 'email' | 'teams' | 'webhook';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface Delivery {
  channel: DeliveryChannel;
  /** email: a person's id (the per-hour cap counts per person); teams and webhook: the URL posted to. */
  recipient: string;
  /** Unique per cause, e.g. `mail:mention:<comment id>:<person id>`: a second enqueue with it is ignored. */
  dedupeKey: string;
  /** What the channel's sender needs (mail.ts `MailMessage`, a Teams message, a webhook body). */
  payload: unknown;
}

/** A claimed row, handed to the channel's sender. */
export interface ClaimedDelivery {
  id: string;
  channel: DeliveryChannel;
  recipient: string;
  payload: unknown;
  /** Including this one. */
  attempts: number;
  createdAt: Date;
}

/** The NOTIFY channel `enqueue` wakes the workers of every instance on (PostgreSQL). */
export const DELIVERIES_CHANNEL = 'plaza_deliveries';

/**
 * Queues `delivery` in the caller's transaction. Returns whether it was new
 * (false: its dedupe key was queued before). The same statement NOTIFYs
 * the workers, which PostgreSQL delivers at commit to every instance; on
 * PGlite the worker is woken by the write's events and its timer.
 */
export async function enqueue(tx: Queryable, delivery: Delivery): Promise<boolean> {
  const rows = await tx.query(
    `WITH queued AS (
       INSERT INTO deliveries (id, channel, recipient, dedupe_key, payload) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1
     )
     SELECT pg_notify('${DELIVERIES_CHANNEL}', '') FROM queued`,
    [ulid(), delivery.channel, delivery.recipient, delivery.dedupeKey, JSON.stringify(delivery.payload)],
  );
  return rows.length > 0;
}

export interface ClaimRules {
  /** Only rows of channels this instance can send (a channel without settings waits for them). */
  channels: readonly DeliveryChannel[];
  limit: number;
  leaseSeconds: number;
  /** Most e-mails per person per rolling hour; 0: no cap. */
  mailMaxPerHour: number;
}

interface DueRow {
  id: string;
  channel: DeliveryChannel;
  recipient: string;
  dedupeKey: string;
}

const DIGEST_KEY_PREFIX = 'mail:digest:';

/**
 * The dedupe key of `personId`'s daily digest of `day` (their local day, `2026-12-07`): one a day,
 * however often or on however many instances the digest runs.
 */
export function digestDedupeKey(personId: string, day: string): string {
  return `${DIGEST_KEY_PREFIX}${personId}:${day}`;
}

/**
 * Claims due rows (pending and due, or 'sending' with a lease that ran out):
 * marks them 'sending' with a lease and one more attempt, and returns them.
 * E-mails to someone who had `mailMaxPerHour` in the last hour are deferred
 * instead, to when the oldest of those is an hour old (one being sent counts
 * as sent now): the cap delays, it never drops. With several instances each
 * counts what is sent and being sent, so the cap holds up to the mails
 * claimed in the same instant. The daily digest is never held (decision 196):
 * it is one mail a day that gathers what the cap would otherwise spread out,
 * and it counts towards the hour like any other mail.
 */
export async function claimDue(db: Database, rules: ClaimRules): Promise<ClaimedDelivery[]> {
  if (rules.channels.length === 0) return [];
  return db.transaction(async (tx) => {
    const due = await tx.query<DueRow>(
      `SELECT id, channel, recipient, dedupe_key AS "dedupeKey" FROM deliveries
       WHERE channel = ANY($1::text[])
         AND ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until <= now()))
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [rules.channels, rules.limit],
    );
    if (due.length === 0) return [];
    const deferred = await overTheCap(tx, due, rules.mailMaxPerHour);
    for (const [until, ids] of deferred) {
      await tx.query(`UPDATE deliveries SET status = 'pending', lease_until = NULL, next_attempt_at = $2 WHERE id = ANY($1::text[])`, [ids, until]);
    }
    const held = new Set([...deferred.values()].flat());
    const ids = due.filter((row) => !held.has(row.id)).map((row) => row.id);
    if (ids.length === 0) return [];
    return tx.query<ClaimedDelivery>(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2)
       WHERE id = ANY($1::text[])
       RETURNING id, channel, recipient, payload, attempts, created_at AS "createdAt"`,
      [ids, rules.leaseSeconds],
    );
  });
}

/**
 * The e-mail rows of `due` that would pass their recipient's hourly cap,
 * grouped by when they may go (ISO time → ids). Counts the mails sent in the
 * last hour and those being sent, then this batch in order.
 */
async function overTheCap(tx: Queryable, due: readonly DueRow[], cap: number): Promise<Map<string, string[]>> {
  const mails = due.filter((row) => row.channel === 'email' && !row.dedupeKey.startsWith(DIGEST_KEY_PREFIX));
  const deferred = new Map<string, string[]>();
  if (cap <= 0 || mails.length === 0) return deferred;
  const recipients = [...new Set(mails.map((row) => row.recipient))];
  // A mail being sent (here or by another instance) counts as sent now.
  const counted = await tx.query<{ recipient: string; sent: number; oldest: Date }>(
    `SELECT recipient, count(*)::int AS sent, min(coalesce(sent_at, now())) AS oldest FROM deliveries
     WHERE channel = 'email' AND recipient = ANY($1::text[]) AND NOT (id = ANY($2::text[]))
       AND ((status = 'sent' AND sent_at > now() - interval '1 hour') OR status = 'sending')
     GROUP BY recipient`,
    [recipients, due.map((row) => row.id)],
  );
  const usage = new Map(counted.map((row) => [row.recipient, { sent: row.sent, oldest: row.oldest.getTime() }]));
  const now = Date.now();
  for (const row of mails) {
    const used = usage.get(row.recipient) ?? { sent: 0, oldest: now };
    if (used.sent < cap) {
      usage.set(row.recipient, { sent: used.sent + 1, oldest: Math.min(used.oldest, now) });
      continue;
    }
    const until = new Date(used.oldest + 3_600_000).toISOString();
    deferred.set(until, [...(deferred.get(until) ?? []), row.id]);
  }
  return deferred;
}

/** Records a sent row. Only while it is still this claim's ('sending'): a row taken over meanwhile is left alone. */
export async function markSent(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE deliveries SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1 AND status = 'sending'`, [
    id,
  ]);
}

/** Records a failed attempt: pending again after `retryInMs`, or 'failed' for good when that is null. */
export async function markAttemptFailed(db: Queryable, id: string, error: string, retryInMs: number | null): Promise<void> {
  await db.query(
    `UPDATE deliveries SET lease_until = NULL, last_error = $2,
       status = CASE WHEN $3::float8 IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $3::float8 IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $3::float8 / 1000) END
     WHERE id = $1 AND status = 'sending'`,
    [id, error.slice(0, 1000), retryInMs],
  );
}

/**
 * How long to wait before attempt `attempts + 1`, or null when `attempts`
 * was the last: exponential from `baseMs` (doubling, at most 6 hours), with
 * "equal jitter" (half fixed, half random) so deliveries that failed together
 * do not all come back together.
 */
export function retryDelay(attempts: number, maxAttempts: number, baseMs: number, random: () => number = Math.random): number | null {
  if (attempts >= maxAttempts) return null;
  const full = Math.min(baseMs * 2 ** (attempts - 1), 6 * 3_600_000);
  return Math.round(full / 2 + (random() * full) / 2);
}

/** The start of the dedupe key of every personal Teams card for `personId` (teams.ts); the rows' recipient is the webhook's URL. */
export function personalTeamsKeyPrefix(personId: string): string {
  return `teams:person:${personId}:`;
}

/**
 * Erasure (`DELETE /me`): the mails and personal Teams cards queued or sent to a person go with them
 * (they hold their name and address).
 */
export async function forgetRecipient(tx: Queryable, personId: string): Promise<void> {
  await tx.query(
    `DELETE FROM deliveries WHERE (channel = 'email' AND recipient = $1) OR (channel = 'teams' AND left(dedupe_key, length($2)) = $2)`,
    [personId, personalTeamsKeyPrefix(personId)],
  );
}
