import type { RealtimeEvent } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';

/** An event as the log holds it; `id` is what SSE sends as `id:` and gets back as Last-Event-ID. */
export interface StoredEvent {
  id: number;
  event: RealtimeEvent;
}

export async function appendEvent(db: Queryable, event: RealtimeEvent): Promise<StoredEvent> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO events (topic, type, payload) VALUES ($1, $2, $3::jsonb) RETURNING id::float8 AS id',
    [event.topic, event.type, JSON.stringify(event)],
  );
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return { id: row.id, event };
}

/** Events on these topics after `afterId`, oldest first, at most `limit`. */
export async function eventsAfter(db: Queryable, afterId: number, topics: readonly string[], limit: number): Promise<StoredEvent[]> {
  const rows = await db.query<{ id: number; payload: RealtimeEvent }>(
    `SELECT id::float8 AS id, payload FROM events
     WHERE id > $1 AND topic = ANY($2::text[]) ORDER BY id LIMIT $3`,
    [afterId, topics, limit],
  );
  return rows.map((row) => ({ id: row.id, event: row.payload }));
}

/** Keeps the log bounded: a client away longer than this reloads instead of replaying. */
export async function pruneEvents(db: Queryable, maxAgeHours: number, maxRows: number): Promise<void> {
  await db.query(
    `DELETE FROM events
     WHERE created_at < now() - make_interval(hours => $1)
        OR id <= (SELECT max(id) FROM events) - $2`,
    [maxAgeHours, maxRows],
  );
}
