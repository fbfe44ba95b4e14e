import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { LIMITS } from '../src/core/protocol.ts';
import type { AppEnv } from './context.ts';
import type { Transaction } from './db.ts';
import type { EventBus } from './events/bus.ts';
import type { Publish } from './events/types.ts';
import { ProblemError } from './problem.ts';
import { claimKey, saveAnswer } from './store/idempotency.ts';

const KEY = new RegExp(`^[\\x21-\\x7E]{1,${LIMITS.idempotencyKeyLength}}$`);

export interface Answer<T> {
  status: number;
  body: T;
}

/**
 * Runs a POST's work in one transaction, exactly once per user and
 * `Idempotency-Key` header: a retry (after a timeout, a dropped connection, a
 * double click) gets the first answer, status included, with
 * `Idempotent-Replayed: true`, and writes nothing. The key is claimed in the
 * work's own transaction, so a failed request leaves it unused and a retry
 * really runs. Without the header the work simply runs.
 */
export async function runOnce<T>(
  c: Context<AppEnv>,
  bus: EventBus,
  personId: string,
  work: (tx: Transaction, publish: Publish) => Promise<Answer<T>>,
): Promise<Answer<T>> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return bus.transaction(work);
  if (!KEY.test(key)) {
    throw new ProblemError(
      'validation',
      400,
      `Idempotency-Key must be 1–${LIMITS.idempotencyKeyLength} printable ASCII characters without spaces.`,
      'idempotency-key',
    );
  }
  // The same key on another path or with another body is a client bug, not a retry.
  const fingerprint = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(await c.req.text()).digest('base64url');
  const answer = await bus.transaction(async (tx, publish) => {
    const first = await claimKey(tx, personId, key, fingerprint);
    if (first) {
      if (first.fingerprint !== fingerprint) {
        throw new ProblemError('idempotencyKeyReused', 422, 'This Idempotency-Key was used for a different request; send a new key with a new request.', 'idempotency-key');
      }
      return { status: first.status, body: first.response as T, replayed: true };
    }
    const fresh = await work(tx, publish);
    await saveAnswer(tx, personId, key, fresh.status, fresh.body);
    return { ...fresh, replayed: false };
  });
  if (answer.replayed) c.header('Idempotent-Replayed', 'true');
  return { status: answer.status, body: answer.body };
}
