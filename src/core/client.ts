import type {
  Activity,
  ActivityKind,
  ActivityPage,
  ActivityScope,
  Comment,
  CommentConflict,
  CommentDeletion,
  CommentEdit,
  CommentSort,
  CommentThread,
  Me,
  NewComment,
  NewStatusPost,
  Page,
  Person,
  Preview,
  ProfileList,
  ReactionBatch,
  ReactionPeople,
  ReactionSummary,
  RealtimePoll,
  StreamTopicsChange,
  Report,
  ThreadSummary,
} from './protocol.ts';
import { PlazaError, isAbort, problemFromResponse } from './problem.ts';
import { CommentConflictError } from './comments/conflict.ts';
import { explainSignedOut, failedRequestProblem } from './cross-origin.ts';
import { pageOf } from './thread-key.ts';

export interface RequestOptions {
  query?: Record<string, string | string[] | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Makes a POST safe to retry: the server returns the first result for a repeated key. */
  idempotencyKey?: string;
}

const RETRY_DELAYS_MS = [300, 1200];

/**
 * Typed HTTP access to one Plaza endpoint. Elements never call this directly:
 * controllers and stores do, so loading states, caching and realtime live in
 * one place. Safe requests (and POSTs carrying an idempotency key) are retried
 * with backoff when the failure is transient.
 */
export class PlazaClient {
  /** Told the event id each read is at least as new as (`Plaza-Event-Id`): the realtime hub starts its stream from there. */
  onEventPosition: ((id: string) => void) | undefined;
  /** GETs not yet answered (the realtime hub waits for a page's first reads before it opens a stream). */
  readsInFlight = 0;

  constructor(
    readonly endpoint: string,
    readonly credentials: RequestCredentials = 'include',
  ) {}

  async me(signal?: AbortSignal): Promise<Me> {
    const me = await this.request<Me>('GET', '/me', { signal });
    if (!me.user) explainSignedOut(this.endpoint, this.credentials);
    return me;
  }

  people(ids: string[], signal?: AbortSignal): Promise<{ items: Person[] }> {
    return this.request('GET', '/people', { query: { ids: ids.join(',') }, signal });
  }

  profiles(ids: string[], signal?: AbortSignal): Promise<ProfileList> {
    return this.request('GET', '/profiles', { query: { ids: ids.join(',') }, signal });
  }

  reactions(targets: string[], signal?: AbortSignal): Promise<ReactionBatch> {
    return this.request('GET', '/reactions', { query: { targets }, signal });
  }

  /** Reacting names the page the bar is on (`pageOf`), so the feed can link to it. */
  setReaction(target: string, kind: string, active: boolean, signal?: AbortSignal): Promise<ReactionSummary> {
    const page = active ? pageOf(target) : undefined;
    return this.request(active ? 'PUT' : 'DELETE', `/reactions/${enc(target)}/${enc(kind)}`, { body: page && { page }, signal });
  }

  reactionPeople(target: string, kind: string, cursor?: string | null, signal?: AbortSignal): Promise<ReactionPeople> {
    return this.request('GET', `/reactions/${enc(target)}/${enc(kind)}/people`, {
      query: { cursor: cursor ?? undefined, limit: 20 },
      signal,
    });
  }

