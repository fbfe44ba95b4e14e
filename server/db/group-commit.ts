import type { Transaction } from './types.ts';

/**
 * Group commit for a database with one connection (PGlite, decision 64).
 *
 * PGlite runs one transaction at a time (in its own thread since decision 93;
 * before, on the event loop, which the text below describes), and with fsync on
 * (decision 22) each commit waits for one disk flush. Two things made the
 * write tail long (p99 4.6 s at 50 connections). Queued work ran back to back
 * in one stretch of promise callbacks, so the event loop did not get to accept
 * new connections or read new requests until the queue was empty: the first
 * requests of 50 fresh connections waited until the load stopped (Node accepts
 * a few connections per turn of the loop). And each commit paid its own flush.
 *
 * Here transactions wait in one first-come-first-served queue and run in
 * rounds. Each round first yields to the event loop (so connections are
 * accepted and requests read between rounds), then runs the waiting
 * transactions one after another inside one database transaction, each in its
 * own savepoint, for at most {@link ROUND_MS} (but at least
 * {@link MIN_GROUP} when that many wait, and at most {@link MAX_GROUP}), and
 * commits once. A transaction that fails is rolled back
 * to its savepoint alone and rejects alone; the others still commit. Every
 * caller is answered only after the commit (and its flush) succeeded, so an
 * acknowledged write is as durable as before; if the commit fails, every
 * transaction of the round fails.
 *
 * What the transactions of one round share: `now()` (the time the round
 * began), and they see each other's writes in order, as they would had they
 * run one after another, which they did.
 */

/** Most transactions in one commit: bounds what one failed commit takes down and how long a round holds the connection. */
const MAX_GROUP = 64;
/** How long a round takes more transactions before it commits (reads wait for the round's end). */
const ROUND_MS = 25;
/**
 * Transactions a round takes whatever they cost, when they are waiting. A time bound alone made
 * rounds of one when writes ran slowly (a busy machine: 85 ms each), so every write paid its own
 * flush exactly when flushes were the scarcest.
 */
const MIN_GROUP = 8;

interface Job {
  work(tx: Transaction): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs one outer transaction on the single connection; `run` is the database's own `transaction`. */
export type OuterTransaction = (work: (tx: Transaction) => Promise<void>) => Promise<void>;

export class GroupCommit {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(private readonly outer: OuterTransaction) {}

  /** Runs `work` in a savepoint of the next round's transaction; resolves once that has committed. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Let the event loop turn: accept connections, read requests (which may join this round).
        await new Promise((resolve) => setImmediate(resolve));
        await this.round();
      }
    } finally {
      this.running = false;
    }
  }

  private async round(): Promise<void> {
    const jobs: Job[] = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    const started = performance.now();
    try {
      await this.outer(async (tx) => {
        while (this.queue.length > 0 && jobs.length < MAX_GROUP && (jobs.length < MIN_GROUP || performance.now() - started < ROUND_MS)) {
          const job = this.queue.shift()!;
          jobs.push(job);
          // Alone in the queue: no savepoint needed, its failure rolls back a round that is only it.
          if (jobs.length === 1 && this.queue.length === 0) {
            outcomes.push({ ok: true, value: await job.work(tx) });
            continue;
          }
          await tx.exec('SAVEPOINT plaza_write');
          try {
            const value = await job.work(tx);
            await tx.exec('RELEASE SAVEPOINT plaza_write');
            outcomes.push({ ok: true, value });
          } catch (error) {
            await tx.exec('ROLLBACK TO SAVEPOINT plaza_write');
            await tx.exec('RELEASE SAVEPOINT plaza_write');
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit failed (or the lone transaction did): nothing of the round is stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
