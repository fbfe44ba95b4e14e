import { LIMITS, REALTIME_EVENT_TYPES, type RealtimeEvent } from './protocol.ts';

type Listener = (event: RealtimeEvent) => void;

/**
 * One Server-Sent Events connection per page and endpoint, multiplexing the
 * topics of every element on the page (a page with more topics than a stream
 * may carry, LIMITS.batchSize, gets one more stream per hundred). The stream is reopened (resuming from
 * the last event id, so nothing is missed) when the set of topics changes,
 * closed when the last subscriber leaves, and paused while the tab is hidden.
 */
export class RealtimeHub {
  private listeners = new Map<string, Set<Listener>>();
  /** Open streams by the topics they carry (newline-joined). */
  private sources = new Map<string, EventSource>();
  private lastEventId: string | undefined;
  private reconcileScheduled = false;

  constructor(
    private readonly urlFor: (topics: string[], lastEventId?: string) => string,
    private readonly withCredentials = true,
  ) {
    document.addEventListener('visibilitychange', () => this.scheduleReconcile());
  }

  /** Calls `listener` for every event on `topic` until the returned function is called. */
  subscribe(topic: string, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    this.scheduleReconcile();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(topic);
      this.scheduleReconcile();
    };
  }

  /** Whether a stream is open; for tests and diagnostics. */
  get connected(): boolean {
    return this.sources.size > 0;
  }

  private scheduleReconcile(): void {
    if (this.reconcileScheduled) return;
    this.reconcileScheduled = true;
    // Elements subscribe one after another while a page upgrades; wait for the
    // task to end so they share one connection instead of reopening per element.
    setTimeout(() => {
      this.reconcileScheduled = false;
      this.reconcile();
    }, 0);
  }

  private reconcile(): void {
    const topicList = document.visibilityState === 'hidden' ? [] : [...this.listeners.keys()].sort();
    const wanted = new Set<string>();
    for (let i = 0; i < topicList.length; i += LIMITS.batchSize) wanted.add(topicList.slice(i, i + LIMITS.batchSize).join('\n'));
    for (const [chunk, source] of this.sources) {
      if (wanted.has(chunk)) continue;
      source.close();
      this.sources.delete(chunk);
    }
    for (const chunk of wanted) {
      if (this.sources.has(chunk)) continue;
      const source = new EventSource(this.urlFor(chunk.split('\n'), this.lastEventId), { withCredentials: this.withCredentials });
      for (const type of REALTIME_EVENT_TYPES) source.addEventListener(type, (e) => this.dispatch(e as MessageEvent<string>));
      this.sources.set(chunk, source);
    }
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
    for (const listener of this.listeners.get(event.topic) ?? []) listener(event);
  }
}
