import type { ReactiveControllerHost } from 'lit';
import type { CommentStore, ThreadEvent } from '../../core/comments/comment-store.ts';
import type { Comment, CommentDeletion, CommentRecord, CommentSort, Person } from '../../core/protocol.ts';
import {
  findComment,
  shownIds,
  topLevelOf,
  viewOf,
  withComment,
  withMoreReplies,
  withNextPage,
  withoutComment,
  withoutReactions,
  withRecord,
  type ThreadView,
} from '../../core/comments/thread-view.ts';
import { LoadTask, trackPaging, type Paging } from '../../controllers/load-task.ts';

export interface ThreadArgs {
  store: CommentStore;
  key: string;
  sort: CommentSort;
  limit: number;
  /** The reader's id, once known: their own comments never wait behind the "new comments" button. */
  me: string | null | undefined;
  /** The reader moderates: a comment hidden live keeps the author and text they already see. */
  moderator?: boolean;
}

/**
 * One reader's view of a thread: loads the first page when the element
 * connects (or the thread, sort or page size change), pages on, listens to
 * the thread's realtime topic, and changes the view optimistically as the
 * reader posts, edits and deletes. Colleagues' new comments wait in
 * `arrived` until the reader asks for them, so nothing moves under their
 * eyes; edits and deletions apply in place at once.
 */
export class ThreadController {
  /** Colleagues' new comments, oldest first, not yet shown. */
  arrived: CommentRecord[] = [];
  more: Paging = { status: 'idle' };
  /** Loading of further replies, per top-level comment. */
  moreReplies = new Map<string, Paging>();

  /** Loads the first page as the view (which the reader's writes and live events then change); its `status`, `error`, `render()` and `run()` are the thread's loading state and retry. */
  readonly task: LoadTask<readonly [CommentStore, string, CommentSort, number], ThreadView>;
  #store: CommentStore | undefined;
  /** Events that came before the first page; applied once it is there. */
  #early: ThreadEvent[] = [];
  #posting = 0;
  /** Comments whose creation the server's event already counted: its `count` is authoritative, so our own POST's answer must not add them again. */
  #countedByEvent = new Set<string>();
  /** The reader's own comments from elsewhere (another tab) that arrived while this page was posting. */
  #ownElsewhere: CommentRecord[] = [];

  readonly #host: ReactiveControllerHost;
  readonly #args: () => ThreadArgs;

  constructor(host: ReactiveControllerHost, args: () => ThreadArgs) {
    this.#host = host;
    this.#args = args;
    this.task = new LoadTask(host, {
      args: () => {
        const { store, key, sort, limit } = this.#args();
        return [store, key, sort, limit] as const;
      },
      // Subscribed before the page is read, so nothing written in between is missed.
      attach: ([store, key]) => this.#attach(store, key),
      task: async ([store, key, sort, limit], signal) => viewOf(await store.page(key, sort, limit, null, signal)),
      onComplete: () => {
        for (const event of this.#early.splice(0)) this.#onEvent(event);
      },
    });
  }

  get view(): ThreadView | undefined {
    return this.task.value;
  }

  private set view(view: ThreadView | undefined) {
    this.task.value = view;
  }

  async loadMore(): Promise<void> {
    const { view } = this;
    const store = this.#store;
    const { signal } = this.task;
    if (!view?.nextCursor || !store || this.more.status === 'pending') return;
    await trackPaging(this.#host, signal, (paging) => (this.more = paging), async () => {
      const { key, sort, limit } = this.#args();
      const page = await store.page(key, sort, limit, view.nextCursor, signal);
      if (!signal.aborted) this.view = withNextPage(this.view!, page);
    });
  }

