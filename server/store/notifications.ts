import { MENTION_PATTERN, type PlazaNotification, type NotificationKind, type NotificationPage } from '../../src/core/protocol.ts';
import type { ProfileField } from '../config/privacy.ts';
import type { Queryable } from '../db.ts';
import { CURSOR_TIME, decodeCursor, encodeCursor } from './cursors.ts';
import { personTagJson, WHOLE_TAGS } from './person-columns.ts';
import { iso } from './sql.ts';

/**
 * Reading notifications and marking them read. They are written by the
 * notifications projector (server/projections/notifications.ts, through
 * notification-writes.ts); a reader sees only their own.
 */

/** How long an excerpt is, in characters. */
const EXCERPT_LENGTH = 140;
/** Actors shown per entry; the count says how many there are. */
const ACTORS_SHOWN = 3;

interface ItemRow {
  id: string;
  kind: NotificationKind;
  recipientId: string;
  actors: PlazaNotification['actors'];
  count: number;
  target: string | null;
  thread: string | null;
  commentId: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  body: string | null;
  createdAt: string;
  updatedAt: string;
  readAt: string | null;
  unread: number;
}

/**
 * One entry as the list shows it, with its recipient and their unread count:
 * the columns the list, the realtime events and the delivery all read; the
 * actors' tags by `fields` (`personTagJson`).
 */
const itemColumns = (fields: readonly ProfileField[]) => `n.id::text AS id, n.kind, n.recipient_id AS "recipientId",
  coalesce((SELECT json_agg(x.tag ORDER BY x.i) FROM (
    SELECT ${personTagJson('p', fields)} AS tag, a.i FROM unnest(n.actor_ids) WITH ORDINALITY a (id, i) JOIN people p ON p.id = a.id
    ORDER BY a.i LIMIT ${ACTORS_SHOWN}) x), '[]'::json) AS actors,
  cardinality(n.actor_ids) AS count,
  CASE WHEN n.kind = 'follow' THEN NULL WHEN n.comment_id IS NOT NULL THEN 'comment:' || n.comment_id ELSE n.source END AS target,
  c.thread_key AS thread, c.id AS "commentId", t.page_url AS "pageUrl", t.page_title AS "pageTitle",
  CASE WHEN n.kind = 'follow' THEN NULL ELSE coalesce(c.body, s.body) END AS body,
  ${iso('n.created_at')} AS "createdAt", ${iso('n.updated_at')} AS "updatedAt",
  CASE WHEN n.read_at IS NOT NULL THEN ${iso('n.read_at')} END AS "readAt"`;
const ITEM_FROM = `FROM notifications n
  LEFT JOIN comments c ON c.id = n.comment_id
  LEFT JOIN threads t ON t.key = c.thread_key
  LEFT JOIN activities s ON s.id = n.activity_id`;
const UNREAD = (recipient: string) => `(SELECT count(*)::int FROM notifications u WHERE u.recipient_id = ${recipient} AND u.read_at IS NULL)`;

export interface RecipientItem {
  recipientId: string;
  unread: number;
  notification: PlazaNotification;
}

/**
 * The entries with these ids, each with its recipient and their unread count afterwards: for the events
 * (tags whole, as the log keeps them) and the delivery (names only).
 */
export async function notificationItems(db: Queryable, ids: readonly string[]): Promise<RecipientItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ItemRow>(`SELECT ${itemColumns(WHOLE_TAGS)}, ${UNREAD('n.recipient_id')} AS unread ${ITEM_FROM} WHERE n.id = ANY($1::bigint[])`, [ids]);
  return rows.map((row) => ({ recipientId: row.recipientId, unread: row.unread, notification: toNotification(row) }));
}

/**
 * As `notificationItems`, for entries alike but for their recipient (one
 * source, kind and actors: a page of the fan-out worker's): the entry is
 * read whole once, and per recipient only what differs. Reading each whole
 * (its actors, page and text again) cost a hundred watchers a hundred times
 * the same joins. Tags whole, as for `notificationItems`.
 */
