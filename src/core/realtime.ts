import { TabShare } from './tab-share.ts';
import { LIMITS, REALTIME_EVENT_TYPES, type RealtimeEvent, type RealtimePoll, type StreamReady, type StreamTopicsChange } from './protocol.ts';

type Listener = (event: RealtimeEvent) => void;
/** Told when the server could not replay what was missed: reload what is shown. */
type ResetListener = () => void;
/** The polling loop while the stream is given up: its next turn, how to stop it, and its failures in a row. */
type Poller = { timer: ReturnType<typeof setTimeout> | undefined; abort: AbortController; failures: number };

/** Where the hub gets events: the stream's URL, and the polling request for networks that block streams. */
export interface RealtimeSource {
  eventsUrl(topics: string[], lastEventId?: string): string;
  /** Without `after`, `withinS` asks for the events of the last seconds (the time spent waiting for a stream). */
  pollEvents(topics: string[], after: string | undefined, signal?: AbortSignal, withinS?: number): Promise<RealtimePoll>;
  /** Adds topics to (or removes them from) the open stream `stream`; without it the hub reopens the stream. */
  changeTopics?(stream: string, change: StreamTopicsChange): Promise<void>;
  /** Reads still loading: their elements will subscribe to more topics when they arrive. */
  readonly readsInFlight?: number;
}

export interface RealtimeOptions {
  withCredentials?: boolean;
  /** A stream that has not said `ready` by then is held back by a proxy: poll instead. */
  readyTimeoutMs?: number;
  /** How often to poll once streams failed. */
  pollIntervalMs?: number;
  /** Share one stream with the other tabs that give the same name (see TabShare); none by default. */
  shareAs?: string;
}

const DEFAULTS = { withCredentials: true, readyTimeoutMs: 10_000, pollIntervalMs: 10_000, shareAs: '' };
/** How long the set of topics must stay still before the stream is opened or changed. */
const SETTLE_MS = 150;
/** After a poll fails, wait this many intervals more (up to the last) before the next. */
const POLL_BACKOFF = [1, 2, 4, 6];

/**
 * One Server-Sent Events connection per page and endpoint, multiplexing the
 * topics of every element on the page, for the page's life. It opens once the
 * page's first reads have answered (their elements subscribe as their data
 * arrives), with up to LIMITS.batchSize topics in its URL; topics that come or
 * go later are added to and removed from the open stream
 * (`POST /events/{stream}/topics`, a hundred at a time, replaying from the
 * reads they belong to), so the stream is never reopened for them. It is
 * closed when the last subscriber leaves, and paused while the tab is hidden.
 *
 * Some company proxies buffer or refuse `text/event-stream`. A stream that
 * fails before it ever said `ready`, or does not say it in time, switches the
 * hub to polling `/events/poll` for the rest of the page's life, from the same
 * last event id, so elements notice nothing but a few seconds' delay.
 *
 * A client further behind than the server replays (a page asleep for hours,
 * a stream cut for falling behind and resuming late) is told `reset` instead
 * of being sent the log: the hub then asks its reset listeners (the stores)
 * to reload what the page shows, and goes on from the position given.
 */
export class RealtimeHub {
  #listeners = new Map<string, Set<Listener>>();
  #resetListeners = new Set<ResetListener>();
  #stream: EventSource | undefined;
  /** The open stream's name (its `ready` event's `stream`), and the topics the server holds for it. */
  #streamId: string | undefined;
  #streamTopics = new Set<string>();
  /** A topic change is on its way to the server; `syncAgain` when the topics changed meanwhile. */
  #syncing = false;
  #syncAgain = false;
  #lastEventId: string | undefined;
  /** The oldest read position not yet covered by the stream (see notePosition). */
  #readFrom: string | undefined;
  /** When the first stream was asked for: how far back polling must look if no stream ever said where it started. */
  #firstStreamAt: number | undefined;
  // eslint-disable-next-line no-unused-private-class-members -- read by the ??= in #scheduleReconcile (a timer already set is kept), which the rule does not count
  #reconcileTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the wanted topics last changed (performance.now()). */
  #changedAt = 0;
  #mode: 'stream' | 'poll' = 'stream';
  #poller: Poller | undefined;
  readonly #options: Required<RealtimeOptions>;
  /** The other tabs of this endpoint, when they share one stream. */
  readonly #share: TabShare | undefined;

  readonly #source: RealtimeSource;

