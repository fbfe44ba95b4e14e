import type { PlazaClient } from './client.ts';
import type { Me } from './protocol.ts';

type Listener = (me: Me) => void;

/**
 * Who is reading and what they may do (`GET /me`), asked once per page and
 * endpoint however many elements want to know. A KeyedSource with a single
 * entry, so an element binds to it with a SourceController like to any other
 * shared data (it fits KeyedSource); the key is ignored.
 */
export class MeStore {
  private value: Me | undefined;
  private loading: Promise<Me> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly client: PlazaClient) {}

  peek(): Me | undefined {
    return this.value;
  }

  load(): Promise<Me> {
    if (this.value) return Promise.resolve(this.value);
    this.loading ??= this.client.me().then(
      (me) => {
        this.loading = undefined;
        this.set(me);
        return me;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Asks again, e.g. after the page signed someone in or out without reloading. */
  refresh(): Promise<Me> {
    this.value = undefined;
    return this.load();
  }

  subscribe(_key: string, listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(me: Me): void {
    this.value = me;
    for (const listener of this.listeners) listener(me);
  }
}
