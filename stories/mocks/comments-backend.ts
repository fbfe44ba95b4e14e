import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import {
  COMMENT_SORTS,
  LIMITS,
  MENTION_PATTERN,
  PROBLEM_TYPES,
  topics,
  type Comment,
  type CommentRecord,
  type CommentSort,
  type CommentThread,
  type Me,
  type Problem,
  type RealtimeEvent,
  type ReactionSummary,
  type ThreadComment,
  type ThreadSummaries,
  type ThreadWatch,
} from '../../src/core/protocol.ts';
import { markdownToHtml } from '../../server/markdown/render.ts';
import { colleagues, targets } from '../../test/fixtures/index.ts';
import { commentModerationHandlers } from './comment-moderation-backend.ts';
import { canteenThread, liveLines, longThread, outingThread, type FixtureComment } from './comment-fixtures.ts';

/**
 * The comment routes of protocol v1 for Storybook, per scenario like the
 * reaction routes in plaza-backend.ts (which mounts these beside its own at
 * every scenario's endpoint and shares its event stream with them). It
 * behaves like the reference server: replies one level deep, placeholders
 * for deleted and hidden comments, 409 with `current` on a stale edit,
 * problems as application/problem+json.
 */
export interface CommentBehaviour {
  /** The comments of a thread before anybody writes. */
  seed: (key: string) => readonly FixtureComment[];
  reads?: 'hang' | 'fail';
  /** `fail`: every post (and every change of following a thread) answers 503, so the client retries and then gives up. */
  posts?: 'fail';
  closed?: boolean;
  /** A colleague comments every few seconds on every watched thread. */
  live?: boolean;
}

/** The canteen discussion; the company outing, with one comment, is there for the comment counts of a list page. */
const canteen = (key: string) => (key === targets.canteen ? canteenThread : key === targets.companyOuting ? outingThread : []);

export const commentBehaviours = {
  loaded: { seed: canteen },
  empty: { seed: () => [] },
  many: { seed: () => longThread() },
  slow: { seed: canteen, reads: 'hang' },
  'load-error': { seed: canteen, reads: 'fail' },
  'write-refused': { seed: canteen },
  'custom-kinds': { seed: canteen },
  live: { seed: canteen, live: true },
  'post-fails': { seed: canteen, posts: 'fail' },
  closed: { seed: canteen, closed: true },
  moderated: { seed: canteen },
  'no-mail': { seed: canteen },
} satisfies Record<string, CommentBehaviour>;

export interface CommentMockLinks {
  me: () => Me;
  /** The reaction summary of a target, from the reaction mock, so both always agree. */
  summary: (target: string) => ReactionSummary;
  publish: (event: RealtimeEvent) => void;
}

const TITLES: Partial<Record<keyof typeof PROBLEM_TYPES, string>> = {
  validation: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  notFound: 'Not found',
  conflict: 'Conflict',
  internal: 'Internal server error',
  threadClosed: 'The thread is closed',
};

export function problem(kind: keyof typeof TITLES, status: number, detail?: string, extra: Record<string, unknown> = {}): Response {
  const body: Problem = { type: PROBLEM_TYPES[kind], title: TITLES[kind]!, status, ...(detail ? { detail } : {}), ...extra };
  return HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json' } });
}

