import type { ReactiveControllerHost } from 'lit';
import type { ActivityStore, FeedEvent } from '../../core/activity-store.ts';
import type { Activity, ActivityKind, ActivityScope, Person } from '../../core/protocol.ts';
import { LoadTask, trackPaging, type Paging } from '../../controllers/load-task.ts';

export interface FeedArgs {
  store: ActivityStore;
  scope: ActivityScope;
  /** Only these kinds; every kind when empty. */
  kinds: readonly ActivityKind[];
  limit: number;
  /** The reader's id, once known: their own posts never wait behind the "new posts" button. */
  me: string | null | undefined;
}

/** An item as the feed shows it: `sending` while the reader's own post is on its way. */
export type FeedItem = Activity & { sending?: boolean };

/** What the feed shows: the items read so far, and where the next page starts. */
export interface FeedView {
  items: FeedItem[];
  nextCursor: string | null;
}

/**
 * One reader's view of a feed: loads the first page when the element
 * connects (or the scope, kinds or page size change), pages on, listens to
 * the scope's realtime topic, and puts the reader's status posts in at once.
 * Colleagues' new activities wait in `arrived` until the reader asks for them
 * (like new comments in a thread), so nothing moves under their eyes;
 * removals apply at once.
 *
 * Loading, aborting and paging are LoadTask's, as for ThreadController; not
 * folded further with it: what else they share is the early-event buffer (a
 * few lines), the rest is about nested replies and counts, which feeds do
 * not have.
 */
export class FeedController {
  /** Colleagues' new activities, newest first, not yet shown. */
  arrived: Activity[] = [];
  more: Paging = { status: 'idle' };

  /** Loads the first page as the view (which the reader's posts and live events then change); its `status`, `error`, `render()` and `run()` are the feed's loading state and retry. */
  readonly task: LoadTask<readonly [ActivityStore, ActivityScope, string, number], FeedView>;
  #store: ActivityStore | undefined;
  /** Events that came before the first page; applied once it is there. */
  #early: FeedEvent[] = [];

  readonly #host: ReactiveControllerHost;
  readonly #args: () => FeedArgs;

  constructor(host: ReactiveControllerHost, args: () => FeedArgs) {
    this.#host = host;
    this.#args = args;
    this.task = new LoadTask(host, {
      args: () => {
        const { store, scope, kinds, limit } = this.#args();
        return [store, scope, kinds.join(','), limit] as const;
      },
      // Subscribed before the page is read, so nothing written in between is missed.
      attach: ([store, scope]) => this.#attach(store, scope),
      task: async ([store, scope, , limit], signal) => {
        const { items, nextCursor } = await store.page({ scope, kinds: this.#args().kinds, limit }, signal);
        return { items, nextCursor };
      },
      onComplete: () => {
        for (const event of this.#early.splice(0)) this.#onEvent(event);
      },
    });
  }

  get items(): FeedItem[] {
    return this.task.value?.items ?? [];
  }

  private set items(items: FeedItem[]) {
    this.task.value = { items, nextCursor: this.nextCursor };
  }

  get nextCursor(): string | null {
    return this.task.value?.nextCursor ?? null;
  }

  async loadMore(): Promise<void> {
    const store = this.#store;
    const { nextCursor } = this;
    const { signal } = this.task;
    if (!nextCursor || !store || this.more.status === 'pending') return;
    await trackPaging(this.#host, signal, (paging) => (this.more = paging), async () => {
      const { scope, kinds, limit } = this.#args();
      const page = await store.page({ scope, kinds, limit, cursor: nextCursor }, signal);
      if (signal.aborted) return;
      const shown = new Set(this.items.map((item) => item.id));
      this.task.value = { items: [...this.items, ...page.items.filter((item) => !shown.has(item.id))], nextCursor: page.nextCursor };
    });
  }

  /** Shows the activities that arrived live, at the top; returns their ids. */
  reveal(): string[] {
    const ids = this.arrived.map((item) => item.id);
    this.items = [...this.arrived, ...this.items];
    this.arrived = [];
    this.#host.requestUpdate();
    return ids;
  }

  /**
   * Puts a status post at the top at once, marked as sending, and replaces it
   * with the server's activity, or takes it out again (and rethrows) when the
   * post finally fails.
   */
  async post(text: string, space: string | null, idempotencyKey: string, actor: Person | null): Promise<Activity> {
    const store = this.#store;
    const { signal } = this.task;
    if (!store) throw new Error('The feed has not connected yet.');
    const localId = `sending-${idempotencyKey}`;
    const local: FeedItem = {
      id: localId, kind: 'status', actor, createdAt: new Date().toISOString(), text, html: '', mentions: [], space,
      target: null, commentId: null, reaction: null, subject: null, reactions: null, sending: true,
    };
    this.items = [local, ...this.items.filter((item) => item.id !== localId)];
    this.#host.requestUpdate();
    try {
      const activity = await store.post(text, space, idempotencyKey);
      if (!signal.aborted) {
        // The realtime echo may have come first; either way it shows once.
        this.arrived = this.arrived.filter((item) => item.id !== activity.id);
        this.items = this.items.filter((item) => item.id !== activity.id).map((item) => (item.id === localId ? activity : item));
      }
      return activity;
    } catch (error) {
      if (!signal.aborted) this.items = this.items.filter((item) => item.id !== localId);
      throw error;
    } finally {
      this.#host.requestUpdate();
    }
  }

  #attach(store: ActivityStore, scope: ActivityScope): () => void {
    this.#store = store;
    this.arrived = [];
    this.#early = [];
    this.more = { status: 'idle' };
    return store.subscribe(
      scope,
      (event) => this.#onEvent(event),
      // Live updates missed more than the server replays: read the feed again from the start.
      () => this.task.run(),
    );
  }

  #onEvent(event: FeedEvent): void {
    if (this.task.status !== 'complete') {
      this.#early.push(event);
      return;
    }
    if (event.type === 'activity.deleted') {
      this.items = this.items.filter((item) => item.id !== event.id);
      this.arrived = this.arrived.filter((item) => item.id !== event.id);
    } else if (event.type === 'activity.updated') {
      // In place, as a reload would show it (a status post whose author was erased: no name); an id not shown is ignored.
      const { activity } = event;
      const replace = (item: Activity) => (item.id === activity.id ? activity : item);
      this.items = this.items.map(replace);
      this.arrived = this.arrived.map(replace);
    } else {
      const { activity } = event;
      const { kinds, me } = this.#args();
      if (kinds.length && !kinds.includes(activity.kind)) return;
      if (this.items.some((item) => item.id === activity.id) || this.arrived.some((item) => item.id === activity.id)) return;
      // The reader's own status post is either in flight from here (its answer puts it in place) or from another tab.
      if (activity.actor?.id === me && activity.kind === 'status') {
        if (this.items.some((item) => item.sending && item.text === activity.text)) return;
        this.items = [activity, ...this.items];
      } else {
        this.arrived = [activity, ...this.arrived];
      }
    }
    this.#host.requestUpdate();
  }
}
