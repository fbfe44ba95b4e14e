import type { RealtimeEvent } from '../src/core/protocol.ts';
import type { Database, Transaction } from './db.ts';
import type { Logger } from './log.ts';
import { appendEvent, eventsAfter, pruneEvents, type StoredEvent } from './store/events.ts';

export type { StoredEvent };

/** One open event stream: the topics it asked for and how to reach it. */
export interface Subscriber {
  topics: ReadonlySet<string>;
  send(stored: StoredEvent): void;
  /** Keeps an idle connection from being cut by a proxy. */
  heartbeat(): void;
  /** Ends the stream (server shutdown). */
  close(): void;
}

/** What the log keeps: a day, and at most this many events. */
const RETENTION = { maxAgeHours: 24, maxRows: 10_000 };
const PRUNE_EVERY_MS = 10 * 60_000;
const REPLAY_PAGE = 500;

/**
 * The realtime event bus. A change and its event are written in one
 * transaction (`transaction`), so the log never shows an event for a change
 * that rolled back; after commit the event is fanned out to the open streams
 * of this process (`deliver`). With several instances on one PostgreSQL,
 * `deliver` is what a LISTEN/NOTIFY listener will call instead.
 */
export class EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private readonly timers: NodeJS.Timeout[] = [];
  private pruning: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    heartbeatMs: number,
  ) {
    this.timers.push(setInterval(() => this.subscribers.forEach((s) => s.heartbeat()), heartbeatMs));
    this.timers.push(setInterval(() => void this.prune(), PRUNE_EVERY_MS));
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Runs `work` in a transaction; events it publishes are logged in the same
   * transaction and delivered only once it has committed.
   */
  async transaction<T>(work: (tx: Transaction, publish: (event: RealtimeEvent) => Promise<void>) => Promise<T>): Promise<T> {
    const published: StoredEvent[] = [];
    const result = await this.db.transaction((tx) =>
      work(tx, async (event) => {
        published.push(await appendEvent(tx, event));
      }),
    );
    for (const stored of published) this.deliver(stored);
    return result;
  }

  deliver(stored: StoredEvent): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.topics.has(stored.event.topic)) subscriber.send(stored);
    }
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Every logged event on `topics` after `afterId`, oldest first. */
  async *replay(topics: readonly string[], afterId: number): AsyncGenerator<StoredEvent> {
    for (let after = afterId; ; ) {
      const page = await eventsAfter(this.db, after, topics, REPLAY_PAGE);
      yield* page;
      if (page.length < REPLAY_PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  prune(): Promise<void> {
    this.pruning = this.pruning.then(() =>
      pruneEvents(this.db, RETENTION.maxAgeHours, RETENTION.maxRows).catch((error: unknown) => {
        this.logger.error('Could not prune the event log', error);
      }),
    );
    return this.pruning;
  }

  /** Ends every stream and stops the timers; resolves once no pruning touches the database. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const subscriber of [...this.subscribers]) subscriber.close();
    this.subscribers.clear();
    await this.pruning;
  }
}
