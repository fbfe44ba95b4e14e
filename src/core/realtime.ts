import { LIMITS, REALTIME_EVENT_TYPES, type RealtimeEvent, type RealtimePoll } from './protocol.ts';

type Listener = (event: RealtimeEvent) => void;
/** Told when the server could not replay what was missed: reload what is shown. */
type ResetListener = () => void;

/** Where the hub gets events: the stream's URL, and the polling request for networks that block streams. */
export interface RealtimeSource {
  eventsUrl(topics: string[], lastEventId?: string): string;
  /** Without `after`, `withinS` asks for the events of the last seconds (the time spent waiting for a stream). */
  pollEvents(topics: string[], after: string | undefined, signal?: AbortSignal, withinS?: number): Promise<RealtimePoll>;
  /** Reads still loading: their elements will subscribe to more topics when they arrive. */
  readonly readsInFlight?: number;
}

export interface RealtimeOptions {
  withCredentials?: boolean;
  /** A stream that has not said `ready` by then is held back by a proxy: poll instead. */
  readyTimeoutMs?: number;
  /** How often to poll once streams failed. */
  pollIntervalMs?: number;
}

const DEFAULTS = { withCredentials: true, readyTimeoutMs: 10_000, pollIntervalMs: 10_000 };
/** How long the set of topics must stay still before streams are opened or changed. */
const SETTLE_MS = 150;
/** The longest a first stream waits for the page's reads to finish. */
const MAX_WAIT_FOR_READS_MS = 3000;
/** After a poll fails, wait this many intervals more (up to the last) before the next. */
const POLL_BACKOFF = [1, 2, 4, 6];

