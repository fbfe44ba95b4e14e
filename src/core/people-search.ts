import type { PlazaClient } from './client.ts';
import { LIMITS, type Person } from './protocol.ts';
import { perEndpoint } from './services.ts';

/** Enough to choose from while typing; more would only push the list off the screen. */
export const MENTION_RESULTS = 8;

/** Answers kept per endpoint; a session of mentioning rarely asks for more distinct prefixes. */
const CACHED_QUERIES = 50;

/**
 * Finding colleagues by name for `@`-mentions (`GET /people?q=`). Each
 * answer is kept per query, so typing "@mül", deleting a letter and typing it
 * again costs no request, and every composer on the page shares what was
 * found. Waiting between keystrokes (debouncing) and cancelling the previous
 * search are the caller's: they depend on the typing, not on the data.
 */
export class PeopleSearch {
  readonly #answers = new Map<string, Person[]>();

  readonly #client: PlazaClient;
  readonly #limit: number;

  constructor(client: PlazaClient, limit: number = MENTION_RESULTS) {
    this.#client = client;
    this.#limit = limit;
  }

  /** The answer for `query` if it is known, without asking. */
  peek(query: string): Person[] | undefined {
    return this.#answers.get(normalise(query));
  }

  /** Colleagues matching `query`, best first; rejects with the abort reason when `signal` aborts. */
  async search(query: string, signal?: AbortSignal): Promise<Person[]> {
    const key = normalise(query);
    const known = this.#answers.get(key);
    if (known) return known;
    // Every word must start a name, so a longer query can only find fewer: nobody for "mül" is nobody for "mülx".
    if (!key || this.#nobodyFor(key)) return [];
    const { items } = await this.#client.searchPeople(key, this.#limit, signal);
    // Least recently asked goes first: a Map keeps insertion order.
    this.#answers.delete(key);
    this.#answers.set(key, items);
    if (this.#answers.size > CACHED_QUERIES) this.#answers.delete(this.#answers.keys().next().value!);
    return items;
  }

  #nobodyFor(key: string): boolean {
    for (let end = key.length - 1; end > 0; end--) if (this.#answers.get(key.slice(0, end))?.length === 0) return true;
    return false;
  }
}

/** One key for "Mül", "mül " and "MÜL"; the server folds accents itself, so those stay. */
function normalise(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, LIMITS.searchLength);
}

/** Colleagues by name, for `@`-mentions; answers cached per query. */
export const peopleSearchOf = perEndpoint((services) => new PeopleSearch(services.client));
