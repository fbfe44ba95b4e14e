interface Entry<V> {
  value?: V;
  loading?: Promise<V>;
  listeners: Set<(value: V) => void>;
  unwatch?: () => void;
}

/**
 * A shared cache of values by key, the one under every store (me, people,
 * profiles, reactions, thread counts), that elements bind to with
 * `sourceTask` (it fits KeyedSource): one load per key however many elements
 * ask, every listener told of every change, and (through `watch`) a realtime
 * subscription held exactly while someone listens.
 */
export class KeyedCache<V> {
  readonly #entries = new Map<string, Entry<V>>();

  readonly #fetch: (key: string) => Promise<V>;
  readonly #watch: ((key: string, update: (value: V) => void) => (() => void) | undefined) | undefined;

  constructor(
    fetch: (key: string) => Promise<V>,
    /** Starts watching a key for remote changes (handing them to `update`); returns how to stop, or nothing when it has nothing to watch. */
    watch?: (key: string, update: (value: V) => void) => (() => void) | undefined,
  ) {
    this.#fetch = fetch;
    this.#watch = watch;
  }

  peek(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  /** Resolves with the cached value, or loads it (once, however many ask at the same time). */
  load(key: string): Promise<V> {
    const entry = this.#entry(key);
    if (entry.value !== undefined) return Promise.resolve(entry.value);
    entry.loading ??= this.#fetch(key).then(
      (value) => {
        entry.loading = undefined;
        // `fetch` may have set a fresher value already (a follow answer); keep that one.
        if (entry.value === undefined) this.set(key, value);
        return entry.value ?? value;
      },
      (error: unknown) => {
        entry.loading = undefined;
        throw error;
      },
    );
    return entry.loading;
  }

  subscribe(key: string, listener: (value: V) => void): () => void {
    const entry = this.#entry(key);
    entry.listeners.add(listener);
    entry.unwatch ??= this.#watch?.(key, (value) => this.set(key, value));
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size > 0) return;
      entry.unwatch?.();
      entry.unwatch = undefined;
    };
  }

  /** Forgets the value (listeners stay), so the next load asks again. */
  forget(key: string): void {
    const entry = this.#entries.get(key);
    if (entry) entry.value = undefined;
  }

  set(key: string, value: V): void {
    const entry = this.#entry(key);
    entry.value = value;
    for (const listener of entry.listeners) listener(value);
  }

  /**
   * After the realtime hub missed changes (a `reset`): loads every key someone
   * listens to again, showing the old value until the new one arrives, and
   * forgets the rest, so a later load asks the server. A key `held` (a write
   * in flight shows its optimistic value) is left alone, before and after the
   * load: the write's answer settles it.
   */
  reloadWatched(held: (key: string) => boolean = () => false): void {
    for (const [key, entry] of this.#entries) {
      if (held(key)) continue;
      if (entry.listeners.size === 0) {
        if (!entry.loading) entry.value = undefined;
        continue;
      }
      this.#fetch(key).then(
        (value) => {
          if (!held(key)) this.set(key, value);
        },
        (error: unknown) => console.warn(`[plaza] could not reload ${key} after missed live updates`, error),
      );
    }
  }

  #entry(key: string): Entry<V> {
    let entry = this.#entries.get(key);
    if (!entry) this.#entries.set(key, (entry = { listeners: new Set() }));
    return entry;
  }
}
