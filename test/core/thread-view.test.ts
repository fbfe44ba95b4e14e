import { expect } from '@open-wc/testing';
import {
  authorsOf,
  findComment,
  isOwnComment,
  neighbourAfterRemoval,
  shownIds,
  summariesOf,
  topLevelOf,
  viewOf,
  withComment,
  withMoreReplies,
  withNextPage,
  withoutComment,
  withoutReactions,
  withRecord,
  withReplies,
  type ThreadView,
} from '../../src/core/comments/thread-view.ts';
import type { Comment, CommentRecord, CommentSort, CommentThread, ThreadComment } from '../../src/core/protocol.ts';
import { ayse, jonas, petra, signedIn, signedOut } from '../fixtures/index.ts';

/* The pure reducers of a thread view, one step at a time: no server, no DOM. */

const KEY = 'page:/news/kantine';

function record(id: string, parentId: string | null = null, overrides: Partial<CommentRecord> = {}): CommentRecord {
  return {
    id, threadKey: KEY, parentId, author: jonas, text: `Text ${id}`, mentions: [], state: 'published', version: 1,
    createdAt: '2026-12-07T10:00:00.000Z', editedAt: null, ...overrides,
  };
}

function comment(id: string, parentId: string | null = null, overrides: Partial<CommentRecord> = {}): Comment {
  return { ...record(id, parentId, overrides), reactions: { target: `comment:${id}`, counts: { like: 2 }, mine: ['like'] } };
}

function top(id: string, replies: Comment[] = [], repliesCursor: string | null = null): ThreadComment {
  return { ...comment(id), replies, replyCount: replies.length, repliesCursor };
}

function page(items: ThreadComment[], nextCursor: string | null = null, sort: CommentSort = 'newest', count = 10): CommentThread {
  return { key: KEY, sort, count, closed: false, limits: { commentLength: 5000, mentionsPerComment: 20 }, items, nextCursor };
}

/** a (replies a1, a2), b, c (reply c1) */
function sample(sort: CommentSort = 'newest'): ThreadView {
  return viewOf(page([top('a', [comment('a1', 'a'), comment('a2', 'a')]), top('b'), top('c', [comment('c1', 'c')])], 'next', sort));
}

describe('thread view: pages', () => {
  it('viewOf keeps what the view needs of the first page', () => {
    const view = sample();
    expect(view).to.include({ key: KEY, sort: 'newest', count: 10, closed: false, nextCursor: 'next' });
    expect(shownIds(view)).to.deep.equal(['a', 'a1', 'a2', 'b', 'c', 'c1']);
  });

  it('withNextPage appends the next page without what is shown already, and takes its cursor, count and closed flag', () => {
    const next = { ...page([top('c'), top('d')], null, 'newest', 12), closed: true };
    const view = withNextPage(sample(), next);
    expect(shownIds(view)).to.deep.equal(['a', 'a1', 'a2', 'b', 'c', 'c1', 'd']);
    expect(view).to.include({ nextCursor: null, count: 12, closed: true });
  });

  it('withMoreReplies appends replies under their parent, skipping those shown, and leaves an unknown parent alone', () => {
    const view = withMoreReplies(sample(), 'a', { items: [comment('a2', 'a'), comment('a3', 'a')], nextCursor: 'r2' });
    expect(topLevelOf(view, 'a3')!.replies.map((r) => r.id)).to.deep.equal(['a1', 'a2', 'a3']);
    expect(topLevelOf(view, 'a')!.repliesCursor).to.equal('r2');
    const before = sample();
    expect(withMoreReplies(before, 'nobody', { items: [comment('x', 'nobody')], nextCursor: null })).to.equal(before);
  });
});