/** One scenario's comments, in memory. */
export class CommentMock {
  private readonly threads = new Map<string, CommentRecord[]>();
  /** Threads a moderator closed or reopened here; the others are as the scenario says. */
  private readonly closedThreads = new Map<string, boolean>();
  /** Threads the reader followed or left here; the others are followed if the reader wrote in them, as on the server. */
  private readonly watches = new Map<string, boolean>();
  private nextId = 0;
  private liveTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly behaviour: CommentBehaviour,
    private readonly links: CommentMockLinks,
  ) {}

  handlers(at: (path: string) => string): HttpHandler[] {
    return [
      http.get(at('/threads/:key/comments'), ({ params, request }) => this.page(String(params.key), new URL(request.url))),
      http.post(at('/threads/:key/comments'), async ({ params, request }) => this.post(String(params.key), (await request.json()) as { text?: string; parentId?: string })),
      http.get(at('/threads/counts'), ({ request }) => this.counts(new URL(request.url))),
      http.get(at('/threads/:key/watch'), ({ params }) => this.watch(String(params.key))),
      http.put(at('/threads/:key/watch'), ({ params }) => this.watch(String(params.key), true)),
      http.delete(at('/threads/:key/watch'), ({ params }) => this.watch(String(params.key), false)),
      http.get(at('/comments/:id/replies'), ({ params }) => this.replies(String(params.id))),
      http.patch(at('/comments/:id'), async ({ params, request }) => this.edit(String(params.id), (await request.json()) as { text: string; version: number })),
      http.delete(at('/comments/:id'), ({ params }) => this.remove(String(params.id))),
      // The composers' "Vorschau" (comments and status posts): rendered as the server would.
      http.post(at('/preview'), async ({ request }) => {
        const { text = '' } = (await request.json()) as { text?: string };
        return HttpResponse.json({ html: markdownToHtml(text), mentions: mentionsOf(text) });
      }),
      ...commentModerationHandlers(at, {
        me: () => this.links.me(),
        find: (id) => this.find(id),
        count: (key) => this.count(key),
        isClosed: (key) => this.isClosed(key),
        setClosed: (key, closed) => this.closedThreads.set(key, closed),
        shown: (comment) => this.withReactions(comment),
        publish: (event) => this.announce(event),
      }),
    ];
  }

  private async page(key: string, url: URL): Promise<Response> {
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The comments database did not answer (mocked).');
    if (this.behaviour.live) this.liveTimer ??= setInterval(() => this.colleagueWrites(), 4000);
    const sort = (url.searchParams.get('sort') ?? 'newest') as CommentSort;
    if (!COMMENT_SORTS.includes(sort)) return problem('validation', 400, 'sort: must be newest, oldest or top');
    const limit = Math.min(50, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
    const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
    const all = this.thread(key);
    const score = (c: CommentRecord) => Object.values(this.links.summary(`comment:${c.id}`).counts).reduce((a, b) => a + b, 0);
    const top = all
      .filter((c) => c.parentId === null && (c.state !== 'deleted' || all.some((r) => r.parentId === c.id)))
      .sort((a, b) => (sort === 'top' ? score(b) - score(a) : 0) || (sort === 'oldest' ? 1 : -1) * a.createdAt.localeCompare(b.createdAt));
    const items: ThreadComment[] = top.slice(offset, offset + limit).map((c) => {
      const replies = all.filter((r) => r.parentId === c.id && r.state !== 'deleted').map((r) => this.withReactions(r));
      return { ...this.withReactions(c), replies, replyCount: replies.length, repliesCursor: null };
    });
    const body: CommentThread = {
      key,
      sort,
      closed: this.isClosed(key),
      count: all.filter((c) => c.state === 'published').length,
      limits: { commentLength: LIMITS.commentLength, mentionsPerComment: LIMITS.mentionsPerComment },
      items,
      nextCursor: offset + limit < top.length ? String(offset + limit) : null,
    };
    return HttpResponse.json(body);
  }

  /** `GET /threads/counts`: what a list page's counts show, from the same comments the threads serve. */
  private async counts(url: URL): Promise<Response> {
    const keys = [...new Set(url.searchParams.getAll('keys'))];
    if (keys.length === 0 || keys.length > LIMITS.batchSize) return problem('validation', 400, `keys: ask for 1 to ${LIMITS.batchSize} threads`, { field: 'keys' });
    if (this.behaviour.reads === 'hang') await delay('infinite');
    if (this.behaviour.reads === 'fail') return problem('internal', 500, 'The comments database did not answer (mocked).');
    const body: ThreadSummaries = { items: keys.map((key) => ({ key, closed: this.isClosed(key), count: this.count(key) })) };
    return HttpResponse.json(body);
  }

  private replies(id: string): Response {
    const all = [...this.threads.values()].flat();
    return HttpResponse.json({ items: all.filter((r) => r.parentId === id && r.state !== 'deleted').map((r) => this.withReactions(r)), nextCursor: null });
  }

  private async post(key: string, body: { text?: string; parentId?: string }): Promise<Response> {
    const me = this.links.me();
    if (!me.user) return problem('unauthenticated', 401, 'Sign in to do this.');
    if (this.isClosed(key)) return problem('threadClosed', 403, 'This conversation is closed: nothing can be posted or edited.');
    if (this.behaviour.posts === 'fail') return problem('internal', 503, 'The comments database is restarting (mocked).');
    const text = body.text ?? '';
    if (!text.trim()) return problem('validation', 400, 'text: must not be empty', { field: 'text' });
    if (text.length > LIMITS.commentLength) return problem('validation', 400, `text: at most ${LIMITS.commentLength} characters`, { field: 'text' });
    const all = this.thread(key);
    const parent = body.parentId === undefined ? undefined : all.find((c) => c.id === body.parentId);
    if (body.parentId !== undefined && !parent) return problem('notFound', 404, 'The comment to reply to is not in this thread.', { field: 'parentId' });
    const comment = this.add(key, me.user.id, text, parent ? (parent.parentId ?? parent.id) : null);
    this.watches.set(key, true);
    return HttpResponse.json(this.withReactions(comment), { status: 201 });
  }

  /** `GET|PUT|DELETE /threads/{key}/watch`; in `post-fails` a change answers 503 like a post. */
  private watch(key: string, change?: boolean): Response {
    const reader = this.links.me().user;
    if (!reader) return problem('unauthenticated', 401, 'Sign in to do this.');
    if (change !== undefined) {
      if (this.behaviour.posts === 'fail') return problem('internal', 503, 'The database is restarting (mocked).');
      this.watches.set(key, change);
    }
    const watching = this.watches.get(key) ?? this.thread(key).some((c) => c.author?.id === reader.id);
    return HttpResponse.json({ key, watching } satisfies ThreadWatch);
  }

  private edit(id: string, { text, version }: { text: string; version: number }): Response {
    const comment = this.find(id);
    if (!comment || comment.state === 'deleted') return problem('notFound', 404, 'There is no such comment (or it was deleted).');
    if (comment.author?.id !== this.links.me().user?.id) return problem('forbidden', 403, 'Only its author can edit a comment.');
    if (comment.version !== version) return problem('conflict', 409, `The comment is at version ${comment.version} now.`, { field: 'version', current: this.withReactions(comment) });
    Object.assign(comment, { text, html: markdownToHtml(text), mentions: mentionsOf(text), version: comment.version + 1, editedAt: new Date().toISOString() });
    this.announce({ type: 'comment.updated', topic: topics.comments(comment.threadKey), comment, count: this.count(comment.threadKey) });
    return HttpResponse.json(this.withReactions(comment));
  }

  private remove(id: string): Response {
    const comment = this.find(id);
    if (!comment) return problem('notFound', 404, 'There is no such comment.');
    const me = this.links.me();
    if (comment.author?.id !== me.user?.id && !me.can.moderate) return problem('forbidden', 403, 'Only its author or a moderator can delete a comment.');
    const all = this.thread(comment.threadKey);
    Object.assign(comment, { state: 'deleted', text: '', html: '', author: null, mentions: [] });
    const tombstone = comment.parentId === null && all.some((r) => r.parentId === id && r.state !== 'deleted');
    const deletion = { id, threadKey: comment.threadKey, parentId: comment.parentId, tombstone, count: this.count(comment.threadKey) };
    this.announce({ type: 'comment.deleted', topic: topics.comments(comment.threadKey), ...deletion });
    return HttpResponse.json(deletion);
  }

  private add(key: string, authorId: string, text: string, parentId: string | null): CommentRecord {
    const author = authorId === this.links.me().user?.id ? this.links.me().user : colleagues.find((p) => p.id === authorId)!;
    const id = `01JQZ${String(++this.nextId).padStart(21, '0')}`;
    const comment: CommentRecord = { id, threadKey: key, parentId, author, text, html: markdownToHtml(text), mentions: mentionsOf(text), state: 'published', version: 1, createdAt: new Date().toISOString(), editedAt: null };
    this.thread(key).push(comment);
    this.announce({ type: 'comment.created', topic: topics.comments(key), comment, count: this.count(key) });
    return comment;
  }

  /** In the live scenario: a colleague other than the reader comments on every thread that was read. */
  private colleagueWrites(): void {
    const keys = [...this.threads.keys()];
    const author = colleagues.find((p) => p.id !== this.links.me().user?.id)!;
    for (const key of keys) this.add(key, author.id, liveLines[this.nextId % liveLines.length]!, null);
  }

  private announce(event: RealtimeEvent): void {
    this.links.publish(event);
  }

  private thread(key: string): CommentRecord[] {
    let thread = this.threads.get(key);
    if (!thread) this.threads.set(key, (thread = this.behaviour.seed(key).map((seed) => recordOf(key, seed))));
    return thread;
  }

  private find(id: string): CommentRecord | undefined {
    return [...this.threads.values()].flat().find((c) => c.id === id);
  }

  private count(key: string): number {
    return this.thread(key).filter((c) => c.state === 'published').length;
  }

  private isClosed(key: string): boolean {
    return this.closedThreads.get(key) ?? !!this.behaviour.closed;
  }

  /** As the reader sees it: a hidden comment keeps author and text for moderators only. */
  private withReactions(comment: CommentRecord): Comment {
    const shown = comment.state === 'hidden' && !this.links.me().can.moderate ? { ...comment, author: null, text: '', html: '', mentions: [] } : comment;
    return { ...shown, reactions: this.links.summary(`comment:${comment.id}`) };
  }
}

function recordOf(key: string, seed: FixtureComment): CommentRecord {
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  // A hidden comment keeps its words for the moderators; withReactions shows the placeholder to everyone else.
  const placeholder = seed.state === 'deleted';
  return {
    id: seed.id,
    threadKey: key,
    parentId: seed.parentId ?? null,
    author: placeholder ? null : seed.by,
    text: placeholder ? '' : seed.text,
    // As the server sends it: rendered by its Markdown renderer (the browser has none).
    html: placeholder ? '' : markdownToHtml(seed.text),
    mentions: mentionsOf(seed.text),
    state: seed.state ?? 'published',
    version: seed.editedMinutesAgo === undefined ? 1 : 2,
    createdAt: at(seed.minutesAgo),
    editedAt: seed.editedMinutesAgo === undefined ? null : at(seed.editedMinutesAgo),
  };
}

function mentionsOf(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION_PATTERN)].map((match) => match[2]!))];
}
