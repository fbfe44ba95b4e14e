import type { PlazaClient } from './client.ts';
import { PlazaError } from './problem.ts';
import { peopleOf, type PeopleStore } from './people-store.ts';
import type { ReactionStore } from './reaction-store.ts';
import type { RealtimeHub } from './realtime.ts';
import { topics, type Activity, type ActivityCreatedEvent, type ActivityDeletedEvent, type ActivityUpdatedEvent, type ActivityKind, type ActivityPage, type ActivityScope, type Person } from './protocol.ts';
import { perEndpoint } from './services.ts';

/** What a feed hears on its scope's realtime topic. */
export type FeedEvent = ActivityCreatedEvent | ActivityUpdatedEvent | ActivityDeletedEvent;

/** One page of a feed to ask for. */
export interface FeedQuery {
  scope: ActivityScope;
  /** Only these kinds; all when empty. */
  kinds: readonly ActivityKind[];
  limit: number;
  cursor?: string | null;
}

/**
 * Feeds of one endpoint: pages of activities, status posts, and the realtime
 * topic of each scope. Pages are not cached (a feed is read once and then kept
 * live by its controller); what they embed (actors, followed people, the
 * reactions to status posts) primes the shared people and reaction caches, so
 * the name tags and reaction bars inside the items paint without requests.
 */
export class ActivityStore {
  /** Every feed's listener on this page, told of a deletion made here before its realtime event comes round. */
  readonly #local = new Set<(event: FeedEvent) => void>();

  constructor(
    private readonly client: PlazaClient,
    private readonly realtime: RealtimeHub,
    private readonly reactions: ReactionStore,
    private readonly people: PeopleStore,
  ) {}

  async page(query: FeedQuery, signal?: AbortSignal): Promise<ActivityPage> {
    const page = await this.client.activities(query, signal);
    this.#primeFrom(page.items);
    return page;
  }

  /** Posts a status; the idempotency key makes a retry (even after a reload) answer the first post. */
  async post(text: string, space: string | null, idempotencyKey: string, signal?: AbortSignal): Promise<Activity> {
    const activity = await this.client.postStatus(space ? { text, space } : { text }, idempotencyKey, signal);
    this.#primeFrom([activity]);
    return activity;
  }

  /**
   * Deletes a status post (the server allows its author and moderators). Every
   * feed of this page drops it at once; feeds elsewhere hear `activity.deleted`.
   * An answer of 404 means it is gone already (deleted elsewhere, or a retry
   * after an answer that got lost), which is what was asked.
   */
  async remove(id: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.client.request<void>('DELETE', `/activities/${encodeURIComponent(id)}`, { signal });
    } catch (error) {
      if (!(error instanceof PlazaError && error.status === 404)) throw error;
    }
    const gone: ActivityDeletedEvent = { type: 'activity.deleted', topic: topics.activities('all'), id };
    for (const listener of [...this.#local]) listener(gone);
  }

  /**
   * Calls `listener` for every activity created in, changed in or removed from `scope`,
   * and `reload` when live updates missed more than the server replays, until
   * the returned function is called.
   */
  subscribe(scope: ActivityScope, listener: (event: FeedEvent) => void, reload?: () => void): () => void {
    const local = (event: FeedEvent) => listener(event);
    this.#local.add(local);
    const unsubscribe = this.realtime.subscribe(topics.activities(scope), (event) => {
      if (event.type === 'activity.created' || event.type === 'activity.updated' || event.type === 'activity.deleted') {
        if (event.type === 'activity.created') this.#primeFrom([event.activity]);
        listener(event);
      }
    }, reload);
    return () => {
      this.#local.delete(local);
      unsubscribe();
    };
  }

  #primeFrom(items: Activity[]): void {
    this.reactions.prime(items.flatMap((item) => (item.reactions ? [item.reactions] : [])));
    this.people.prime(items.flatMap((item) => [item.actor, item.subject].filter((p): p is Person => p !== null)));
  }
}

/** Activity feeds of one endpoint: pages, status posts, realtime per scope. */
export const activitiesOf = perEndpoint((services) => new ActivityStore(services.client, services.realtime, services.reactions, peopleOf(services)));
