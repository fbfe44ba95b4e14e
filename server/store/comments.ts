import { topics, type Comment, type CommentDeletion, type CommentRecord, type ModerationAction, type ThreadPage } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { reviseCommentEvents } from '../events/log.ts';
import type { Publish } from '../events/types.ts';
import { ulid } from '../ids.ts';
import { renderForStorage } from '../markdown/shown-html.ts';
import { mentionedIds } from '../mentions.ts';
import { ProblemError } from '../problem.ts';
import type { ProfileField } from '../config/privacy.ts';
import { findComment, findCommentRecord, PUBLIC_VIEW, type Viewer } from './comment-view.ts';
import { excerptOf } from './moderation-audit.ts';
import { unknownPeople } from './people.ts';
import { WHOLE_TAGS } from './person-columns.ts';
import { resolveReports } from './reports.ts';
import { commentTarget } from './targets.ts';
import { setThreadPage, threadPageOf } from './thread-pages.ts';

/**
 * Writing comments. Each function runs inside the caller's transaction
 * (`EventBus.transaction`), checks everything it needs under a row lock,
 * writes, and publishes its event in the same transaction: a refused write
 * leaves no row and no event behind. What follows from the event (the
 * activity feed) is the projectors' business (server/projections/). The
 * checks that need the database (closed thread, author, version, mentioned
 * people) throw problems here, so they cannot race with the write they guard.
 */

export interface CommentDraft {
  threadKey: string;
  parentId: string | null;
  authorId: string;
  text: string;
  mentions: string[];
  /** Where the thread is shown (`NewComment.page`): kept as the thread's page when it is an http(s) URL. */
  page?: ThreadPage;
  /** The writing browser's `Origin`: a page of another origin is not kept (see `threadPageOf`). */
  origin?: string;
}

