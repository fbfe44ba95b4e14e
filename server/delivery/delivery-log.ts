import type { DeliveryLog, DeliveryLogEntry } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { CURSOR_ID, decodeCursor, encodeCursor } from '../store/cursors.ts';
import { iso } from '../store/sql.ts';

/**
 * The moderators' view of the outbox (`GET /moderation/deliveries`), newest
 * first by id (ULIDs sort by creation). A destination URL shows only its
 * origin: a Teams Workflows URL carries its signature in the query, and a
 * webhook's path may hold a token too.
 */
export async function deliveryLog(db: Queryable, cursor: string | undefined, limit: number): Promise<DeliveryLog> {
  const before = cursor === undefined ? null : (decodeCursor(cursor, [CURSOR_ID])[0] as string);
  const rows = await db.query<DeliveryLogEntry>(
    `SELECT id, channel, recipient AS destination, status, attempts, last_error AS "lastError", ${iso('created_at')} AS "createdAt",
       CASE WHEN status = 'pending' THEN ${iso('next_attempt_at')} END AS "nextAttemptAt", ${iso('sent_at')} AS "sentAt"
     FROM deliveries WHERE ($1::text IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
    [before, limit + 1],
  );
  const items = rows.slice(0, limit).map((row) => (row.channel === 'email' ? row : { ...row, destination: originOf(row.destination) }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(not a URL)';
  }
}