describe('thread view: inserting and updating', () => {
  it('inserts a new top-level comment first when the newest come first, last otherwise', () => {
    expect(shownIds(withComment(sample('newest'), comment('n')))[0]).to.equal('n');
    expect(shownIds(withComment(sample('oldest'), comment('n'))).at(-1)).to.equal('n');
    const added = findComment(withComment(sample(), comment('n')), 'n') as ThreadComment;
    expect(added).to.include({ replyCount: 0, repliesCursor: null });
    expect(added.replies).to.deep.equal([]);
  });

  it('inserts a reply last under its parent and counts it; a reply whose parent is not shown is left out', () => {
    const view = withComment(sample(), comment('b1', 'b'));
    expect(topLevelOf(view, 'b1')!.replies.map((r) => r.id)).to.deep.equal(['b1']);
    expect(topLevelOf(view, 'b')!.replyCount).to.equal(1);
    const before = sample();
    expect(withComment(before, comment('z1', 'z'))).to.equal(before);
  });

  it('replaces a comment with its id in place, keeping a top-level comment\'s replies', () => {
    const view = withComment(sample(), { ...comment('a'), text: 'edited', version: 2 });
    expect(findComment(view, 'a')).to.include({ text: 'edited', version: 2 });
    expect(topLevelOf(view, 'a')!.replies.map((r) => r.id)).to.deep.equal(['a1', 'a2']);
    const reply = withComment(sample(), { ...comment('c1', 'c'), text: 'reply edited' });
    expect(findComment(reply, 'c1')!.text).to.equal('reply edited');
    expect(shownIds(reply)).to.deep.equal(shownIds(sample()));
  });

  it('replaces the reader\'s optimistic copy (`sending`) with the server\'s comment, where the copy stood', () => {
    const sending = withComment(sample(), { ...comment('sending-1', 'b'), sending: true });
    expect(findComment(sending, 'sending-1')!.sending).to.equal(true);
    const posted = withComment(sending, comment('b1', 'b'), 'sending-1');
    expect(topLevelOf(posted, 'b')!.replies.map((r) => [r.id, r.sending])).to.deep.equal([['b1', undefined]]);
    expect(topLevelOf(posted, 'b')!.replyCount, 'counted once, when the copy went in').to.equal(1);
    const topLevel = withComment(withComment(sample(), { ...comment('sending-2'), sending: true }), comment('n'), 'sending-2');
    expect(shownIds(topLevel)[0]).to.equal('n');
    expect(findComment(topLevel, 'sending-2')).to.equal(undefined);
  });

  it('withRecord applies a live edit and keeps the reactions shown; an unknown comment changes nothing', () => {
    const view = withRecord(sample(), record('b', null, { text: 'live edit', version: 2 }));
    expect(findComment(view, 'b')).to.include({ text: 'live edit', version: 2 });
    expect(findComment(view, 'b')!.reactions.mine).to.deep.equal(['like']);
    const before = sample();
    expect(withRecord(before, record('z'))).to.equal(before);
  });

  it('withRecord of a hide: a reader loses author and text, a moderator keeps what they see of the same version', () => {
    const hidden = record('b', null, { state: 'hidden', author: null, text: '', mentions: [] });
    expect(findComment(withRecord(sample(), hidden), 'b')).to.include({ state: 'hidden', author: null, text: '' });
    const judged = findComment(withRecord(sample(), hidden, true), 'b')!;
    expect(judged).to.include({ state: 'hidden', author: jonas, text: 'Text b' });
    const newer = findComment(withRecord(sample(), { ...hidden, version: 2 }, true), 'b')!;
    expect(newer.text, 'a newer version is not the text they saw').to.equal('');
  });

  it('leaves the view it was given alone', () => {
    const view = sample();
    const copy = structuredClone(view);
    withComment(view, comment('n'));
    withComment(view, comment('a3', 'a'));
    withoutComment(view, { id: 'a1', threadKey: KEY, parentId: 'a', tombstone: false, count: 9 });
    expect(view).to.deep.equal(copy);
  });
});

