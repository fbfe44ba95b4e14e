import type { Queryable } from '../db.ts';

/** How long a key is remembered: long enough for any client's retries, short enough to keep the table small. */
const RETENTION_HOURS = 24;

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  response: unknown;
}

/**
 * Claims (person, key) for a new request, inside the request's transaction.
 * Returns null when claimed: go ahead, then `saveAnswer`. Returns the first
 * request's answer when the key was used before. A concurrent request with
 * the same key waits on the primary key until the first commits (and then
 * finds its answer) or rolls back (and then claims the key itself).
 */
export async function claimKey(tx: Queryable, personId: string, key: string, fingerprint: string): Promise<StoredAnswer | null> {
  // An expired key is claimed again by overwriting it: one statement, not a DELETE and an INSERT.
  const claimed = await tx.query(
    `INSERT INTO idempotency_keys (person_id, key, fingerprint, status, response) VALUES ($1, $2, $3, 0, 'null')
     ON CONFLICT (person_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = 0, response = 'null', created_at = now()
       WHERE idempotency_keys.created_at < now() - make_interval(hours => $4)
     RETURNING 1`,
    [personId, key, fingerprint, RETENTION_HOURS],
  );
  if (claimed.length > 0) return null;
  const [first] = await tx.query<StoredAnswer>('SELECT fingerprint, status, response FROM idempotency_keys WHERE person_id = $1 AND key = $2', [
    personId,
    key,
  ]);
  return first!;
}

export async function saveAnswer(tx: Queryable, personId: string, key: string, status: number, response: unknown): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE person_id = $1 AND key = $2', [
    personId,
    key,
    status,
    JSON.stringify(response),
  ]);
}

/** Run at startup: expired keys can never match again. */
export async function deleteExpiredKeys(db: Queryable): Promise<void> {
  await db.query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [RETENTION_HOURS]);
}
