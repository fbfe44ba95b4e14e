import type { Transaction } from '../db.ts';

/**
 * Group commit for a database with one connection (PGlite, decision 64).
 *
 * PGlite runs one transaction at a time, and with fsync on (decision 22)
 * each commit waits for one disk flush on the event loop. Under 50
 * concurrent writers the flushes were most of the time, and p99 reached
 * 4.6 s. Here transactions wait in one first-come-first-served queue; each
 * round takes every transaction waiting (up to {@link MAX_GROUP}) and runs
 * them one after another inside one database transaction, each in its own
 * savepoint, and commits once. A transaction that fails is rolled back to
 * its savepoint alone and rejects alone; the others still commit. Every
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
        // Let the requests that have arrived meanwhile (I/O not read yet: PGlite works on the event loop) join this round.
        await new Promise((resolve) => setImmediate(resolve));
        await this.round(this.queue.splice(0, MAX_GROUP));
      }
    } finally {
      this.running = false;
    }
  }

  private async round(jobs: Job[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.outer(async (tx) => {
        for (const job of jobs) {
          // A lone transaction needs no savepoint: its failure rolls back the round, which is only it.
          if (jobs.length === 1) {
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
