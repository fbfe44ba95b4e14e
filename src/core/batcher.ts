/**
 * Collects the keys asked for during one task and loads them with one call.
 * Ten reaction bars or fifty person tags upgrading together therefore cost one
 * request, not ten or fifty. Callers get their own value; a key asked for twice
 * in a task is loaded once.
 */
export class KeyedBatcher<V> {
  #queue = new Map<string, Array<{ resolve: (value: V) => void; reject: (error: unknown) => void }>>();
  #scheduled = false;

  readonly #loadMany: (keys: string[]) => Promise<Map<string, V>>;
  readonly #maxBatch: number;

  constructor(loadMany: (keys: string[]) => Promise<Map<string, V>>, maxBatch = 100) {
    this.#loadMany = loadMany;
    this.#maxBatch = maxBatch;
  }

  load(key: string): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const waiting = this.#queue.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#queue.set(key, [{ resolve, reject }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        // A macrotask, not a microtask: elements upgraded in the same task
        // request their data from their first update, which runs in later microtasks.
        setTimeout(() => this.#flush(), 0);
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += this.#maxBatch) {
      const chunk = keys.slice(i, i + this.#maxBatch);
      this.#loadMany(chunk).then(
        (values) => {
          for (const key of chunk) {
            const value = values.get(key);
            for (const waiter of batch.get(key) ?? []) {
              if (value === undefined) waiter.reject(new Error(`No value returned for ${key}`));
              else waiter.resolve(value);
            }
          }
        },
        (error: unknown) => {
          for (const key of chunk) for (const waiter of batch.get(key) ?? []) waiter.reject(error);
        },
      );
    }
  }
}