export async function alikeNotificationItems(db: Queryable, ids: readonly string[]): Promise<RecipientItem[]> {
  const [first] = ids;
  if (first === undefined) return [];
  const [whole] = await db.query<ItemRow>(`SELECT ${itemColumns(WHOLE_TAGS)}, 0 AS unread ${ITEM_FROM} WHERE n.id = $1::bigint`, [first]);
  if (!whole) return [];
  const rows = await db.query<{ id: string; recipientId: string; createdAt: string; updatedAt: string; unread: number }>(
    `SELECT n.id::text AS id, n.recipient_id AS "recipientId", ${iso('n.created_at')} AS "createdAt", ${iso('n.updated_at')} AS "updatedAt",
       ${UNREAD('n.recipient_id')} AS unread
     FROM notifications n WHERE n.id = ANY($1::bigint[])`,
    [ids],
  );
  const shared = toNotification(whole);
  return rows.map((row) => ({
    recipientId: row.recipientId,
    unread: row.unread,
    notification: { ...shared, id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt, readAt: null },
  }));
}

/** `personId`'s notifications, newest (or latest changed) first, and how many are unread; the actors' tags by `fields`. */
export async function notificationPage(
  db: Queryable,
  personId: string,
  cursor: string | undefined,
  limit: number,
  fields: readonly ProfileField[],
): Promise<NotificationPage> {
  const after = cursor === undefined ? null : decodeCursor(cursor, [CURSOR_TIME, 'int']);
  const rows = await db.query<ItemRow>(
    `SELECT ${itemColumns(fields)}, 0 AS unread ${ITEM_FROM}
     WHERE n.recipient_id = $1 AND ($2::timestamptz IS NULL OR (n.updated_at, n.id) < ($2::timestamptz, $3::bigint))
       -- A status post gone (deleted, or its author erased) takes its entries along, announced or not.
       AND (n.activity_id IS NULL OR s.id IS NOT NULL)
     ORDER BY n.updated_at DESC, n.id DESC LIMIT $4`,
    [personId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  const [{ unread }] = (await db.query<{ unread: number }>(`SELECT ${UNREAD('$1')} AS unread`, [personId])) as [{ unread: number }];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toNotification),
    nextCursor: rows.length > limit && last ? encodeCursor([last.updatedAt, Number(last.id)]) : null,
    unread,
  };
}

/**
 * Marks `personId`'s notifications read: those of `ids` (others' ids are
 * ignored), or all. Answers the ids that changed and the unread count after.
 */
export async function markRead(tx: Queryable, personId: string, ids: readonly string[] | 'all'): Promise<{ ids: string[]; unread: number }> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE notifications SET read_at = now()
     WHERE recipient_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
     RETURNING id::text AS id`,
    [personId, ids === 'all' ? null : ids],
  );
  const [{ unread }] = (await tx.query<{ unread: number }>(`SELECT ${UNREAD('$1')} AS unread`, [personId])) as [{ unread: number }];
  return { ids: rows.map((row) => row.id), unread };
}

/** The unread counts of these people. */
export async function unreadCounts(db: Queryable, personIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ id: string; unread: number }>(`SELECT p AS id, ${UNREAD('p')} AS unread FROM unnest($1::text[]) p`, [personIds]);
  return new Map(rows.map((row) => [row.id, row.unread]));
}

function toNotification(row: ItemRow): PlazaNotification {
  const page = row.pageUrl === null ? null : row.pageTitle === null ? { url: row.pageUrl } : { url: row.pageUrl, title: row.pageTitle };
  return {
    id: row.id,
    kind: row.kind,
    actors: row.actors,
    count: row.count,
    target: row.target,
    thread: row.thread,
    page,
    permalink: page && row.commentId ? permalink(page.url, row.commentId) : null,
    excerpt: excerpt(row.body ?? ''),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    readAt: row.readAt,
  };
}

/** A comment's address on its page: the page's URL with `#comment-<id>`, the id `<plaza-comments>` gives each comment. */
export function permalink(pageUrl: string, commentId: string): string {
  const url = new URL(pageUrl);
  url.hash = `comment-${commentId}`;
  return url.href;
}

/** The start of a Markdown text as one line of plain text: mentions as `@Name`, marks and line breaks gone. */
export function excerpt(markdown: string): string {
  const plain = markdown
    .replace(MENTION_PATTERN, '@$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= EXCERPT_LENGTH) return plain;
  return `${plain.slice(0, EXCERPT_LENGTH - 1).replace(/[\uD800-\uDBFF]$/, '').trimEnd()}…`;
}
