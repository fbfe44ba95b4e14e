import type { RealtimeEvent } from '../../src/core/protocol.ts';
import type { Database, Transaction } from '../db.ts';
import type { Logger } from '../log.ts';
import { project, type Projector } from '../projections/projector.ts';
import {
  appendEvents,
  eventLog,
  eventLogWriters,
  eventsAfter,
  firstEventId,
  lastEventId,
  moreEventsThan,
  notifyEventLog,
  pruneEvents,
  type StoredEvent,
} from './log.ts';
import { isLogged, type Publish, type WriteEvent } from './types.ts';

export type { StoredEvent };

/** One open event stream: the topics it asked for and how to reach it. */
export interface Subscriber {
  /** Read at every event, so a stream may change it while open (server/feed-topics.ts). */
  topics: ReadonlySet<string>;
  /** Events on other topics it takes too (a feed following whoever the viewer follows). */
  wants?(event: RealtimeEvent): boolean;
  send(stored: StoredEvent): void;
  /** Keeps an idle connection from being cut by a proxy. */
  heartbeat(): void;
  /** Ends the stream (server shutdown). */
  close(): void;
}

/** What the log keeps at most, whatever its age (its age limit is PLAZA_RETENTION_EVENTS_DAYS). */
const MAX_ROWS = 10_000;
const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const REPLAY_PAGE = 500;
/** The NOTIFY channel instances on one PostgreSQL tell each other about new events on. */
export const EVENTS_CHANNEL = 'plaza_events';
/** Rows per read of the log, and reads per wake-up before yielding to other work. */
const READ_PAGE = 1000;
const READS_PER_WAKE = 20;
/** PostgreSQL: a safety net under LISTEN (a notification lost with a dropped connection). */
const POLL_MS = 1000;
/** PostgreSQL: how soon to look again while a hole in the ids may still be filled by a running transaction. */
const HOLE_RECHECK_MS = { first: 5, max: 200 };
/** …and how long at most: a writer this slow is stuck, and everybody else's events wait for it. */
const HOLE_MAX_WAIT_MS = 10_000;

/**
 * The realtime event bus. A change and its event are written in one
 * transaction (`transaction`), so the log never shows an event for a change
 * that rolled back. Events reach the open streams of this process strictly in
 * id order, each once, and only after commit.
 *
 * The order is the subtle part. Ids come from a sequence when an event is
 * inserted, but transactions commit in their own order: with concurrent
 * writers (several connections to PostgreSQL, several instances), id 11 may
 * be visible while id 10 is still in flight, or was rolled back and will never
 * exist. A stream that sent 11 and resumed after it (Last-Event-ID: 11) would
 * never see 10. So the bus keeps a watermark, `delivered`: every id up to it
 * has been delivered or will never exist. Committed events above a hole wait
 * in `pending` until the hole is settled. On PostgreSQL a hole is settled
 * when every transaction that was writing to the log when the hole was seen
 * has ended (see `eventLogWriters`); then one more read shows whether the
 * missing ids committed. On PGlite, transactions run one at a time, so a hole
 * seen by a read is final at once. Replays (Last-Event-ID) stop at the
 * watermark too and leave the rest to live delivery, which the events route
 * subscribes to before replaying.
 *
 * Instances on one PostgreSQL learn about each other's events through
 * LISTEN/NOTIFY: a writer notifies the highest id it committed, and every
 * instance reads the log after its watermark. The notification only wakes
 * the reader, so a lost one delays an event by at most the poll interval.
 */
