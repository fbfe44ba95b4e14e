import type { PlazaClient } from './client.ts';
import { KeyedCache } from './keyed-cache.ts';
import type { NotificationEvent, NotificationPage, PlazaNotification } from './protocol.ts';
import { topics } from './protocol.ts';
import type { RealtimeHub } from './realtime.ts';
import { perEndpoint } from './services.ts';

/** What the bell shows: the newest notifications loaded so far, and how many are unread in all. */
export interface Inbox {
  readonly items: readonly PlazaNotification[];
  readonly unread: number;
  readonly nextCursor: string | null;
}

/** The one entry: a page has one reader per endpoint, and the inbox is theirs. */
const INBOX = 'me';
const PAGE_SIZE = 20;

/**
 * The signed-in reader's notifications (`GET /notifications`), shared by every bell on the page
 * and kept live by the reader's own topic: a notification that arrives, grows ("Anna und 4
 * weitere"), is withdrawn or is read in another tab changes the inbox here at once. A KeyedSource
 * with one entry, so the bell binds to it with `sourceTask` (the key is ignored). Made on first use
 * by the bell (`notificationsFor`), so pages without one load none of it.
 */
export class NotificationStore {
  readonly #cache: KeyedCache<Inbox>;
  /** "Read" writes begun, and those still on their way: a reload that began before one must not undo it. */
  #writes = 0;
  #writing = 0;

  readonly #client: PlazaClient;

  constructor(client: PlazaClient, realtime: RealtimeHub) {
    this.#client = client;
    this.#cache = new KeyedCache(
      () => this.#firstPage(),
      (_key, update) =>
        realtime.subscribe(topics.notifications(), (event) => {
          const inbox = this.#cache.peek(INBOX);
          if (inbox && isNotificationEvent(event)) update(applyEvent(inbox, event));
        }),
    );
    // After missed live updates the inbox loads again; an answer that left the server before a "read" the reader
    // gave meanwhile would make read entries unread again, so it is dropped (the read's event counts).
    realtime.onReset(() => {
      const writesBefore = this.#writes;
      this.#cache.reloadWatched(() => this.#writing > 0 || this.#writes !== writesBefore);
    });
  }

  peek(): Inbox | undefined {
    return this.#cache.peek(INBOX);
  }

  load(): Promise<Inbox> {
    return this.#cache.load(INBOX);
  }

  subscribe(_key: string, listener: (inbox: Inbox) => void): () => void {
    return this.#cache.subscribe(INBOX, listener);
  }

  /** The next page, appended (older entries). */
  async loadMore(signal?: AbortSignal): Promise<void> {
    const inbox = this.#cache.peek(INBOX);
    if (!inbox?.nextCursor) return;
    const page = await this.#client.request<NotificationPage>('GET', '/notifications', { query: { cursor: inbox.nextCursor, limit: String(PAGE_SIZE) }, signal });
    const current = this.#cache.peek(INBOX) ?? inbox;
    const known = new Set(current.items.map((item) => item.id));
    this.#cache.set(INBOX, { items: [...current.items, ...page.items.filter((item) => !known.has(item.id))], unread: page.unread, nextCursor: page.nextCursor });
  }

  /**
   * Marks the given notifications (or all) read: shown at once, undone if the server refuses.
   * Other tabs learn it from the reader's topic.
   */
  async markRead(ids: readonly string[] | 'all'): Promise<void> {
    const before = this.#cache.peek(INBOX);
    if (before) this.#cache.set(INBOX, markRead(before, ids, new Date().toISOString()));
    this.#writes += 1;
    this.#writing += 1;
    try {
      // 204, no body: the count after it comes with `notification.read` on the reader's topic.
      await this.#client.request<void>('POST', '/notifications/read', { body: ids === 'all' ? { all: true } : { ids } });
    } catch (error) {
      if (before) this.#cache.set(INBOX, before);
      throw error;
    } finally {
      this.#writing -= 1;
    }
  }

  async #firstPage(): Promise<Inbox> {
    const page = await this.#client.request<NotificationPage>('GET', '/notifications', { query: { limit: String(PAGE_SIZE) } });
    return { items: page.items, unread: page.unread, nextCursor: page.nextCursor };
  }
}

// The reader's topic carries nothing else; the hub types its events as the shared ones.
function isNotificationEvent(event: { type: string }): event is NotificationEvent {
  return event.type.startsWith('notification.');
}

/** The inbox after one event of the reader's topic; each event carries the unread count after it. */
export function applyEvent(inbox: Inbox, event: NotificationEvent): Inbox {
  switch (event.type) {
    case 'notification.created':
    case 'notification.updated': {
      // The stream may announce an entry after this page loaded it and marked it read (a replay, a slow
      // stream): that older news must not make it unread again, nor raise the count.
      const known = inbox.items.find((item) => item.id === event.notification.id);
      if (event.type === 'notification.created' && known?.readAt) return inbox;
      // A bundle that grew moves to the top (the list is ordered by when an entry last changed).
      const rest = inbox.items.filter((item) => item.id !== event.notification.id);
      return { ...inbox, items: [event.notification, ...rest], unread: event.unread };
    }
    case 'notification.withdrawn':
      return { ...inbox, items: inbox.items.filter((item) => item.id !== event.id), unread: event.unread };
    case 'notification.read':
      return { ...markRead(inbox, event.all ? 'all' : event.ids, new Date().toISOString()), unread: event.unread };
  }
}

export function markRead(inbox: Inbox, ids: readonly string[] | 'all', readAt: string): Inbox {
  const read = ids === 'all' ? undefined : new Set(ids);
  let unread = inbox.unread;
  const items = inbox.items.map((item) => {
    if (item.readAt || (read && !read.has(item.id))) return item;
    unread -= 1;
    return { ...item, readAt };
  });
  return { ...inbox, items, unread: ids === 'all' ? 0 : Math.max(0, unread) };
}

/** The page's one inbox per endpoint, made when the first bell asks. */
export const notificationsFor = perEndpoint((services) => new NotificationStore(services.client, services.realtime));
