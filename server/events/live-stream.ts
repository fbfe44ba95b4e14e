import { FeedTopics, replayFeed } from './feed-topics.ts';
import type { Queryable } from '../db.ts';
import type { BehaviourRules } from '../behaviour-rules.ts';
import type { Logger } from '../log.ts';
import type { EventBus, StoredEvent } from './bus.ts';
import type { StreamOutlet } from './stream-outlet.ts';

/** How long a browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3000;

export interface LiveStreamSource {
  bus: EventBus;
  db: Queryable;
  viewer: string | null;
  /** What this viewer is shown of others' reactions and follows. */
  rules?: BehaviourRules;
  resumeFrom: number | null;
  /** Further behind than this many events, the client is told to reload (`reset`) instead. */
  replayMax: number;
  logger: Logger;
}

/** Topics to add to or remove from an open stream; added ones are replayed after `after` (a read's position). */
export interface TopicChange {
  add: readonly string[];
  remove: readonly string[];
  after: number | null;
}

/**
 * The stream of one subscriber. Live events are subscribed to *before* the
 * replay query runs (and before a `following` feed loads whom the viewer
 * follows) and held back until it ends, so an event committed in between is
 * neither lost nor sent twice. Live events are otherwise sent as they come,
 * never dropped for arriving out of id order (with several instances, commits
 * and ids need not agree). Every event passes `feed.route`, in id order,
 * which drops, keeps or renames it for the topics asked for. A replay waits
 * for the client to keep up (`outlet.room()`); live events that outrun it cut
 * the stream (StreamOutlet).
 *
 * Topics added while it is open (`change`, `POST /events/{stream}/topics`)
 * catch up the same way: live events are held while the new topics' events
 * after the client's read are replayed. Those replayed events carry no `id`
 * line: they lie before what the stream already sent, and the browser's
 * `Last-Event-ID` must not move back.
 */
