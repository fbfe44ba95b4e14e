import type { Comment, CommentDeletion, CommentRecord, CommentSort, CommentThread, Me, Page, Person, ReactionSummary } from '../protocol.ts';

/*
 * A thread as one reader sees it, and the pure functions that change it: a
 * page arrives, a comment is posted or changes, one goes. Each returns a new
 * view and leaves the old one alone, so the element re-renders exactly what
 * changed and a test can check a step without a server or a DOM.
 */

/** A comment as shown: from the server, or the reader's own still on its way (`sending`). */
export interface ShownComment extends Comment {
  sending?: boolean;
}

export interface ShownThreadComment extends ShownComment {
  replies: ShownComment[];
  replyCount: number;
  repliesCursor: string | null;
}

export interface ThreadView {
  key: string;
  sort: CommentSort;
  /** Published comments and replies in the whole thread, as the server last said. */
  count: number;
  closed: boolean;
  limits: CommentThread['limits'];
  items: ShownThreadComment[];
  nextCursor: string | null;
}

export function viewOf(page: CommentThread): ThreadView {
  const { key, sort, count, closed, limits, items, nextCursor } = page;
  return { key, sort, count, closed, limits, items, nextCursor };
}

/** Appends the next page, skipping comments already shown (the reader's own, or revealed live ones). */
export function withNextPage(view: ThreadView, page: CommentThread): ThreadView {
  const fresh = page.items.filter((item) => !findComment(view, item.id));
  return { ...view, items: [...view.items, ...fresh], nextCursor: page.nextCursor, count: page.count, closed: page.closed };
}

/** Appends more replies under their top-level comment. */
export function withMoreReplies(view: ThreadView, parentId: string, page: Page<Comment>): ThreadView {
  return mapTop(view, parentId, (parent) => {
    const fresh = page.items.filter((reply) => !parent.replies.some((shown) => shown.id === reply.id));
    return { ...parent, replies: [...parent.replies, ...fresh], repliesCursor: page.nextCursor };
  });
}

/**
 * Puts a comment in: replaces the one with its id (or `replacing`, the
 * reader's optimistic copy), else inserts it: a top-level one first when the
 * newest come first, last otherwise; a reply last under its parent. A reply
 * whose parent is not shown is left out; it comes with its parent's page.
 */
export function withComment(view: ThreadView, comment: ShownComment, replacing?: string): ThreadView {
  const ids = new Set([comment.id, replacing]);
  if (findComment(view, comment.id) || (replacing && findComment(view, replacing))) {
    return {
      ...view,
      items: view.items.map((item) =>
        ids.has(item.id)
          ? { ...item, ...comment, sending: comment.sending, replies: item.replies, replyCount: item.replyCount, repliesCursor: item.repliesCursor }
          : item.replies.some((reply) => ids.has(reply.id))
            ? { ...item, replies: item.replies.map((reply) => (ids.has(reply.id) ? { ...reply, ...comment, sending: comment.sending } : reply)) }
            : item,
      ),
    };
  }
  if (comment.parentId === null) {
    const item: ShownThreadComment = { replies: [], replyCount: 0, repliesCursor: null, ...comment };
    return { ...view, items: view.sort === 'newest' ? [item, ...view.items] : [...view.items, item] };
  }
  return mapTop(view, comment.parentId, (parent) => ({
    ...parent,
    replies: [...parent.replies, comment],
    replyCount: parent.replyCount + 1,
  }));
}

/**
 * Applies a change every reader sees (an edit, a hide) to the comment shown,
 * keeping its reactions. Events carry what every reader sees, so a hidden
 * comment arrives without author and text; a moderator keeps those they
 * already have, since they must still be able to judge it.
 */
export function withRecord(view: ThreadView, record: CommentRecord, moderator = false): ThreadView {
  const shown = findComment(view, record.id);
  if (!shown) return view;
  const keep = moderator && record.state === 'hidden' && !record.text && shown.version === record.version;
  const { author, text, mentions } = keep ? shown : record;
  return withComment(view, { ...record, author, text, mentions, reactions: shown.reactions });
}

/** A deletion: the comment becomes a placeholder for its replies, or goes (and a deleted parent with it, once its last reply went). */
export function withoutComment(view: ThreadView, deletion: CommentDeletion): ThreadView {
  const { id, tombstone, count } = deletion;
  if (tombstone) {
    const shown = findComment(view, id);
    if (!shown) return { ...view, count };
    return { ...withComment(view, { ...shown, state: 'deleted', text: '', author: null, mentions: [] }), count };
  }
  const items = view.items
    .filter((item) => item.id !== id)
    .map((item) => {
      if (!item.replies.some((reply) => reply.id === id)) return item;
      return { ...item, replies: item.replies.filter((reply) => reply.id !== id), replyCount: Math.max(0, item.replyCount - 1) };
    })
    .filter((item) => item.state !== 'deleted' || item.replyCount > 0);
  return { ...view, items, count };
}

/** Every comment shown, in reading order: each top-level comment, then its replies. */
export function shownIds(view: ThreadView): string[] {
  return view.items.flatMap((item) => [item.id, ...item.replies.map((reply) => reply.id)]);
}

/**
 * Where the reader goes when a comment leaves the view: the comment that
 * took its place, else the one before it; undefined when none is left.
 * `before` is `shownIds` from before it went.
 */
export function neighbourAfterRemoval(view: ThreadView, before: readonly string[], id: string): string | undefined {
  const at = before.indexOf(id);
  const still = new Set(shownIds(view));
  return [...before.slice(at + 1), ...before.slice(0, Math.max(0, at)).reverse()].find((other) => still.has(other));
}

export function findComment(view: ThreadView, id: string): ShownComment | undefined {
  for (const item of view.items) {
    if (item.id === id) return item;
    const reply = item.replies.find((r) => r.id === id);
    if (reply) return reply;
  }
  return undefined;
}

/** The top-level comment a comment belongs to: itself, or its parent. */
export function topLevelOf(view: ThreadView, id: string): ShownThreadComment | undefined {
  return view.items.find((item) => item.id === id || item.replies.some((reply) => reply.id === id));
}

/** Whether the reader wrote this comment (an erased author's comment is nobody's). */
export function isOwnComment(comment: Pick<Comment, 'author'>, me: Me | undefined): boolean {
  return !!comment.author && comment.author.id === me?.user?.id;
}

/** Every reaction summary a page embeds, for the reaction store. */
export function summariesOf(items: ReadonlyArray<Comment & { replies?: Comment[] }>): ReactionSummary[] {
  return withReplies(items).map((comment) => comment.reactions);
}

/** The authors of these comments and their replies (erased authors are null and left out). */
export function authorsOf(items: ReadonlyArray<Comment & { replies?: Comment[] }>): Person[] {
  return withReplies(items).flatMap((comment) => (comment.author ? [comment.author] : []));
}

/** Each comment followed by the replies embedded with it, as a page lists them. */
export function withReplies<C extends object>(items: ReadonlyArray<C & { replies?: readonly C[] }>): C[] {
  return items.flatMap((item) => [item, ...(item.replies ?? [])]);
}

/** What a comment that arrived live shows until its reaction bar loads its own summary. */
export function withoutReactions(record: CommentRecord): Comment {
  return { ...record, reactions: { target: `comment:${record.id}`, counts: {}, mine: [] } };
}

function mapTop(view: ThreadView, id: string, change: (item: ShownThreadComment) => ShownThreadComment): ThreadView {
  if (!view.items.some((item) => item.id === id)) return view;
  return { ...view, items: view.items.map((item) => (item.id === id ? change(item) : item)) };
}
