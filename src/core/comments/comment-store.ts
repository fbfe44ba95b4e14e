import type { PlazaClient } from '../client.ts';
import type { RealtimeHub } from '../realtime.ts';
import { peopleOf, type PeopleStore } from '../people-store.ts';
import type { ReactionStore } from '../reaction-store.ts';
import {
  topics,
  type Comment,
  type CommentDeletion,
  type CommentSort,
  type CommentThread,
  type NewComment,
  type Page,
  type RealtimeEvent,
  type Report,
  type ThreadSummary,
  type ThreadWatch,
} from '../protocol.ts';
import { authorsOf, summariesOf } from './thread-view.ts';
import { perEndpoint } from '../services.ts';

/** The realtime events of a thread's topic. */
export type ThreadEvent = Extract<RealtimeEvent, { type: 'comment.created' | 'comment.updated' | 'comment.deleted' | 'thread.changed' }>;

const THREAD_EVENTS = new Set<RealtimeEvent['type']>(['comment.created', 'comment.updated', 'comment.deleted', 'thread.changed']);

/**
 * Comments of one endpoint. Every answer that embeds reaction summaries and
 * authors hands them to the reaction and people stores, so the reaction bar
 * and the author's name tag of each comment show at once instead of asking
 * again: one request paints a thread. The
 * per-reader state of a thread (pages read, comments waiting to be shown)
 * belongs to ThreadController; this is the shared, stateless part.
 */
export class CommentStore {
  constructor(
    private readonly client: PlazaClient,
    private readonly realtime: RealtimeHub,
    private readonly reactions: ReactionStore,
    private readonly people: PeopleStore,
  ) {}

  /** What an answer embeds, for the stores that would otherwise ask for it. */
  #prime(items: ReadonlyArray<Comment & { replies?: Comment[] }>): void {
    // The thread's topic carries its comments' reaction changes: their bars need no topic each.
    this.reactions.prime(summariesOf(items), true);
    this.people.prime(authorsOf(items));
  }

  async page(key: string, sort: CommentSort, limit: number, cursor: string | null, signal?: AbortSignal): Promise<CommentThread> {
    const page = await this.client.commentThread(key, { sort, limit, cursor }, signal);
    this.#prime(page.items);
    return page;
  }

  async replies(parentId: string, cursor: string, signal?: AbortSignal): Promise<Page<Comment>> {
    const page = await this.client.commentReplies(parentId, cursor, signal);
    this.#prime(page.items);
    return page;
  }

  async post(key: string, comment: NewComment, idempotencyKey: string): Promise<Comment> {
    const posted = await this.client.postComment(key, comment, idempotencyKey);
    this.#prime([posted]);
    return posted;
  }

  /** Rejects with a CommentConflictError (with the current comment) when `version` is stale. */
  async edit(id: string, text: string, version: number): Promise<Comment> {
    return this.client.editComment(id, { text, version });
  }

  remove(id: string): Promise<CommentDeletion> {
    return this.client.deleteComment(id);
  }

  /** Reports a comment to the moderators; a second report by the same reader replaces the reason. */
  report(id: string, reason: string, idempotencyKey: string): Promise<Report> {
    return this.client.reportComment(id, reason, idempotencyKey);
  }

  /** Hides or restores a comment (moderators); answers the comment as a moderator sees it, text included. */
  setHidden(id: string, hidden: boolean): Promise<Comment> {
    return this.client.setCommentHidden(id, hidden);
  }

  /** Closes or reopens a thread (moderators). */
  setClosed(key: string, closed: boolean): Promise<ThreadSummary> {
    return this.client.setThreadClosed(key, closed);
  }

  /**
   * Whether the signed-in reader follows the thread (`GET /threads/{key}/watch`). Per reader, so not
   * part of the thread page (decision 170); asked through the client's `request` here rather than a
   * method of PlazaClient, which every page loads, so only pages with a thread pay for it.
   */
  watching(key: string, signal?: AbortSignal): Promise<ThreadWatch> {
    return this.client.request('GET', `/threads/${encodeURIComponent(key)}/watch`, { signal });
  }

  /** Starts or stops following the thread; the answer is the state afterwards. */
  setWatching(key: string, watching: boolean): Promise<ThreadWatch> {
    return this.client.request(watching ? 'PUT' : 'DELETE', `/threads/${encodeURIComponent(key)}/watch`);
  }

  /**
   * Calls `listener` with every comment event of the thread, and `reload` when
   * live updates missed more than the server replays, until the returned
   * function is called.
   */
  subscribe(key: string, listener: (event: ThreadEvent) => void, reload?: () => void): () => void {
    return this.realtime.subscribe(
      topics.comments(key),
      (event) => {
        if (THREAD_EVENTS.has(event.type)) listener(event as ThreadEvent);
        else if (event.type === 'reaction.changed') void this.reactions.receive(event);
      },
      reload,
    );
  }
}

/** The comment threads of one endpoint. */
export const commentsOf = perEndpoint((services) => new CommentStore(services.client, services.realtime, services.reactions, peopleOf(services)));