  /** One page of a thread: top-level comments with their first replies, authors and reaction summaries. */
  commentThread(key: string, page: { sort: CommentSort; cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<CommentThread> {
    return this.request('GET', `/threads/${enc(key)}/comments`, {
      query: { sort: page.sort, cursor: page.cursor ?? undefined, limit: page.limit },
      signal,
    });
  }

  /** The replies to a top-level comment after `cursor` (its `repliesCursor`). */
  commentReplies(id: string, cursor: string, signal?: AbortSignal): Promise<Page<Comment>> {
    return this.request('GET', `/comments/${enc(id)}/replies`, { query: { cursor, limit: 50 }, signal });
  }

  /** Posts a comment or reply. The idempotency key makes the client's own retries (and a later resend of the same draft) safe. */
  postComment(key: string, comment: NewComment, idempotencyKey: string, signal?: AbortSignal): Promise<Comment> {
    // The thread's page goes along, so the feed can link to it (the server writes only a change).
    return this.request('POST', `/threads/${enc(key)}/comments`, { body: { page: pageOf(key), ...comment }, idempotencyKey, signal });
  }

  /**
   * Edits a comment at the version the reader saw. A stale version rejects
   * with a CommentConflictError holding the comment as it is now (the
   * `current` member of the 409 problem).
   */
  async editComment(id: string, edit: CommentEdit, signal?: AbortSignal): Promise<Comment> {
    try {
      return await this.request<Comment>('PATCH', `/comments/${enc(id)}`, { body: edit, signal });
    } catch (error) {
      const current = error instanceof PlazaError && error.status === 409 ? (error.extensions as Partial<CommentConflict>).current : undefined;
      if (!current) throw error;
      const { type, title, status, detail, field, instance } = error as PlazaError;
      throw new CommentConflictError({ type, title, status, detail, field, instance, current });
    }
  }

  /** Deletes a comment; the answer says whether it stays as a placeholder for its replies. */
  deleteComment(id: string, signal?: AbortSignal): Promise<CommentDeletion> {
    return this.request('DELETE', `/comments/${enc(id)}`, { signal });
  }

  /** Colleagues whose names start with the words of `q` (case and accents do not matter), best matches first: the mention autocomplete. */
  /** A draft rendered by the server as posting it would render it (`POST /preview`); the answer's HTML still needs sanitising. */
  preview(text: string, signal?: AbortSignal): Promise<Preview> {
    return this.request('POST', '/preview', { body: { text }, signal });
  }

  searchPeople(q: string, limit: number, signal?: AbortSignal): Promise<{ items: Person[] }> {
    return this.request('GET', '/people', { query: { q, limit }, signal });
  }

  /** Reports a comment to the moderators. Reporting it again replaces the reason of the reader's open report. */
  reportComment(id: string, reason: string, idempotencyKey: string, signal?: AbortSignal): Promise<Report> {
    return this.request('POST', `/comments/${enc(id)}/reports`, { body: { reason }, idempotencyKey, signal });
  }

  /** Hides a comment from readers, or restores it (moderators). The answer is the comment as a moderator sees it. */
  setCommentHidden(id: string, hidden: boolean, signal?: AbortSignal): Promise<Comment> {
    return this.request(hidden ? 'PUT' : 'DELETE', `/comments/${enc(id)}/hidden`, { signal });
  }

  /** Closes a thread (read-only for everyone) or reopens it (moderators). */
  setThreadClosed(key: string, closed: boolean, signal?: AbortSignal): Promise<ThreadSummary> {
    return this.request(closed ? 'PUT' : 'DELETE', `/threads/${enc(key)}/closed`, { signal });
  }

  /** A page of a feed, newest first (`kinds` empty: every kind). */
  activities(
    query: { scope: ActivityScope; kinds: readonly ActivityKind[]; limit: number; cursor?: string | null },
    signal?: AbortSignal,
  ): Promise<ActivityPage> {
    const { scope, kinds, limit, cursor } = query;
    return this.request('GET', '/activities', { query: { scope, kinds: kinds.length ? kinds.join(',') : undefined, cursor: cursor ?? undefined, limit }, signal });
  }

  /** Posts a status; the idempotency key makes a retry answer the first post. */
  postStatus(post: NewStatusPost, idempotencyKey: string, signal?: AbortSignal): Promise<Activity> {
    return this.request('POST', '/activities', { body: post, idempotencyKey, signal });
  }

  /** The URL of the Server-Sent Events stream for these topics. */
  eventsUrl(topicList: string[], lastEventId?: string): string {
    return this.#url('/events', { topics: topicList, lastEventId });
  }

  /** Adds topics to the open event stream `stream` (its `ready` event's name), or removes them. */
  changeTopics(stream: string, change: StreamTopicsChange): Promise<void> {
    return this.request('POST', `/events/${encodeURIComponent(stream)}/topics`, { body: change });
  }

  /** The stream's events as JSON, where a proxy blocks streams; without `after`, those of the last `withinS` seconds. */
  pollEvents(topicList: string[], after: string | undefined, signal?: AbortSignal, withinS?: number): Promise<RealtimePoll> {
    return this.request('GET', '/events/poll', { query: { topics: topicList, after, within: after === undefined ? withinS : undefined }, signal });
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    if (method !== 'GET') return this.#send(method, path, options);
    this.readsInFlight++;
    try {
      return await this.#send<T>(method, path, options);
    } finally {
      this.readsInFlight--;
    }
  }

  async #send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const retriable = method === 'GET' || method === 'PUT' || method === 'DELETE' || !!options.idempotencyKey;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once<T>(method, path, options);
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (!retriable || delay === undefined || !(error instanceof PlazaError) || !error.transient) throw error;
        await sleep(delay, options.signal);
      }
    }
  }

  async #once<T>(method: string, path: string, { query, body, signal, idempotencyKey }: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(this.#url(path, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.credentials,
        signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw await failedRequestProblem(this.endpoint, error);
    }
    if (!response.ok) throw await problemFromResponse(response);
    const position = response.headers.get('plaza-event-id');
    if (position) this.onEventPosition?.(position);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch (cause) {
      // A 2xx that is not JSON (an intranet proxy's sign-in page): still the one error type callers handle.
      if (isAbort(cause)) throw cause;
      throw new PlazaError({ type: 'about:blank', title: 'Unreadable answer', status: response.status, detail: String(cause) }, { cause });
    }
  }

  #url(path: string, query?: RequestOptions['query']): string {
    const url = new URL(this.endpoint.replace(/\/$/, '') + path);
    // Built apart and set once: each searchParams.append() writes the whole query again, and the
    // event stream's URL carries a hundred topics (a long thread's first render spent tens of ms here).
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === '') continue;
      for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
    }
    const added = params.toString();
    if (added) url.search = url.search ? `${url.search}&${added}` : added;
    return url.href;
  }
}

const enc = encodeURIComponent;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}