export class LiveStream {
  private readonly feed: FeedTopics;
  /** Live events waiting while a replay runs; null when they go straight out. */
  private held: StoredEvent[] | null;
  /** Topics being added: the bus sends their events already, routed once they are merged. */
  private readonly adding = new Set<FeedTopics>();
  /** Copies a catch-up replay already sent, by topic and id: not sent again from `held`. */
  private readonly replayed = new Set<string>();
  /** Replays and topic changes, one after the other. */
  private work: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    private readonly outlet: StreamOutlet,
    private readonly source: LiveStreamSource,
    topics: ReadonlySet<string>,
    readonly id: string,
  ) {
    const { bus, resumeFrom } = source;
    this.feed = new FeedTopics(topics, source.viewer, source.rules);
    this.held = resumeFrom === null && !this.feed.needsResolving ? null : [];
    const unsubscribe = bus.subscribe({
      topics: this.feed.sources,
      // Read at every event: topics being added may need what no source names (`following`).
      wants: (event) => (this.feed.wants?.(event) ?? false) || [...this.adding].some((extra) => extra.wants?.(event)),
      send: (stored) => (this.held ? this.held.push(stored) : this.deliver(stored)),
      heartbeat: () => {
        this.write(': heartbeat\n\n');
        outlet.checkIdle();
      },
      close: () => outlet.close(),
    });
    outlet.onClosed(unsubscribe);
    // The padding pushes the start past proxies that buffer the first kilobytes. `ready` lets the
    // client tell a stream that works from one a proxy holds back (it then polls), its id is
    // where this stream starts, so a reconnect before the first event still misses nothing, and
    // its `stream` names it for adding topics.
    this.write(`:${' '.repeat(2048)}\nretry: ${RETRY_MS}\n\nid: ${resumeFrom ?? bus.watermark}\nevent: ready\ndata: {"stream":"${id}"}\n\n`);
    if (this.held !== null) this.run(() => this.resume(resumeFrom));
  }

  /** How many topics the stream carries. */
  get topicCount(): number {
    return this.feed.size;
  }

  /** Adds and removes topics; resolves once the added ones are live (their replay queued behind earlier work). */
  change({ add, remove, after }: TopicChange): Promise<void> {
    for (const topic of remove) this.feed.remove(topic);
    const fresh = [...new Set(add)].filter((topic) => !this.feed.has(topic));
    for (const extra of this.adding) for (const topic of extra.sources) this.feed.sources.add(topic);
    if (fresh.length === 0) return this.work;
    const extra = new FeedTopics(new Set(fresh), this.source.viewer, this.source.rules);
    this.adding.add(extra);
    for (const topic of extra.sources) this.feed.sources.add(topic);
    this.held ??= [];
    return this.run(async () => {
      await this.catchUp(extra, after);
      this.feed.merge(extra);
      this.adding.delete(extra);
    });
  }

  private run(step: () => Promise<void>): Promise<void> {
    this.queued++;
    this.work = this.work.then(step).then(
      () => {
        if (--this.queued === 0) this.release();
      },
      (error: unknown) => {
        this.queued--;
        this.source.logger.error('Could not replay events', error);
        this.outlet.close();
      },
    );
    return this.work;
  }

  /** A stream opened after `resumeFrom` (or with a `following` feed to load): the replay, with ids, before anything live. */
  private async resume(resumeFrom: number | null): Promise<void> {
    const { bus, db, replayMax } = this.source;
    const topics = await this.feed.resolve(db, resumeFrom);
    if (resumeFrom === null) return;
    let after = resumeFrom;
    if (await bus.mustReset(topics, resumeFrom, replayMax)) {
      // Too far behind to replay: the client reloads what it shows and goes on from here.
      after = bus.watermark;
      this.write(`id: ${after}\nevent: reset\ndata: {}\n\n`);
    } else {
      for await (const stored of bus.replay(topics, resumeFrom)) {
        this.replayed.add(String(stored.id));
        this.deliver(stored);
        await this.outlet.room();
        if (!this.outlet.isOpen) return;
      }
    }
    if (this.held) this.held = this.held.filter((stored) => stored.id > after && !this.replayed.has(String(stored.id)));
    this.replayed.clear();
  }

  /**
   * Topics added to the open stream: their events after `after` (a read's
   * position) are sent without ids, or a `reset` when that is more than the
   * server replays.
   */
  private async catchUp(extra: FeedTopics, after: number | null): Promise<void> {
    const { bus, db, replayMax } = this.source;
    if (after === null) {
      await extra.resolve(db, null);
      return;
    }
    // Resolved first: whom `following` covers decides which topics count.
    const topics = await extra.resolve(db, after);
    if (await bus.mustReset(topics, after, replayMax)) {
      const watermark = bus.watermark;
      this.write(`id: ${watermark}\nevent: reset\ndata: {}\n\n`);
      if (this.held) this.held = this.held.filter((stored) => stored.id > watermark);
      return;
    }
    for await (const stored of replayFeed(bus, db, extra, after)) {
      this.replayed.add(`${stored.event.topic}\n${stored.id}`);
      this.outlet.write(encodedWithoutId(stored));
      await this.outlet.room();
      if (!this.outlet.isOpen) return;
    }
  }

  /** Sends what was held, through every topic now merged, once no replay is queued behind. */
  private release(): void {
    const held = this.held;
    this.held = null;
    for (const stored of held ?? []) this.deliver(stored);
    this.replayed.clear();
  }

  private deliver(stored: StoredEvent): void {
    for (const routed of this.feed.route(stored)) {
      if (this.replayed.size === 0 || !this.replayed.has(`${routed.event.topic}\n${routed.id}`)) this.outlet.write(encoded(routed));
    }
  }

  private write(text: string): void {
    this.outlet.write(encoder.encode(text));
  }
}

const encoder = new TextEncoder();
/**
 * Every stream carrying an event sends the same bytes: encoded once, shared by every queue it
 * waits in. Keyed by the event object, which routing and the reader's rules pass on unchanged
 * or copy once for all streams (feed-topics.ts, profile-fields.ts); an event object is logged
 * under one id.
 */
const encodings = new WeakMap<StoredEvent['event'], Uint8Array>();

function encoded(stored: StoredEvent): Uint8Array {
  let bytes = encodings.get(stored.event);
  if (!bytes) {
    bytes = encoder.encode(`id: ${stored.id}\n${withoutId(stored)}`);
    encodings.set(stored.event, bytes);
  }
  return bytes;
}

function encodedWithoutId(stored: StoredEvent): Uint8Array {
  return encoder.encode(withoutId(stored));
}

function withoutId(stored: StoredEvent): string {
  return `event: ${stored.event.type}\ndata: ${JSON.stringify(stored.event)}\n\n`;
}
