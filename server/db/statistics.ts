import type { Database, Queryable } from './types.ts';
import type { Logger } from '../log.ts';

/**
 * Keeps the query planner's statistics current (decision 62). Without them
 * PostgreSQL plans a table as if it were as small as when it was last
 * analysed (or guesses, if never): a feed page over 50,000 activities became a
 * sequential scan and a sort (140 ms) instead of a short index scan (0.25 ms).
 * PGlite runs no autovacuum at all, and on PostgreSQL autovacuum analyses a
 * freshly imported table only after its next nap, when the first pages have
 * already been planned badly.
 *
 * A table is due when it has grown by {@link GROWTH} (or a few pages) since
 * ANALYZE last measured it, judged from its size on disk against the
 * `relpages` that ANALYZE recorded: one catalog query, no counting. Size
 * alone misses rows that were uncommitted while ANALYZE ran (on PostgreSQL a
 * table grows before its insert commits), so the rows changed since, as
 * PostgreSQL's statistics count them, count too. Tables are
 * analysed one statement at a time, so on PGlite writes queue behind one
 * table's sample (at most 30,000 rows), not behind all of them.
 */

/** Growth since the last ANALYZE that makes a table due: a fifth, and at least this many pages. */
const GROWTH = 0.2;
const MIN_NEW_PAGES = 4;
/** …or rows written since (PostgreSQL counts them; PGlite does not report them reliably). */
const MIN_CHANGED_ROWS = 500;

/** Tables in Plaza's schema that grew enough since ANALYZE last looked at them, largest first. */
export async function tablesDue(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
       AND (pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest(c.relpages * (1 + $1::float8), c.relpages + $2::int)
         OR coalesce(s.n_mod_since_analyze, 0) >= greatest(c.reltuples, 0) * $1::float8 + $3::int)
     ORDER BY pg_relation_size(c.oid) DESC`,
    [GROWTH, MIN_NEW_PAGES, MIN_CHANGED_ROWS],
  );
  return rows.map((row) => row.name);
}

/** Analyses every table that is due; returns their names. */
export async function refreshStatistics(db: Queryable): Promise<string[]> {
  const due = await tablesDue(db);
  // Names come from the catalog; quoted all the same.
  for (const table of due) await db.query(`ANALYZE "${table.replaceAll('"', '""')}"`);
  return due;
}

/**
 * Looks every `everyMs` whether a table is due and analyses it; `now()` looks
 * at once (after migrations, the seed, an import). One look at a time. Each
 * look first runs `upkeep`, the other small chores of the same rhythm (folding
 * the thread count deltas), each in a transaction, so they never run beside an ANALYZE.
 */
export class StatisticsKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly everyMs: number,
    private readonly upkeep: ReadonlyArray<(tx: Queryable) => Promise<void>> = [],
  ) {}

  start(): void {
    if (this.everyMs <= 0 || this.closed) return;
    this.timer = setInterval(() => void this.now(), this.everyMs);
    this.timer.unref();
  }

  now(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.closed) return;
      try {
        // Each in a transaction, as every write: on PGlite that queues it with the others and has the storage guard check it.
        for (const chore of this.upkeep) await this.db.transaction(chore);
        await refreshStatistics(this.db);
      } catch (error) {
        // Stale statistics and unfolded deltas make reads slower, never wrong: log and try again next time.
        this.logger.warn(`Could not refresh the planner's statistics or fold thread counts (${(error as Error).message}); trying again later.`);
      }
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }
}