  constructor(source: RealtimeSource, options: RealtimeOptions = {}) {
    this.#source = source;
    this.#options = { ...DEFAULTS, ...options };
    document.addEventListener('visibilitychange', () => this.#scheduleReconcile());
    if (this.#options.shareAs && TabShare.available) {
      this.#share = new TabShare(this.#options.shareAs, {
        becameLeader: () => this.#scheduleReconcile(),
        topicsChanged: (after) => {
          if (after !== undefined) this.notePosition(after);
          this.#scheduleReconcile();
        },
        received: (event, id) => {
          if (id !== undefined) this.#lastEventId = id;
          this.#deliver(event);
        },
        resetByLeader: (id) => this.#reset(id),
      });
    }
  }

  /** Whether this tab holds the stream (or polls) for itself and, when shared, for the other tabs. */
  get #leading(): boolean {
    return this.#share?.leader ?? true;
  }

  /**
   * Calls `listener` for every event on `topic`, and `onReset` when the server
   * says the page missed more than it replays, until the returned function is called.
   */
  subscribe(topic: string, listener: Listener, onReset?: ResetListener): () => void {
    let set = this.#listeners.get(topic);
    if (!set) this.#listeners.set(topic, (set = new Set()));
    set.add(listener);
    const offReset = onReset && this.onReset(onReset);
    this.#scheduleReconcile();
    return () => {
      set.delete(listener);
      offReset?.();
      if (set.size === 0) this.#listeners.delete(topic);
      this.#scheduleReconcile();
    };
  }

  /** Calls `listener` whenever the server says the page missed more than it replays; until the returned function is called. */
  onReset(listener: ResetListener): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /**
   * A read's event position (see PlazaClient.onEventPosition). Until a stream
   * has said where it starts, the oldest position read is where it will, so a
   * change between an element's read and the stream opening is replayed.
   */
  notePosition(id: string): void {
    if (this.#readFrom === undefined || Number(id) < Number(this.#readFrom)) this.#readFrom = id;
  }

  /** Whether events are flowing in (a stream is open, or polling runs); for tests and diagnostics. */
  get connected(): boolean {
    return this.#stream !== undefined || this.#poller !== undefined || (!this.#leading && this.#listeners.size > 0);
  }

  /** `stream`, or `poll` once streams turned out to be blocked. */
  get transport(): 'stream' | 'poll' {
    return this.#mode;
  }

  #scheduleReconcile(): void {
    // Elements subscribe one after another while a page upgrades and again as their data
    // arrives; waiting until the topics have been still for a moment lets them share one
    // stream instead of reopening it per element. Nothing is missed meanwhile: the stream
    // starts from the oldest read's position (notePosition) or the last event seen.
    // One timer, moved on when it fires rather than replaced on every call: a long thread's
    // reaction bars subscribe by the hundred while it renders.
    this.#changedAt = performance.now();
    this.#reconcileTimer ??= setTimeout(() => this.#settle(), SETTLE_MS);
  }

  #settle(): void {
    const quiet = performance.now() - this.#changedAt;
    if (quiet < SETTLE_MS) {
      this.#reconcileTimer = setTimeout(() => this.#settle(), SETTLE_MS - quiet);
      return;
    }
    this.#reconcileTimer = undefined;
    this.#reconcile();
  }

  /** This tab's topics, and, when it leads, the other tabs' too. */
  #wantedTopics(): string[] {
    const own = document.visibilityState === 'hidden' ? [] : [...this.#listeners.keys()];
    return this.#share?.leader ? [...new Set([...own, ...this.#share.othersTopics()])].sort() : own.sort();
  }

  #reconcile(): void {
    if (!this.#leading) {
      // The leading tab holds the stream: tell it what this tab wants, and from which read on.
      this.#share!.announce(this.#wantedTopics(), this.#readFrom);
      this.#readFrom = undefined;
      return;
    }
    if (this.#mode === 'poll') {
      this.#reconcilePolling();
      return;
    }
    const wanted = this.#wantedTopics();
    if (wanted.length === 0) {
      this.#closeStream();
      return;
    }
    if (!this.#stream) {
      // Deterministic rather than timed: the page's first reads bring the topics of what they show,
      // and a stream opened before them would only be told about them at once. Their positions
      // (notePosition) make the stream replay whatever happened meanwhile.
      if ((this.#source.readsInFlight ?? 0) > 0) this.#scheduleReconcile();
      else this.#open(wanted.slice(0, LIMITS.batchSize));
      return;
    }
    if (!this.#source.changeTopics) {
      if (wanted.join('\n') !== [...this.#streamTopics].join('\n')) this.#reopen();
      return;
    }
    void this.#syncTopics();
  }

  /** Tells the server which topics the open stream should carry, a batch at a time. */
  async #syncTopics(): Promise<void> {
    const stream = this.#stream;
    if (this.#streamId === undefined || !stream) return;
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = true;
    let after: string | undefined;
    try {
      do {
        this.#syncAgain = false;
        const wanted = new Set(this.#wantedTopics());
        const add = [...wanted].filter((topic) => !this.#streamTopics.has(topic));
        const remove = [...this.#streamTopics].filter((topic) => !wanted.has(topic));
        // What the added topics' elements read may be older than what the stream has sent.
        after = minId(this.#readFrom, this.#lastEventId);
        this.#readFrom = undefined;
        for (let i = 0; i < Math.max(add.length, remove.length); i += LIMITS.batchSize) {
          const change = { add: add.slice(i, i + LIMITS.batchSize), remove: remove.slice(i, i + LIMITS.batchSize), after };
          await this.#source.changeTopics!(this.#streamId, change);
          if (this.#stream !== stream) return;
          for (const topic of change.add) this.#streamTopics.add(topic);
          for (const topic of change.remove) this.#streamTopics.delete(topic);
        }
      } while (this.#syncAgain);
    } catch (error) {
      // The topics not added yet still replay from their reads, whichever stream they go to next.
      this.#readFrom = minId(this.#readFrom, after);
      if (this.#stream !== stream) return;
      // The stream ended on the server (404), or was opened by whoever was signed in before (403):
      // a new one carries everything. Otherwise try again shortly.
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 403) this.#reopen();
      else {
        console.warn('[plaza] could not change the topics of the live-update stream; trying again', error);
        setTimeout(() => this.#scheduleReconcile(), this.#options.pollIntervalMs);
      }
    } finally {
      this.#syncing = false;
    }
  }

  #reopen(): void {
    this.#closeStream();
    this.#scheduleReconcile();
  }

  #closeStream(): void {
    this.#stream?.close();
    this.#stream = undefined;
    this.#streamId = undefined;
    this.#streamTopics = new Set();
  }

  #open(topicList: string[]): void {
    this.#firstStreamAt ??= Date.now();
    const resumeFrom = minId(this.#readFrom, this.#lastEventId);
    this.#readFrom = undefined;
    // Polling goes on from here if the stream turns out to be blocked.
    this.#lastEventId ??= resumeFrom;
    const source = new EventSource(this.#source.eventsUrl(topicList, resumeFrom), {
      withCredentials: this.#options.withCredentials,
    });
    let ready = false;
    const readyTimer = setTimeout(() => {
      if (!ready && this.#stream === source) this.#fallBackToPolling('the stream never said ready');
    }, this.#options.readyTimeoutMs);
    source.addEventListener('ready', (e) => {
      ready = true;
      clearTimeout(readyTimer);
      const message = e as MessageEvent<string>;
      // Where the stream starts: polling goes on from here if this one fails.
      const from = message.lastEventId || undefined;
      this.#lastEventId ??= from;
      // A (re)connected stream is a new one on the server, with the topics of its URL only;
      // the others are added again after the position it started from.
      this.#streamTopics = new Set(topicList);
      this.#streamId = readyStream(message.data);
      this.#readFrom = minId(this.#readFrom, from);
      if (this.#streamId !== undefined) this.#scheduleReconcile();
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up,
      // because the answer was an HTTP error or not an event stream, as blocking proxies answer.
      if (source.readyState !== EventSource.CLOSED || this.#stream !== source) return;
      clearTimeout(readyTimer);
      this.#closeStream();
      if (!ready) this.#fallBackToPolling('the stream was refused');
      // It worked before (a server restart behind a proxy answering 502): open it again shortly.
      else setTimeout(() => this.#scheduleReconcile(), this.#options.pollIntervalMs);
    });
    source.addEventListener('reset', (e) => this.#reset((e as MessageEvent).lastEventId || undefined));
    for (const type of REALTIME_EVENT_TYPES) source.addEventListener(type, (e) => this.#dispatch(e as MessageEvent<string>));
    this.#stream = source;
    this.#streamTopics = new Set(topicList);
  }

  #fallBackToPolling(why: string): void {
    if (this.#mode === 'poll') return;
    console.info(`[plaza] live updates switch to polling: ${why} (a proxy may block Server-Sent Events, or the server refuses this page's origin)`);
    this.#mode = 'poll';
    this.#closeStream();
    this.#reconcilePolling();
  }

  #reconcilePolling(): void {
    const active = this.#wantedTopics().length > 0;
    if (!active && this.#poller) {
      this.#poller.abort.abort();
      clearTimeout(this.#poller.timer);
      this.#poller = undefined;
    } else if (active && !this.#poller) {
      // Back from a hidden tab, or the first poll: ask at once, so what happened meanwhile shows now.
      this.#poller = { timer: undefined, abort: new AbortController(), failures: 0 };
      void this.#pollOnce(this.#poller);
    }
  }

  async #pollOnce(poller: Poller): Promise<void> {
    let again = this.#options.pollIntervalMs;
    try {
      const topicList = this.#wantedTopics();
      let more = false;
      let reset = false;
      let next: number | undefined;
      for (let i = 0; i < topicList.length; i += LIMITS.batchSize) {
        const answer = await this.#source.pollEvents(topicList.slice(i, i + LIMITS.batchSize), this.#lastEventId, poller.abort.signal, this.#lookBackS());
        for (const { id, event } of answer.events) if (this.#firstTime(`${id}\n${event.topic}`)) this.#deliver(event);
        // Chunks share one log position; a chunk with more waiting holds it back (the others' repeats are skipped above).
        next = Math.min(next ?? Infinity, Number(answer.lastEventId));
        more ||= answer.more;
        reset ||= answer.reset === true;
      }
      if (reset) this.#reset(String(next));
      else if (next !== undefined) this.#lastEventId = String(next);
      poller.failures = 0;
      if (more) again = 0;
    } catch (error) {
      if (poller.abort.signal.aborted) return;
      poller.failures++;
      again *= POLL_BACKOFF[Math.min(poller.failures, POLL_BACKOFF.length - 1)]!;
      console.warn('[plaza] polling for live updates failed; trying again', error);
    }
    if (this.#poller === poller) poller.timer = setTimeout(() => void this.#pollOnce(poller), again);
  }

  /** No stream ever said where it started: look back over the time spent waiting for one (a few seconds more for clocks and latency). */
  #lookBackS(): number | undefined {
    if (this.#lastEventId !== undefined || this.#firstStreamAt === undefined) return undefined;
    return Math.min(60, Math.ceil((Date.now() - this.#firstStreamAt) / 1000) + 5);
  }

  /** Events polled lately (id and topic: one event may come under two topic names): an event seen by one chunk's poll is not delivered again by the next. */
  readonly #polledIds = new Set<string>();

  #firstTime(id: string): boolean {
    if (this.#polledIds.has(id)) return false;
    this.#polledIds.add(id);
    if (this.#polledIds.size > 2000) this.#polledIds.delete(this.#polledIds.values().next().value!);
    return true;
  }

  /** The server could not replay what was missed: go on from `from`, and have everything shown reloaded. */
  #reset(from: string | undefined): void {
    if (from !== undefined) this.#lastEventId = from;
    if (this.#share?.leader) this.#share.relayReset(from);
    for (const listener of [...this.#resetListeners]) listener();
  }

  #dispatch(message: MessageEvent<string>): void {
    // Events an added topic replays carry no id of their own (they lie before what the stream sent): the browser keeps the last.
    if (message.lastEventId) this.#lastEventId = message.lastEventId;
    let event: RealtimeEvent;
    try {
      event = JSON.parse(message.data) as RealtimeEvent;
    } catch (error) {
      console.warn('[plaza] ignored a malformed realtime event', error);
      return;
    }
    this.#deliver(event);
  }

  #deliver(event: RealtimeEvent): void {
    if (this.#share?.leader) this.#share.relay(event, this.#lastEventId);
    for (const listener of this.#listeners.get(event.topic) ?? []) listener(event);
  }
}

/** The older of two event positions (either may be unknown). */
function minId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  return b === undefined || Number(a) < Number(b) ? a : b;
}

/** The `stream` a server's `ready` event names (older servers send `{}`). */
function readyStream(data: string): string | undefined {
  try {
    return (JSON.parse(data) as Partial<StreamReady>).stream;
  } catch {
    return undefined;
  }
}
