import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ActivityStore, FeedEvent } from '../core/activity-store.ts';
import { isAbort } from '../core/problem.ts';
import type { Activity, ActivityKind, ActivityScope, Person } from '../core/protocol.ts';
import type { SourceStatus } from './source-controller.ts';

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

type Paging = { status: 'idle' | 'pending' | 'error'; error?: unknown };

/**
 * One reader's view of a feed: loads the first page when the element
 * connects (or the scope, kinds or page size change), pages on, listens to
 * the scope's realtime topic, and puts the reader's status posts in at once.
 * Colleagues' new activities wait in `arrived` until the reader asks for them
 * (like new comments in a thread), so nothing moves under their eyes;
 * removals apply at once.
 *
 * Not folded with ThreadController: what they share is the paging shape and
 * the early-event buffer (a dozen lines); the rest is about nested replies
 * and counts, which feeds do not have.
 */
export class FeedController implements ReactiveController {
  status: SourceStatus = 'initial';
  items: FeedItem[] = [];
  nextCursor: string | null = null;
  error: unknown;
  /** Colleagues' new activities, newest first, not yet shown. */
  arrived: Activity[] = [];
  more: Paging = { status: 'idle' };

  private signature = '';
  private store: ActivityStore | undefined;
  private abort = new AbortController();
  private unsubscribe: (() => void) | undefined;
  /** Events that came before the first page; applied once it is there. */
  private early: FeedEvent[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly args: () => FeedArgs,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.detach();
    this.signature = '';
  }

  retry(): void {
    this.signature = '';
    this.host.requestUpdate();
  }

  async loadMore(): Promise<void> {
    const { store, abort, nextCursor } = this;
    if (!nextCursor || !store || this.more.status === 'pending') return;
    this.more = { status: 'pending' };
    this.host.requestUpdate();
    try {
      const { scope, kinds, limit } = this.args();
      const page = await store.page({ scope, kinds, limit, cursor: nextCursor }, abort.signal);
      if (abort.signal.aborted) return;
      const shown = new Set(this.items.map((item) => item.id));
      this.items = [...this.items, ...page.items.filter((item) => !shown.has(item.id))];
      this.nextCursor = page.nextCursor;
      this.more = { status: 'idle' };
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      this.more = { status: 'error', error };
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Shows the activities that arrived live, at the top; returns their ids. */
  reveal(): string[] {
    const ids = this.arrived.map((item) => item.id);
    this.items = [...this.arrived, ...this.items];
    this.arrived = [];
    this.host.requestUpdate();
    return ids;
  }

  /**
   * Puts a status post at the top at once, marked as sending, and replaces it
   * with the server's activity, or takes it out again (and rethrows) when the
   * post finally fails.
   */
  async post(text: string, space: string | null, idempotencyKey: string, actor: Person | null): Promise<Activity> {
    const { store, abort } = this;
    if (!store) throw new Error('The feed has not connected yet.');
    const localId = `sending-${idempotencyKey}`;
    const local: FeedItem = {
      id: localId, kind: 'status', actor, createdAt: new Date().toISOString(), text, html: '', mentions: [], space,
      target: null, commentId: null, reaction: null, subject: null, reactions: null, sending: true,
    };
    this.items = [local, ...this.items.filter((item) => item.id !== localId)];
    this.host.requestUpdate();
    try {
      const activity = await store.post(text, space, idempotencyKey);
      if (!abort.signal.aborted) {
        // The realtime echo may have come first; either way it shows once.
        this.arrived = this.arrived.filter((item) => item.id !== activity.id);
        this.items = this.items.filter((item) => item.id !== activity.id).map((item) => (item.id === localId ? activity : item));
      }
      return activity;
    } catch (error) {
      if (!abort.signal.aborted) this.items = this.items.filter((item) => item.id !== localId);
      throw error;
    } finally {
      this.host.requestUpdate();
    }
  }

  private sync(): void {
    const { store, scope, kinds, limit } = this.args();
    const signature = `${scope}\n${kinds.join(',')}\n${limit}`;
    if (signature === this.signature && store === this.store) return;
    this.detach();
    this.signature = signature;
    this.store = store;
    this.status = 'pending';
    this.items = [];
    this.nextCursor = null;
    this.error = undefined;
    this.arrived = [];
    this.early = [];
    this.more = { status: 'idle' };
    const abort = (this.abort = new AbortController());
    // Subscribed before the page is read, so nothing written in between is missed.
    this.unsubscribe = store.subscribe(
      scope,
      (event) => this.onEvent(event),
      () => this.reload(),
    );
    store.page({ scope, kinds, limit }, abort.signal).then(
      (page) => {
        if (abort.signal.aborted) return;
        this.items = page.items;
        this.nextCursor = page.nextCursor;
        this.status = 'complete';
        for (const event of this.early.splice(0)) this.onEvent(event);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (abort.signal.aborted || isAbort(error)) return;
        this.error = error;
        this.status = 'error';
        this.host.requestUpdate();
      },
    );
  }

  /** Live updates missed more than the server replays: read the feed again from the start. */
  private reload(): void {
    this.signature = '';
    this.sync();
  }

  private onEvent(event: FeedEvent): void {
    if (this.status !== 'complete') {
      this.early.push(event);
      return;
    }
    if (event.type === 'activity.deleted') {
      this.items = this.items.filter((item) => item.id !== event.id);
      this.arrived = this.arrived.filter((item) => item.id !== event.id);
    } else {
      const { activity } = event;
      const { kinds, me } = this.args();
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
    this.host.requestUpdate();
  }

  private detach(): void {
    this.abort.abort();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
