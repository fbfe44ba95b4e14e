import type { PlazaClient } from '../client.ts';
import { KeyedBatcher } from '../batcher.ts';
import { KeyedCache } from '../keyed-cache.ts';
import { PlazaError } from '../problem.ts';
import { KEY_PATTERN, LIMITS, PROBLEM_TYPES, topics, type ThreadSummaries, type ThreadSummary } from '../protocol.ts';
import type { RealtimeHub } from '../realtime.ts';
import { perEndpoint } from '../services.ts';

/**
 * Comment counts (and the closed flag) of threads, for list pages: a news
 * overview with thirty `<plaza-comment-count>` tags costs one
 * `GET /threads/counts` (up to LIMITS.batchSize keys per request), every tag
 * for the same thread shares one entry, and the thread's realtime topic keeps
 * the count true while a tag shows it.
 *
 * A KeyedSource, so an element binds to it with `sourceTask`.
 */
export class ThreadCountStore {
  readonly #cache: KeyedCache<ThreadSummary>;

  readonly #client: PlazaClient;

  constructor(client: PlazaClient, realtime: RealtimeHub) {
    this.#client = client;
    const batcher = new KeyedBatcher<ThreadSummary>(async (keys) => {
      const { items } = await this.#client.request<ThreadSummaries>('GET', '/threads/counts', { query: { keys } });
      return new Map(items.map((summary) => [summary.key, summary]));
    }, LIMITS.batchSize);
    this.#cache = new KeyedCache(
      // A malformed key would make the server refuse the whole batch, and with it thirty good counts.
      (key) => (KEY_PATTERN.test(key) ? batcher.load(key) : Promise.reject(invalidKey(key))),
      (key, update) =>
        realtime.subscribe(topics.comments(key), (event) => {
          if (event.type === 'thread.changed') update({ key, closed: event.closed, count: event.count });
          else if (event.type === 'comment.created' || event.type === 'comment.updated' || event.type === 'comment.deleted') {
            // The event carries the count after the change; closing is announced by thread.changed alone.
            update({ key, closed: this.#cache.peek(key)?.closed ?? false, count: event.count });
          }
        }),
    );
    realtime.onReset(() => this.#cache.reloadWatched());
  }

  peek(key: string): ThreadSummary | undefined {
    return this.#cache.peek(key);
  }

  /** Loads the summary, batched with every other key asked for in the same task. */
  load(key: string): Promise<ThreadSummary> {
    return this.#cache.load(key);
  }

  /** Calls `listener` on every change; holds the thread's realtime topic while anyone listens. */
  subscribe(key: string, listener: (summary: ThreadSummary) => void): () => void {
    return this.#cache.subscribe(key, listener);
  }
}

function invalidKey(key: string): PlazaError {
  return new PlazaError({
    type: PROBLEM_TYPES.validation,
    title: 'The request is not valid',
    status: 400,
    detail: `"${key.slice(0, 80)}" is not a thread key: 1–${LIMITS.keyLength} printable characters without spaces.`,
    field: 'thread',
  });
}

/** Comment counts of many threads (list pages), batched and kept live. */
export const threadCountsOf = perEndpoint((services) => new ThreadCountStore(services.client, services.realtime));
