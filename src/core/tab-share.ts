import type { RealtimeEvent } from './protocol.ts';

/** What the tabs of one endpoint tell each other. */
type TabMessage =
  | { t: 'topics'; tab: string; topics: string[]; after?: string }
  | { t: 'bye'; tab: string }
  | { t: 'hello' }
  | { t: 'event'; id?: string; event: RealtimeEvent }
  | { t: 'reset'; id?: string };

/** What the hub of this tab does with what the others say. */
export interface TabShareHost {
  /** This tab now holds the stream for every tab. */
  becameLeader(): void;
  /** (Leader) another tab's topics changed; `after` is the oldest position it read. */
  topicsChanged(after: string | undefined): void;
  /** (Follower) an event the leader received. */
  received(event: RealtimeEvent, id: string | undefined): void;
  /** (Follower) the leader was told to reload. */
  resetByLeader(id: string | undefined): void;
}

/**
 * One event stream for all tabs of an intranet: the tabs of one endpoint elect
 * a leader with a Web Lock, which the browser hands to the next waiting tab
 * when the leader's tab closes (or crashes). Followers send the leader the
 * topics they want over a BroadcastChannel; the leader adds them to its
 * stream and passes every event (and `reset`) on. Over HTTP/1.1 a browser
 * allows six connections per host, so six tabs holding a stream each starved
 * every API call.
 */
export class TabShare {
  leader = false;
  readonly #tab = Math.random().toString(36).slice(2);
  readonly #channel: BroadcastChannel;
  readonly #others = new Map<string, string[]>();
  /** The topics last announced (followers), so an unchanged set is not sent again. */
  #announced: string | undefined;

  /** Whether this browser can share (Web Locks and BroadcastChannel; secure contexts only for locks). */
  static get available(): boolean {
    return typeof BroadcastChannel === 'function' && typeof navigator !== 'undefined' && !!navigator.locks;
  }

  readonly #host: TabShareHost;

  constructor(name: string, host: TabShareHost) {
    this.#host = host;
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = (e: MessageEvent<TabMessage>) => this.#receive(e.data);
    void navigator.locks.request(name, () => {
      this.leader = true;
      this.#others.clear();
      // Everyone says again what they want: the old leader's list went with it.
      this.#post({ t: 'hello' });
      this.#host.becameLeader();
      // Held for the tab's life: the browser releases it when the tab goes.
      return new Promise<never>(() => {});
    });
    addEventListener('pagehide', () => this.#post({ t: 'bye', tab: this.#tab }));
  }

  /** (Leader) every topic the other tabs want. */
  othersTopics(): string[] {
    return [...this.#others.values()].flat();
  }

  /** (Follower) tells the leader which topics this tab wants, if that changed. */
  announce(topics: string[], after: string | undefined): void {
    const key = topics.join('\n');
    if (key === this.#announced) return;
    this.#announced = key;
    this.#post({ t: 'topics', tab: this.#tab, topics, after });
  }

  /** (Leader) passes an event on to the other tabs. */
  relay(event: RealtimeEvent, id: string | undefined): void {
    if (this.#others.size > 0) this.#post({ t: 'event', id, event });
  }

  /** (Leader) tells the other tabs to reload what they show. */
  relayReset(id: string | undefined): void {
    this.#post({ t: 'reset', id });
  }

  #receive(message: TabMessage): void {
    if (this.leader) {
      if (message.t === 'topics') {
        this.#others.set(message.tab, message.topics);
        this.#host.topicsChanged(message.after);
      } else if (message.t === 'bye' && this.#others.delete(message.tab)) this.#host.topicsChanged(undefined);
    } else if (message.t === 'event') this.#host.received(message.event, message.id);
    else if (message.t === 'reset') this.#host.resetByLeader(message.id);
    else if (message.t === 'hello') {
      this.#announced = undefined;
      this.#host.topicsChanged(undefined);
    }
  }

  #post(message: TabMessage): void {
    this.#channel.postMessage(message);
  }
}