  async loadMoreReplies(parentId: string): Promise<void> {
    const store = this.#store;
    const { signal } = this.task;
    const cursor = this.view?.items.find((item) => item.id === parentId)?.repliesCursor;
    if (!cursor || !store || this.moreReplies.get(parentId)?.status === 'pending') return;
    await trackPaging(this.#host, signal, (paging) => this.moreReplies.set(parentId, paging), async () => {
      const page = await store.replies(parentId, cursor, signal);
      if (!signal.aborted) this.view = withMoreReplies(this.view!, parentId, page);
    });
  }

  /** Shows the comments that arrived live; returns their ids in the order they now appear. */
  reveal(): string[] {
    const arrived = new Set(this.arrived.map((record) => record.id));
    for (const record of this.arrived) if (this.view) this.view = withComment(this.view, withoutReactions(record));
    this.arrived = [];
    this.#host.requestUpdate();
    return this.view ? shownIds(this.view).filter((id) => arrived.has(id)) : [];
  }

  /**
   * Changes the view in place, for writes this controller does not make
   * itself (moderation: hiding, restoring, closing). Does nothing before the
   * first page is there.
   */
  apply(change: (view: ThreadView) => ThreadView): void {
    if (!this.view) return;
    this.view = change(this.view);
    this.#host.requestUpdate();
  }

  /**
   * Posts at once into the view, marked as sending, and replaces that copy
   * with the server's comment, or takes it out again (and rethrows) when the
   * post finally fails.
   */
  async post(text: string, replyTo: string | null, idempotencyKey: string, author: Person | null): Promise<Comment> {
    const { view } = this;
    const store = this.#store;
    const { signal } = this.task;
    if (!store || !view) throw new Error('The thread has not loaded yet.');
    const parentId = replyTo === null ? null : (topLevelOf(view, replyTo)?.id ?? replyTo);
    const localId = `sending-${idempotencyKey}`;
    const now = new Date().toISOString();
    const local = { ...withoutReactions({ id: localId, threadKey: view.key, parentId, author, text, html: '', mentions: [], state: 'published', version: 1, createdAt: now, editedAt: null }), sending: true };
    this.view = withComment(view, local);
    this.#posting++;
    this.#host.requestUpdate();
    try {
      const comment = await store.post(view.key, replyTo === null ? { text } : { text, parentId: replyTo }, idempotencyKey);
      if (!signal.aborted && this.view) {
        // The realtime echo of this very post may have arrived (and been counted) before the POST's answer.
        const count = this.#countedByEvent.has(comment.id) ? this.view.count : this.view.count + 1;
        this.view = { ...withComment(this.view, comment, localId), count };
      }
      return comment;
    } catch (error) {
      if (!signal.aborted && this.view) this.view = withoutComment(this.view, { id: localId, threadKey: view.key, parentId, tombstone: false, count: this.view.count });
      throw error;
    } finally {
      // A post that outlived its thread (the element moved on) no longer counts here.
      if (!signal.aborted && --this.#posting === 0) this.#releaseOwnElsewhere();
      this.#host.requestUpdate();
    }
  }

  /** Saves an edit; on a conflict the view shows the newer version (the caller keeps the reader's words). */
  async edit(id: string, text: string, version: number): Promise<Comment> {
    const store = this.#store!;
    try {
      const comment = await store.edit(id, text, version);
      if (this.view) this.view = withComment(this.view, comment);
      return comment;
    } catch (error) {
      const current = (error as { current?: Comment }).current;
      if (current && this.view) this.view = withComment(this.view, current);
      throw error;
    } finally {
      this.#host.requestUpdate();
    }
  }

  async remove(id: string): Promise<CommentDeletion> {
    const deletion = await this.#store!.remove(id);
    if (this.view) this.view = withoutComment(this.view, deletion);
    this.#host.requestUpdate();
    return deletion;
  }

  #attach(store: CommentStore, key: string): () => void {
    this.#store = store;
    this.arrived = [];
    this.#early = [];
    this.more = { status: 'idle' };
    this.moreReplies = new Map();
    const unsubscribe = store.subscribe(
      key,
      (event) => this.#onEvent(event),
      // Live updates missed more than the server replays: read the thread again from the start, showing
      // what is there until the new page comes (a render meanwhile drew the skeleton, then every comment
      // anew, an open composer with its focus too, and a click on its way was lost: preview-click.test.ts).
      () => this.task.refresh(),
    );
    return () => {
      unsubscribe();
      this.#ownElsewhere = [];
      this.#posting = 0;
    };
  }

  #onEvent(event: ThreadEvent): void {
    // While the first page is read (again, after a reset, with the last one still shown) events wait for it.
    if (!this.view || this.task.loading) {
      this.#early.push(event);
      return;
    }
    if (event.type === 'comment.created') {
      this.#countedByEvent.add(event.comment.id);
      this.#arrive(event.comment);
    } else if (event.type === 'comment.updated') {
      this.view = withRecord(this.view, event.comment, this.#args().moderator);
      this.arrived = this.arrived.map((waiting) => (waiting.id === event.comment.id ? event.comment : waiting));
    } else if (event.type === 'comment.deleted') {
      this.view = withoutComment(this.view, event);
      // A waiting comment has no replies shown, so it simply goes.
      this.arrived = this.arrived.filter((waiting) => waiting.id !== event.id);
    } else {
      this.view = { ...this.view, closed: event.closed };
    }
    this.view = { ...this.view, count: event.count };
    this.#host.requestUpdate();
  }

  #arrive(comment: CommentRecord): void {
    const view = this.view!;
    if (findComment(view, comment.id) || this.arrived.some((c) => c.id === comment.id)) return;
    // A reply under a comment of a page not read yet comes with that page.
    if (comment.parentId !== null && !view.items.some((item) => item.id === comment.parentId)) return;
    if (comment.author !== null && comment.author.id === this.#args().me && this.#posting > 0) {
      // Most likely the post in flight from this page, whose answer puts it in place.
      this.#ownElsewhere.push(comment);
      return;
    }
    this.arrived = [...this.arrived, comment];
  }

  #releaseOwnElsewhere(): void {
    const view = this.view;
    const waiting = this.#ownElsewhere.splice(0);
    if (!view) return;
    for (const comment of waiting) if (!findComment(view, comment.id)) this.arrived = [...this.arrived, comment];
  }
}