describe('thread view: deleting', () => {
  it('a deletion with replies leaves a placeholder without author and text, and takes the count', () => {
    const view = withoutComment(sample(), { id: 'a', threadKey: KEY, parentId: null, tombstone: true, count: 9 });
    expect(findComment(view, 'a')).to.include({ state: 'deleted', text: '', author: null });
    expect(topLevelOf(view, 'a')!.replies).to.have.length(2);
    expect(view.count).to.equal(9);
    const unknown = withoutComment(sample(), { id: 'z', threadKey: KEY, parentId: null, tombstone: true, count: 8 });
    expect(shownIds(unknown)).to.deep.equal(shownIds(sample()));
    expect(unknown.count).to.equal(8);
  });

  it('a deletion without a placeholder removes the comment, or the reply and one from its parent\'s count', () => {
    const gone = withoutComment(sample(), { id: 'b', threadKey: KEY, parentId: null, tombstone: false, count: 9 });
    expect(shownIds(gone)).to.deep.equal(['a', 'a1', 'a2', 'c', 'c1']);
    const reply = withoutComment(sample(), { id: 'a1', threadKey: KEY, parentId: 'a', tombstone: false, count: 9 });
    expect(topLevelOf(reply, 'a')!.replies.map((r) => r.id)).to.deep.equal(['a2']);
    expect(topLevelOf(reply, 'a')!.replyCount).to.equal(1);
  });

  it('a placeholder goes with its last reply', () => {
    const placeholder = withoutComment(sample(), { id: 'c', threadKey: KEY, parentId: null, tombstone: true, count: 9 });
    const view = withoutComment(placeholder, { id: 'c1', threadKey: KEY, parentId: 'c', tombstone: false, count: 8 });
    expect(shownIds(view)).to.deep.equal(['a', 'a1', 'a2', 'b']);
  });

  it('neighbourAfterRemoval: the comment that took its place, else the one before, else none', () => {
    const before = shownIds(sample());
    const withoutB = withoutComment(sample(), { id: 'b', threadKey: KEY, parentId: null, tombstone: false, count: 9 });
    expect(neighbourAfterRemoval(withoutB, before, 'b')).to.equal('c');
    const withoutC1 = withoutComment(sample(), { id: 'c1', threadKey: KEY, parentId: 'c', tombstone: false, count: 9 });
    expect(neighbourAfterRemoval(withoutC1, before, 'c1')).to.equal('c');
    const alone = viewOf(page([top('x')]));
    const empty = withoutComment(alone, { id: 'x', threadKey: KEY, parentId: null, tombstone: false, count: 0 });
    expect(neighbourAfterRemoval(empty, ['x'], 'x')).to.equal(undefined);
  });
});

describe('thread view: lookups and what a page embeds', () => {
  it('findComment and topLevelOf find comments and replies', () => {
    const view = sample();
    expect(findComment(view, 'c1')!.parentId).to.equal('c');
    expect(findComment(view, 'z')).to.equal(undefined);
    expect(topLevelOf(view, 'a2')!.id).to.equal('a');
    expect(topLevelOf(view, 'b')!.id).to.equal('b');
    expect(topLevelOf(view, 'z')).to.equal(undefined);
  });

  it('isOwnComment: the reader\'s own, never an erased author\'s, never a signed-out reader\'s', () => {
    expect(isOwnComment(comment('a'), signedIn)).to.equal(true);
    expect(isOwnComment({ author: petra }, signedIn)).to.equal(false);
    expect(isOwnComment({ author: null }, signedIn)).to.equal(false);
    expect(isOwnComment(comment('a'), signedOut)).to.equal(false);
    expect(isOwnComment(comment('a'), undefined)).to.equal(false);
  });

  it('withReplies, summariesOf and authorsOf list each comment followed by its replies; erased authors are left out', () => {
    const items = [top('a', [comment('a1', 'a', { author: ayse }), comment('a2', 'a', { author: null })]), top('b')];
    expect(withReplies(items).map((c) => c.id)).to.deep.equal(['a', 'a1', 'a2', 'b']);
    expect(summariesOf(items).map((s) => s.target)).to.deep.equal(['comment:a', 'comment:a1', 'comment:a2', 'comment:b']);
    expect(authorsOf(items).map((p) => p.id)).to.deep.equal([jonas.id, ayse.id, jonas.id]);
  });

  it('withoutReactions gives a live comment an empty summary of its own', () => {
    expect(withoutReactions(record('n')).reactions).to.deep.equal({ target: 'comment:n', counts: {}, mine: [] });
  });
});