/**
 * One Server-Sent Events connection per page and endpoint, multiplexing the
 * topics of every element on the page (a page with more topics than a stream
 * may carry, LIMITS.batchSize, gets one more stream per hundred). The stream
 * is reopened (resuming from the last event id, so nothing is missed) when
 * the set of topics changes, closed when the last subscriber leaves, and
 * paused while the tab is hidden.
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
  private listeners = new Map<string, Set<Listener>>();
  private resetListeners = new Set<ResetListener>();
  /** Open streams by the topics they carry (newline-joined). */
  private sources = new Map<string, EventSource>();
  private lastEventId: string | undefined;
  /** The oldest read position before any stream started (see notePosition). */
  private readFrom: string | undefined;
  /** A stream or poll has given a position of its own; reads no longer matter. */
  private get started(): boolean {
    return this.lastEventId !== undefined;
  }
  /** When the first stream was asked for: how far back polling must look if no stream ever said where it started. */
  private firstStreamAt: number | undefined;
  private reconcileTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the wanted topics last changed (performance.now()). */
  private changedAt = 0;
  /** Since when streams are wanted but none is open yet (see reconcile). */
  private waitingSince: number | undefined;
  private mode: 'stream' | 'poll' = 'stream';
  private poller: { timer: ReturnType<typeof setTimeout> | undefined; abort: AbortController; failures: number } | undefined;
  private readonly options: Required<RealtimeOptions>;

  constructor(
    private readonly source: RealtimeSource,
    options: RealtimeOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    document.addEventListener('visibilitychange', () => this.scheduleReconcile());
  }

  /**
   * Calls `listener` for every event on `topic`, and `onReset` when the server
   * says the page missed more than it replays, until the returned function is called.
   */
  subscribe(topic: string, listener: Listener, onReset?: ResetListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    const offReset = onReset && this.onReset(onReset);
    this.scheduleReconcile();
    return () => {
      set.delete(listener);
      offReset?.();
      if (set.size === 0) this.listeners.delete(topic);
      this.scheduleReconcile();
    };
  }

  /** Calls `listener` whenever the server says the page missed more than it replays; until the returned function is called. */
  onReset(listener: ResetListener): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /**
   * A read's event position (see PlazaClient.onEventPosition). Until a stream
   * has said where it starts, the oldest position read is where it will, so a
   * change between an element's read and the stream opening is replayed.
   */
  notePosition(id: string): void {
    if (this.started) return;
    if (this.readFrom === undefined || Number(id) < Number(this.readFrom)) this.readFrom = id;
  }

  /** Whether events are flowing in (a stream is open, or polling runs); for tests and diagnostics. */
  get connected(): boolean {
    return this.sources.size > 0 || this.poller !== undefined;
  }

  /** `stream`, or `poll` once streams turned out to be blocked. */
  get transport(): 'stream' | 'poll' {
    return this.mode;
  }

  private scheduleReconcile(): void {
    // Elements subscribe one after another while a page upgrades and again as their data
    // arrives; waiting until the topics have been still for a moment lets them share one
    // stream instead of reopening it per element. Nothing is missed meanwhile: the stream
    // starts from the oldest read's position (notePosition) or the last event seen.
    // One timer, moved on when it fires rather than replaced on every call: a long thread's
    // reaction bars subscribe by the hundred while it renders.
    this.changedAt = performance.now();
    this.reconcileTimer ??= setTimeout(() => this.settle(), SETTLE_MS);
  }

  private settle(): void {
    const quiet = performance.now() - this.changedAt;
    if (quiet < SETTLE_MS) {
      this.reconcileTimer = setTimeout(() => this.settle(), SETTLE_MS - quiet);
      return;
    }
    this.reconcileTimer = undefined;
    this.reconcile();
  }

  private wantedTopics(): string[] {
    return document.visibilityState === 'hidden' ? [] : [...this.listeners.keys()].sort();
  }

  private reconcile(): void {
    if (this.mode === 'poll') {
      this.reconcilePolling();
      return;
    }
    const topicList = this.wantedTopics();
    if (topicList.length === 0) this.waitingSince = undefined;
    else if (this.sources.size === 0 && this.waitForReads()) return;
    const wanted = new Set<string>();
    for (let i = 0; i < topicList.length; i += LIMITS.batchSize) wanted.add(topicList.slice(i, i + LIMITS.batchSize).join('\n'));
    for (const [chunk, source] of this.sources) {
      if (wanted.has(chunk)) continue;
      source.close();
      this.sources.delete(chunk);
    }
    for (const chunk of wanted) if (!this.sources.has(chunk)) this.open(chunk);
  }

  /**
   * Before the first stream, a page is still loading: a thread that arrives
   * subscribes to its comments' topics, and a stream opened before that would
   * be reopened at once (one request more for every page). So while reads are
   * in flight, and for at most MAX_WAIT_FOR_READS_MS, the stream waits; the
   * reads' positions (notePosition) make sure it misses nothing meanwhile.
   */
  private waitForReads(): boolean {
    const now = Date.now();
    this.waitingSince ??= now;
    if ((this.source.readsInFlight ?? 0) === 0 || now - this.waitingSince >= MAX_WAIT_FOR_READS_MS) return false;
    this.scheduleReconcile();
    return true;
  }

  private open(chunk: string): void {
    this.waitingSince = undefined;
    this.firstStreamAt ??= Date.now();
    this.lastEventId ??= this.readFrom;
    const source = new EventSource(this.source.eventsUrl(chunk.split('\n'), this.lastEventId), {
      withCredentials: this.options.withCredentials,
    });
    let ready = false;
    const readyTimer = setTimeout(() => {
      if (!ready && this.sources.get(chunk) === source) this.fallBackToPolling('the stream never said ready');
    }, this.options.readyTimeoutMs);
    source.addEventListener('ready', (e) => {
      ready = true;
      clearTimeout(readyTimer);
      // Where the stream starts: polling or another stream goes on from here if this one fails.
      this.lastEventId ??= (e as MessageEvent).lastEventId || undefined;
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up,
      // because the answer was an HTTP error or not an event stream, as blocking proxies answer.
      if (source.readyState !== EventSource.CLOSED || this.sources.get(chunk) !== source) return;
      clearTimeout(readyTimer);
      this.sources.delete(chunk);
      if (!ready) this.fallBackToPolling('the stream was refused');
      // It worked before (a server restart behind a proxy answering 502): open it again shortly.
      else setTimeout(() => this.scheduleReconcile(), this.options.pollIntervalMs);
    });
    source.addEventListener('reset', (e) => this.reset((e as MessageEvent).lastEventId || undefined));
    for (const type of REALTIME_EVENT_TYPES) source.addEventListener(type, (e) => this.dispatch(e as MessageEvent<string>));
    this.sources.set(chunk, source);
  }

  private fallBackToPolling(why: string): void {
    if (this.mode === 'poll') return;
    console.info(`[plaza] live updates switch to polling: ${why} (a proxy may block Server-Sent Events, or the server refuses this page's origin)`);
    this.mode = 'poll';
    for (const source of this.sources.values()) source.close();
    this.sources.clear();
    this.reconcilePolling();
  }

  private reconcilePolling(): void {
    const active = this.wantedTopics().length > 0;
    if (!active && this.poller) {
      this.poller.abort.abort();
      clearTimeout(this.poller.timer);
      this.poller = undefined;
    } else if (active && !this.poller) {
      // Back from a hidden tab, or the first poll: ask at once, so what happened meanwhile shows now.
      this.poller = { timer: undefined, abort: new AbortController(), failures: 0 };
      void this.pollOnce(this.poller);
    }
  }

  private async pollOnce(poller: NonNullable<RealtimeHub['poller']>): Promise<void> {
    let again = this.options.pollIntervalMs;
    try {
      const topicList = this.wantedTopics();
      let more = false;
      let reset = false;
      let next: number | undefined;
      for (let i = 0; i < topicList.length; i += LIMITS.batchSize) {
        const answer = await this.source.pollEvents(topicList.slice(i, i + LIMITS.batchSize), this.lastEventId, poller.abort.signal, this.lookBackS());
        for (const { id, event } of answer.events) if (this.firstTime(`${id}\n${event.topic}`)) this.deliver(event);
        // Chunks share one log position; a chunk with more waiting holds it back (the others' repeats are skipped above).
        next = Math.min(next ?? Infinity, Number(answer.lastEventId));
        more ||= answer.more;
        reset ||= answer.reset === true;
      }
      if (reset) this.reset(String(next));
      else if (next !== undefined) this.lastEventId = String(next);
      poller.failures = 0;
      if (more) again = 0;
    } catch (error) {
      if (poller.abort.signal.aborted) return;
      poller.failures++;
      again *= POLL_BACKOFF[Math.min(poller.failures, POLL_BACKOFF.length - 1)]!;
      console.warn('[plaza] polling for live updates failed; trying again', error);
    }
    if (this.poller === poller) poller.timer = setTimeout(() => void this.pollOnce(poller), again);
  }

  /** No stream ever said where it started: look back over the time spent waiting for one (a few seconds more for clocks and latency). */
  private lookBackS(): number | undefined {
    if (this.lastEventId !== undefined || this.firstStreamAt === undefined) return undefined;
    return Math.min(60, Math.ceil((Date.now() - this.firstStreamAt) / 1000) + 5);
  }

  /** Events polled lately (id and topic: one event may come under two topic names): an event seen by one chunk's poll is not delivered again by the next. */
  private readonly polledIds = new Set<string>();

  private firstTime(id: string): boolean {
    if (this.polledIds.has(id)) return false;
    this.polledIds.add(id);
    if (this.polledIds.size > 2000) this.polledIds.delete(this.polledIds.values().next().value!);
    return true;
  }

  /** The server could not replay what was missed: go on from `from`, and have everything shown reloaded. */
  private reset(from: string | undefined): void {
    if (from !== undefined) this.lastEventId = from;
    for (const listener of [...this.resetListeners]) listener();
  }

  private dispatch(message: MessageEvent<string>): void {
    if (message.lastEventId) this.lastEventId = message.lastEventId;
    let event: RealtimeEvent;
    try {
      event = JSON.parse(message.data) as RealtimeEvent;
    } catch (error) {
      console.warn('[plaza] ignored a malformed realtime event', error);
      return;
    }
    this.deliver(event);
  }

  private deliver(event: RealtimeEvent): void {
    for (const listener of this.listeners.get(event.topic) ?? []) listener(event);
  }
}
