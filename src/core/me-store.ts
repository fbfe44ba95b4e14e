import type { PlazaClient } from './client.ts';
import { KeyedCache } from './keyed-cache.ts';
import type { Me } from './protocol.ts';

/** The one entry: there is one reader per page and endpoint. */
const ME = 'me';

/**
 * Who is reading and what they may do (`GET /me`), asked once per page and
 * endpoint however many elements want to know: a KeyedCache with a single
 * entry, so an element binds to it with `sourceTask` like to any other shared
 * data (it fits KeyedSource; the key is ignored).
 */
export class MeStore {
  private readonly cache: KeyedCache<Me>;

  constructor(client: PlazaClient) {
    this.cache = new KeyedCache(() => client.me());
  }

  peek(): Me | undefined {
    return this.cache.peek(ME);
  }

  load(): Promise<Me> {
    return this.cache.load(ME);
  }

  /** Asks again, e.g. after the page signed someone in or out without reloading. */
  refresh(): Promise<Me> {
    this.cache.forget(ME);
    return this.cache.load(ME);
  }

  subscribe(_key: string, listener: (me: Me) => void): () => void {
    return this.cache.subscribe(ME, listener);
  }
}
