import { RETENTION_KINDS, type RetentionDays, type RetentionKind } from '../config/retention.ts';
import type { Database } from '../db.ts';
import { RunLease } from '../db/run-lease.ts';
import { RunSchedule } from '../db/run-schedule.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../log.ts';
import { PURGERS, RUNS_AT_ZERO } from './purgers.ts';

const DAY_MS = 86_400_000;
/** How often an instance looks whether a day has passed since the last purge (of any instance). */
const CHECK_EVERY_MS = 60 * 60_000;
/** A purge holds its lease this long, renewed between kinds; a crashed instance's lease runs out. */
const LEASE = '1 hour';

/** What one purge removed, per kind; null: another instance was purging. */
export type PurgeCounts = Record<RetentionKind, number>;

/**
 * The scheduled retention purge: at start, then once a day. Several
 * instances on one PostgreSQL each schedule it, and exactly one runs it: a
 * run takes the lease in `retention_runs` (migration 007) or does nothing.
 * The daily run also leaves it alone when another instance purged within the
 * last day. Removals go through the event bus (server/retention/purgers.ts),
 * so open pages on every instance drop what went.
 */
export class RetentionPurge {
  private readonly lease: RunLease;
  private readonly checks: RunSchedule;

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly days: RetentionDays,
    private readonly reactionKinds: readonly string[],
  ) {
    this.lease = new RunLease(db, 'retention_runs', LEASE);
    this.checks = new RunSchedule(logger, 'Retention purge failed; it runs again at the next check');
  }

  /** Purges now (in the background), then checks every hour whether a day has passed. */
  start(): void {
    this.checks.start(CHECK_EVERY_MS, () => this.run(new Date(), { daily: true }), () => this.run());
  }

  /**
   * One purge as of `now` (tests pass a fake clock): what is older than its
   * kind's days before `now` goes. `daily`: only if no purge finished within
   * the last day. Resolves to the counts, or null when it did not run
   * (another instance holds the lease, or it is not yet due).
   */
  async run(now: Date = new Date(), { daily = false } = {}): Promise<PurgeCounts | null> {
    if (!(await this.takeLease(daily))) return null;
    const counts = Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, 0])) as PurgeCounts;
    const summary = () => RETENTION_KINDS.map((kind) => `${counts[kind]} ${kind}`).join(', ');
    try {
      for (const purger of PURGERS) {
        const days = this.days[purger.kind];
        if (days === 0 && !RUNS_AT_ZERO.has(purger.kind)) continue;
        const cutoff = new Date(now.getTime() - days * DAY_MS);
        counts[purger.kind] = await purger.purge({ db: this.db, bus: this.bus, cutoff, days, reactionKinds: this.reactionKinds });
        await this.lease.renew();
      }
    } catch (error) {
      await this.releaseLease(null);
      throw new Error(`The retention purge stopped (removed before that: ${summary()})`, { cause: error });
    }
    await this.releaseLease(counts);
    this.logger.info(`Retention purge: removed ${summary()}.`);
    return counts;
  }

  /** Resolves once the purge in the background (if any) has ended. */
  settled(): Promise<void> {
    return this.checks.settled();
  }

  close(): Promise<void> {
    return this.checks.close();
  }

  private takeLease(daily: boolean): Promise<boolean> {
    return this.lease.take(`NOT ($2::boolean AND last_finished IS NOT NULL AND last_finished > now() - interval '1 day' + interval '5 minutes')`, [daily]);
  }

  /** `counts` null: the run failed; the lease goes, the last finished run stays what it was. */
  private releaseLease(counts: PurgeCounts | null): Promise<void> {
    return this.lease.release(
      `last_finished = CASE WHEN $2::jsonb IS NULL THEN last_finished ELSE now() END, last_counts = coalesce($2::jsonb, last_counts)`,
      [counts === null ? null : JSON.stringify(counts)],
    );
  }
}