export class EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private readonly timers: NodeJS.Timeout[] = [];
  private pruning: Promise<void> = Promise.resolve();
  /** Every event with an id up to this one has been delivered, or will never exist. */
  private delivered = 0;
  /** The oldest id in the log when it was last pruned (or at start): a client that resumes before it missed pruned events. */
  private oldestKept = 0;
  /** Committed events above a hole, by id. */
  private readonly pending = new Map<number, StoredEvent>();
  /** PostgreSQL: the hole being waited on (ids above `delivered`, up to `ceiling`) and the writers that may fill it. */
  private hole: { ceiling: number; writers: string[]; since: number } | null = null;
  private holeTimer: NodeJS.Timeout | undefined;
  private holeDelay = HOLE_RECHECK_MS.first;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private stopListening: () => Promise<void> = async () => {};
  private state: 'new' | 'running' | 'closed' = 'new';

  /**
   * `projectors` run in every transaction, after its work (server/projections/; start.ts passes them all).
   * `keepDays`: how long the log keeps events (0: until the row cap pushes them out).
   */
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    heartbeatMs: number,
    private readonly projectors: readonly Projector[] = [],
    private readonly keepDays = 1,
  ) {
    this.timers.push(setInterval(() => this.subscribers.forEach((s) => s.heartbeat()), heartbeatMs));
    this.timers.push(setInterval(() => void this.prune(), PRUNE_EVERY_MS));
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Starts delivering: from the end of the log as it is now, and on
   * PostgreSQL listening for other instances' events. Call once, after the
   * migrations.
   */
  async start(): Promise<void> {
    if (this.db.engine === 'postgres' && this.db.listen) {
      // Listen before reading the watermark, so nothing committed in between goes unnoticed.
      this.stopListening = await this.db.listen(EVENTS_CHANNEL, (payload) => this.onNotify(payload));
      this.delivered = await this.settledEnd();
      const poll = setInterval(() => this.wake(), POLL_MS);
      poll.unref();
      this.timers.push(poll);
    } else {
      this.delivered = await lastEventId(this.db);
    }
    await this.noteOldest();
    this.state = 'running';
  }

  /**
   * Runs `work` in a transaction, then the projectors over the events it
   * published; those events and the projectors' are logged at its end, in
   * the same transaction and one statement, and delivered only once it has
   * committed. Private events (no topic) reach the projectors only.
   */
  async transaction<T>(work: (tx: Transaction, publish: Publish) => Promise<T>): Promise<T> {
    return this.run(work, this.projectors);
  }

  /**
   * A transaction whose events follow from events already logged (the
   * fan-out worker's notifications, made after the comment committed): logged
   * and delivered as a write's are, but not run through the projectors, as
   * the events projectors derive in a write's own transaction are not
   * (decision 177: a webhook never carries a notification).
   */
  async deriving<T>(work: (tx: Transaction, publish: Publish) => Promise<T>): Promise<T> {
    return this.run(work, []);
  }

  private async run<T>(work: (tx: Transaction, publish: Publish) => Promise<T>, projectors: readonly Projector[]): Promise<T> {
    let committed: StoredEvent[] = [];
    const result = await this.db.transaction(async (tx) => {
      const published: WriteEvent[] = [];
      const value = await work(tx, async (event) => {
        published.push(event);
      });
      const projected = await project(tx, projectors, published);
      // Logged last, so the transaction holds its event ids (and the log's lock) for as short as possible.
      committed = await appendEvents(tx, [...published.filter(isLogged), ...projected]);
      const last = committed[committed.length - 1];
      if (last && this.db.engine === 'postgres') await notifyEventLog(tx, EVENTS_CHANNEL, last.id);
      return value;
    });
    this.take(committed);
    // Above a hole (another transaction's id, in flight or rolled back): let a read of the log settle it.
    if (this.pending.size > 0) this.wake();
    return result;
  }

  /** Every event up to this id has been delivered (or never will exist): where a poll without `after` starts. */
  get watermark(): number {
    return this.delivered;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /**
   * Every logged event on `topics` after `afterId`, oldest first, up to the
   * watermark as it is now; later events arrive live, in order.
   */
  async *replay(topics: readonly string[], afterId: number): AsyncGenerator<StoredEvent> {
    const upTo = this.delivered;
    for (let after = afterId; after < upTo; ) {
      const page = await eventsAfter(this.db, after, topics, REPLAY_PAGE);
      for (const stored of page) {
        if (stored.id > upTo) return;
        yield stored;
      }
      if (page.length < REPLAY_PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  /**
   * Whether a client resuming after `afterId` must reload instead of being
   * replayed to (a `reset`): the log was pruned past where it stopped, or the
   * replay of `topics` would return more than `max` events (0: no cap), which
   * one request must not make the server send.
   */
  async mustReset(topics: readonly string[], afterId: number, max: number): Promise<boolean> {
    if (afterId + 1 < this.oldestKept) return true;
    if (max <= 0 || topics.length === 0 || this.delivered - afterId <= max) return false;
    return moreEventsThan(this.db, afterId, this.delivered, topics, max);
  }

  /**
   * Drops what the log no longer keeps: events from before `before`
   * (default: the configured days before now) and beyond the row cap.
   * Resolves to how many went (0 when it failed, which is logged).
   */
  prune(before: Date | null = this.keepDays > 0 ? new Date(Date.now() - this.keepDays * DAY_MS) : null): Promise<number> {
    const run = this.pruning.then(() =>
      pruneEvents(this.db, before, MAX_ROWS)
        .then(async (count) => {
          await this.noteOldest();
          return count;
        })
        .catch((error: unknown) => {
          this.logger.error('Could not prune the event log', error);
          return 0;
        }),
    );
    this.pruning = run.then(() => undefined);
    return run;
  }

  /** Ends every stream and stops the timers; resolves once the bus no longer touches the database. */
  async close(): Promise<void> {
    this.state = 'closed';
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.holeTimer);
    await this.stopListening();
    for (const subscriber of [...this.subscribers]) subscriber.close();
    this.subscribers.clear();
    await this.reading;
    await this.pruning;
  }

  private async noteOldest(): Promise<void> {
    this.oldestKept = (await firstEventId(this.db)) ?? this.delivered + 1;
  }

  /** Committed events (this process's, or read from the log): delivers what the watermark allows. */
  private take(events: readonly StoredEvent[]): void {
    for (const stored of events) if (stored.id > this.delivered) this.pending.set(stored.id, stored);
    for (let next = this.pending.get(this.delivered + 1); next; next = this.pending.get(this.delivered + 1)) {
      this.pending.delete(next.id);
      this.delivered = next.id;
      this.fanOut(next);
    }
  }

  /** Delivers everything pending up to `ceiling`: the ids missing below it will never exist. */
  private skipTo(ceiling: number): void {
    const due = [...this.pending.values()].filter((stored) => stored.id <= ceiling).sort((a, b) => a.id - b.id);
    for (const stored of due) {
      this.pending.delete(stored.id);
      this.fanOut(stored);
    }
    this.delivered = Math.max(this.delivered, ceiling);
    this.take([]);
  }

  private fanOut(stored: StoredEvent): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.topics.has(stored.event.topic) || subscriber.wants?.(stored.event)) subscriber.send(stored);
    }
  }

  private onNotify(payload: string | null): void {
    // The id lets an instance skip the read for its own events, which it already delivered.
    const id = payload === null ? NaN : Number(payload);
    if (Number.isNaN(id) || (id > this.delivered && !this.pending.has(id))) this.wake();
  }

  /** Reads the log after the watermark; one read at a time, another right after if woken meanwhile. */
  private wake(): void {
    if (this.state !== 'running') return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.readAgain = false;
    this.reading = this.readLog()
      .catch((error: unknown) => this.logger.error('Could not read the event log', error))
      .finally(() => {
        this.reading = null;
        if (this.readAgain) this.wake();
      });
  }

  private async readLog(): Promise<void> {
    for (let reads = 0; reads < READS_PER_WAKE; reads++) {
      if (this.state !== 'running') return;
      const page = await eventLog(this.db, this.delivered, null, READ_PAGE);
      this.take(page);
      // Each settled hole delivers at least one event, so this ends.
      while (this.pending.size > 0) {
        if (!(await this.settleHole())) return;
      }
      this.hole = null;
      if (page.length < READ_PAGE) return;
    }
    this.readAgain = true;
  }

  /**
   * There is a hole right above `delivered`. Returns true once it is settled
   * (delivery moved past it), false to wait for the writers that may fill it.
   */
  private async settleHole(): Promise<boolean> {
    let highest = 0;
    for (const id of this.pending.keys()) highest = Math.max(highest, id);
    // PGlite runs one transaction at a time, none during this read: the hole is final.
    if (this.db.engine === 'pglite') {
      this.skipTo(highest);
      return true;
    }
    const writers = await eventLogWriters(this.db);
    if (!this.hole || this.hole.ceiling <= this.delivered) {
      this.hole = { ceiling: highest, writers, since: Date.now() };
      this.holeDelay = HOLE_RECHECK_MS.first;
    } else {
      // Only transactions that were writing when the hole was seen can fill it; later ones draw higher ids.
      this.hole.writers = this.hole.writers.filter((writer) => writers.includes(writer));
    }
    if (this.hole.writers.length > 0) {
      if (Date.now() - this.hole.since < HOLE_MAX_WAIT_MS) {
        this.recheckHoleSoon();
        return false;
      }
      this.logger.warn(
        `Realtime: event ids after ${this.delivered} stayed missing for ${HOLE_MAX_WAIT_MS / 1000} s while transactions ` +
          `${this.hole.writers.join(', ')} kept writing to the event log; delivering past them. A client resuming ` +
          'later may miss an event they commit after this.',
      );
    }
    // Everyone who could fill the hole has ended: whatever they committed is visible to this read, the rest never will be.
    const { ceiling } = this.hole;
    this.take(await eventLog(this.db, this.delivered, ceiling, Number.MAX_SAFE_INTEGER));
    this.skipTo(ceiling);
    this.hole = null;
    return true;
  }

  private recheckHoleSoon(): void {
    if (this.holeTimer) return;
    this.holeTimer = setTimeout(() => {
      this.holeTimer = undefined;
      this.wake();
    }, this.holeDelay);
    this.holeDelay = Math.min(this.holeDelay * 2, HOLE_RECHECK_MS.max);
  }

  /**
   * PostgreSQL, at start: the highest id below which no transaction can still
   * commit an event, i.e. the end of the log once the writers of the moment
   * have ended (waiting at most HOLE_MAX_WAIT_MS).
   */
  private async settledEnd(): Promise<number> {
    const writers = await eventLogWriters(this.db);
    for (let waited = 0; writers.length > 0 && waited < HOLE_MAX_WAIT_MS; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const still = await eventLogWriters(this.db);
      writers.splice(0, writers.length, ...writers.filter((writer) => still.includes(writer)));
    }
    return lastEventId(this.db);
  }
}