/** Posts a comment (creating the thread on its first comment) and announces it. */
export async function postComment(tx: Queryable, publish: Publish, draft: CommentDraft): Promise<CommentRecord> {
  const { threadKey, authorId, text, mentions } = draft;
  if ((await lockThread(tx, threadKey)).closed) throw threadClosed();
  const parentId = draft.parentId === null ? null : await replyParent(tx, threadKey, draft.parentId);
  await requireKnownPeople(tx, mentions);
  const page = threadPageOf(draft.page, draft.origin);
  if (page) await setThreadPage(tx, threadKey, page);
  const id = ulid();
  const rendered = renderForStorage(text);
  await tx.query(
    `INSERT INTO comments (id, thread_key, parent_id, author_id, body, mentions, html, html_version) VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
    [id, threadKey, parentId, authorId, text, mentions, rendered.html, rendered.version],
  );
  const comment = (await findCommentRecord(tx, id, PUBLIC_VIEW, WHOLE_TAGS))!;
  await publish({ type: 'comment.created', topic: topics.comments(threadKey), comment, count: await threadCount(tx, threadKey) });
  return comment;
}

/**
 * The thread's row, made on its first comment, locked FOR KEY SHARE: posts do not wait for each other,
 * but a concurrent close (FOR UPDATE) does. It is the weakest lock that does: counting a post touches no
 * thread row (migration 004 appends a delta). Looked up before it is made, since nearly every post goes to
 * a thread that exists: one statement instead of two (issue 15, item 4).
 */
async function lockThread(tx: Queryable, threadKey: string): Promise<{ closed: boolean }> {
  const lock = () => tx.query<{ closed: boolean }>('SELECT closed FROM threads WHERE key = $1 FOR KEY SHARE', [threadKey]);
  const [thread] = await lock();
  if (thread) return thread;
  await tx.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [threadKey]);
  return (await lock())[0]!;
}

export interface CommentChange {
  id: string;
  text: string;
  version: number;
  mentions: string[];
}

/** Edits the text if `editor` wrote it and `version` is current; answers the comment as the editor sees it (its author's tag by `fields`). */
export async function editComment(
  tx: Queryable,
  publish: Publish,
  change: CommentChange,
  editor: Viewer,
  kinds: readonly string[],
  fields: readonly ProfileField[],
): Promise<Comment> {
  const [row] = await tx.query<{ author_id: string | null; thread_key: string; version: number; body: string; deleted: boolean; hidden: boolean; closed: boolean }>(
    `SELECT c.author_id, c.thread_key, c.version, c.body, c.deleted_at IS NOT NULL AS deleted,
       c.hidden_at IS NOT NULL AS hidden, t.closed
     FROM comments c JOIN threads t ON t.key = c.thread_key WHERE c.id = $1 FOR NO KEY UPDATE OF c`,
    [change.id],
  );
  if (!row || row.deleted) throw unknownComment('id');
  if (row.author_id !== editor.id) throw new ProblemError('forbidden', 403, 'Only its author can edit a comment.');
  if (row.closed) throw threadClosed();
  if (row.hidden) throw new ProblemError('forbidden', 403, 'A moderator hid this comment; it cannot be edited.');
  if (row.version !== change.version) {
    const current = await findComment(tx, change.id, editor, kinds, fields);
    throw new ProblemError('conflict', 409, `The comment changed since version ${change.version}; it is at version ${row.version} now.`, 'version').with({
      current,
    });
  }
  if (row.body !== change.text) {
    await requireKnownPeople(tx, change.mentions);
    const rendered = renderForStorage(change.text);
    await tx.query(
      `UPDATE comments SET body = $2, mentions = $3::text[], html = $4, html_version = $5, version = version + 1, edited_at = now(), updated_at = now()
       WHERE id = $1`,
      [change.id, change.text, change.mentions, rendered.html, rendered.version],
    );
    await publishUpdate(tx, publish, change.id, row.thread_key);
  }
  return (await findComment(tx, change.id, editor, kinds, fields))!;
}

/**
 * Deletes a comment (its author or a moderator). The row stays with its text
 * and mentions wiped, so replies keep their parent and reports their subject;
 * readers see it as a placeholder while replies hang under it, else not at
 * all. Deleting again answers the same without announcing anything.
 */
export async function deleteComment(tx: Queryable, publish: Publish, id: string, actor: Viewer, reason: string | null = null): Promise<CommentDeletion> {
  const [row] = await tx.query<{ author_id: string | null; thread_key: string; parent_id: string | null; deleted: boolean; body: string }>(
    'SELECT author_id, thread_key, parent_id, deleted_at IS NOT NULL AS deleted, body FROM comments WHERE id = $1 FOR NO KEY UPDATE',
    [id],
  );
  if (!row) throw unknownComment('id');
  const { thread_key: threadKey, parent_id: parentId } = row;
  if (row.deleted) return { id, threadKey, parentId, tombstone: parentId === null && (await hasReplies(tx, id)), count: await threadCount(tx, threadKey) };
  if (row.author_id !== actor.id && !actor.moderator) throw new ProblemError('forbidden', 403, 'Only its author or a moderator can delete a comment.');
  await tx.query(`UPDATE comments SET deleted_at = now(), updated_at = now(), body = '', mentions = '{}' WHERE id = $1`, [id]);
  const reportsResolved = await resolveReports(tx, id, actor.id!);
  if (row.author_id !== actor.id) await publishModeration(tx, publish, actor.id!, 'delete', id, reason, { ...row, reportsResolved });
  return announceDeletion(tx, publish, { id, threadKey, parentId });
}

/**
 * After a comment's row was wiped (deleted by a person, erased with its
 * author, expired): its logged events show the placeholder, and
 * `comment.deleted` goes out; a deleted parent whose last reply this was goes
 * too, since it showed only for its replies.
 */
export async function announceDeletion(
  tx: Queryable,
  publish: Publish,
  { id, threadKey, parentId }: { id: string; threadKey: string; parentId: string | null },
): Promise<CommentDeletion> {
  const topic = topics.comments(threadKey);
  await reviseCommentEvents(tx, topic, (await findCommentRecord(tx, id, PUBLIC_VIEW, WHOLE_TAGS))!);
  const deletion: CommentDeletion = { id, threadKey, parentId, tombstone: parentId === null && (await hasReplies(tx, id)), count: await threadCount(tx, threadKey) };
  await publish({ type: 'comment.deleted', topic, ...deletion });
  if (parentId !== null && !(await hasReplies(tx, parentId))) {
    const [parent] = await tx.query<{ deleted: boolean }>('SELECT deleted_at IS NOT NULL AS deleted FROM comments WHERE id = $1', [parentId]);
    if (parent?.deleted) {
      await publish({ type: 'comment.deleted', topic, id: parentId, threadKey, parentId: null, tombstone: false, count: deletion.count });
    }
  }
  return deletion;
}

/** Hides or restores a comment (moderators). Either way its open reports count as handled. */
export async function setHidden(
  tx: Queryable,
  publish: Publish,
  id: string,
  hidden: boolean,
  moderator: Viewer,
  kinds: readonly string[],
  fields: readonly ProfileField[],
  reason: string | null = null,
): Promise<Comment> {
  const [row] = await tx.query<{ thread_key: string; deleted: boolean; hidden: boolean; author_id: string | null; body: string }>(
    'SELECT thread_key, deleted_at IS NOT NULL AS deleted, hidden_at IS NOT NULL AS hidden, author_id, body FROM comments WHERE id = $1 FOR NO KEY UPDATE',
    [id],
  );
  if (!row || row.deleted) throw unknownComment('id');
  if (row.hidden !== hidden) {
    await tx.query('UPDATE comments SET hidden_at = CASE WHEN $2::boolean THEN now() END, updated_at = now() WHERE id = $1', [id, hidden]);
    await publishUpdate(tx, publish, id, row.thread_key);
  }
  const reportsResolved = await resolveReports(tx, id, moderator.id!);
  // Repeating an act records nothing, unless it settled reports filed since: that is a decision on them. Restoring
  // a comment that was never hidden is how a moderator dismisses its reports, and is recorded as that.
  if (row.hidden !== hidden || reportsResolved > 0) {
    const action = hidden ? 'hide' : row.hidden ? 'restore' : 'dismiss';
    await publishModeration(tx, publish, moderator.id!, action, id, reason, { ...row, reportsResolved });
  }
  return (await findComment(tx, id, moderator, kinds, fields))!;
}

/** Tells the audit log (a private event: the public ones name no moderator) what a moderator did to a comment, as it was before. */
async function publishModeration(
  tx: Queryable,
  publish: Publish,
  actor: string,
  action: ModerationAction,
  id: string,
  reason: string | null,
  was: { author_id: string | null; thread_key: string; body: string; reportsResolved: number },
): Promise<void> {
  const snapshot = { authorId: was.author_id, excerpt: excerptOf(was.body), reportsResolved: was.reportsResolved };
  await publish({ type: 'moderation.acted', actor, action, target: commentTarget(id), threadKey: was.thread_key, reason, snapshot });
}

/**
 * Published comments and replies of a thread: what `count` means everywhere. Read from the kept
 * counts (migration 004), which include the write's own change: its trigger has run by now.
 */
export async function threadCount(db: Queryable, threadKey: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT published_count AS n FROM thread_counts WHERE key = $1', [threadKey]);
  return row?.n ?? 0;
}

export function unknownComment(field: string): ProblemError {
  return new ProblemError('notFound', 404, 'There is no such comment (or it was deleted).', field);
}

export function threadClosed(): ProblemError {
  return new ProblemError('threadClosed', 403, 'This conversation is closed: nothing can be posted or edited.');
}

/**
 * Events carry what every reader sees (a hidden comment without its text or
 * author), and nobody's name but the author's: a moderator stays "the
 * moderation" (their name goes to the audit log, `moderation_audit`). The comment's
 * earlier events are revised to the same view, so a replay shows it as the
 * thread does now. The author's tag is whole, as the log keeps tags: the
 * stream applies `PLAZA_PROFILE_FIELDS` on the way out (decision 185).
 */
export async function publishUpdate(tx: Queryable, publish: Publish, id: string, threadKey: string): Promise<void> {
  const comment = (await findCommentRecord(tx, id, PUBLIC_VIEW, WHOLE_TAGS))!;
  const topic = topics.comments(threadKey);
  await reviseCommentEvents(tx, topic, comment);
  await publish({ type: 'comment.updated', topic, comment, count: await threadCount(tx, threadKey) });
}

/** Replies are one level deep: a reply to a reply is filed under its top-level comment, which must still be published. */
async function replyParent(tx: Queryable, threadKey: string, parentId: string): Promise<string> {
  const [parent] = await tx.query<{ thread_key: string; parent_id: string | null }>('SELECT thread_key, parent_id FROM comments WHERE id = $1', [parentId]);
  if (!parent || parent.thread_key !== threadKey) {
    throw new ProblemError('notFound', 404, 'The comment to reply to is not in this thread.', 'parentId');
  }
  const rootId = parent.parent_id ?? parentId;
  const [root] = await tx.query<{ published: boolean }>('SELECT deleted_at IS NULL AND hidden_at IS NULL AS published FROM comments WHERE id = $1', [rootId]);
  if (!root?.published) throw new ProblemError('notFound', 404, 'The comment to reply to was deleted or hidden.', 'parentId');
  return rootId;
}

/** Mentions must name people in the directory (`unknown-mention` otherwise); status posts check theirs here too. */
export async function requireKnownPeople(tx: Queryable, ids: readonly string[]): Promise<void> {
  const [unknown] = await unknownPeople(tx, ids);
  if (unknown !== undefined) {
    throw new ProblemError('unknownMention', 400, `Nobody in the directory has the id "${unknown}" (mentioned as person:${unknown}).`, 'text');
  }
}

async function hasReplies(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM comments WHERE parent_id = $1 AND deleted_at IS NULL) AS any', [id]);
  return row!.any;
}

/* The demo seed writes history directly, without events. */

export async function insertThread(db: Queryable, key: string, createdAt: Date): Promise<void> {
  await db.query('INSERT INTO threads (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, createdAt]);
}

export interface HistoricComment {
  id: string;
  threadKey: string;
  parentId: string | null;
  authorId: string;
  body: string;
  createdAt: Date;
  deletedAt?: Date | null;
}

/** Mentions are taken from the body, as a posted comment's would be; the seed names only people it inserts. */
export async function insertComment(db: Queryable, comment: HistoricComment): Promise<void> {
  await db.query(
    `INSERT INTO comments (id, thread_key, parent_id, author_id, body, mentions, created_at, updated_at, deleted_at)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $7, $8)`,
    [
      comment.id,
      comment.threadKey,
      comment.parentId,
      comment.authorId,
      comment.body,
      mentionedIds(comment.body),
      comment.createdAt,
      comment.deletedAt ?? null,
    ],
  );
}
