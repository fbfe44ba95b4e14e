import { randomUUID } from 'node:crypto';
import type { Queryable } from './types.ts';

/** The one-row tables that say who runs a scheduled job now (migrations 007 and 011). */
export type RunTable = 'retention_runs' | 'digest_runs';

/**
 * The lease on a scheduled job's one row (`id = 1`: `holder`, `lease_until`,
 * `last_started`), so that of several instances on one PostgreSQL exactly one
 * runs the job, and a crashed one's lease runs out (the retention purge, the
 * daily digest). Each holder is one object; SQL conditions and assignments
 * given to it number their parameters from $2 ($1 is the holder).
 */
export class RunLease {
  private readonly holder = randomUUID();

  /** `duration`: an SQL interval literal such as `1 hour`; the holder renews it while it works. */
  constructor(
    private readonly db: Queryable,
    private readonly table: RunTable,
    private readonly duration: string,
  ) {}

  /** Takes the lease when nobody holds it and `due` (an SQL condition on the row) holds; answers whether it did. */
  async take(due: string, params: readonly unknown[]): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE ${this.table} SET holder = $1, lease_until = now() + interval '${this.duration}', last_started = now()
       WHERE id = 1 AND (lease_until IS NULL OR lease_until < now()) AND (${due})
       RETURNING 1`,
      [this.holder, ...params],
    );
    return rows.length > 0;
  }

  async renew(): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET lease_until = now() + interval '${this.duration}' WHERE id = 1 AND holder = $1`, [this.holder]);
  }

  /** Gives the lease back and records the run with `set` (SQL assignments); a lease taken over meanwhile is left alone. */
  async release(set: string, params: readonly unknown[]): Promise<void> {
    await this.db.query(`UPDATE ${this.table} SET lease_until = NULL, ${set} WHERE id = 1 AND holder = $1`, [this.holder, ...params]);
  }
}
