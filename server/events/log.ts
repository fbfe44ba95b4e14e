import type { CommentRecord, RealtimeEvent } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';

/** An event as the log holds it; `id` is what SSE sends as `id:` and gets back as Last-Event-ID. */
export interface StoredEvent {
  id: number;
  event: RealtimeEvent;
}

/**
 * Logs a transaction's events, in order, in one statement (a write publishes two or three). Ids come
 * from the sequence row by row as `unnest` yields them, so sorted they follow the events' order.
 */
export async function appendEvents(db: Queryable, events: readonly RealtimeEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = await db.query<{ id: number }>(
    `INSERT INTO events (topic, type, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
     RETURNING id::float8 AS id`,
    [events.map((e) => e.topic), events.map((e) => e.type), events.map((e) => JSON.stringify(e))],
  );
  if (rows.length !== events.length) throw new Error(`INSERT … RETURNING gave ${rows.length} rows for ${events.length} events`);
  const ids = rows.map((row) => row.id).sort((a, b) => a - b);
  return events.map((event, i) => ({ id: ids[i]!, event }));
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

/**
 * Rewrites every logged `comment.created` and `comment.updated` of this
 * comment to show `record`, its view as every reader sees it now. Run in the
 * transaction that edits, hides, restores or deletes the comment, so no
 * replay (`Last-Event-ID`, `GET /events/poll`), on any instance, hands out
 * words or an author the thread no longer shows. The events stay, so the
 * history a client follows keeps its shape. Returns the id of the first
 * event revised (null when the log no longer holds any): events about the
 * comment elsewhere (its activity) were logged after it.
 */
export async function reviseCommentEvents(tx: Queryable, topic: string, record: CommentRecord): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(
    `UPDATE events SET payload = jsonb_set(payload, '{comment}', $3::jsonb)
     WHERE topic = $1 AND type IN ('comment.created', 'comment.updated') AND payload->'comment'->>'id' = $2
     RETURNING id::float8 AS id`,
    [topic, record.id, JSON.stringify(record)],
  );
  return rows.length === 0 ? null : Math.min(...rows.map((row) => row.id));
}

/**
 * Whether more than `max` events on `topics` lie between `afterId` and
 * `upTo`: counted from the (topic, id) index without reading a payload, so a
 * reader far behind is told to reload for the price of an index scan.
 */
export async function moreEventsThan(db: Queryable, afterId: number, upTo: number, topics: readonly string[], max: number): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM events WHERE id > $1 AND id <= $2 AND topic = ANY($3::text[]) LIMIT $4
     ) AS due`,
    [afterId, upTo, topics, max + 1],
  );
  return (row?.n ?? 0) > max;
}

/**
 * Keeps the log bounded: events older than `before` (null: no age limit)
 * and all but the newest `maxRows` go, except from the first new comment or
 * status post the fan-out worker has not finished on (decision 213): that
 * one and everything after it stay, so an audience of any size is told
 * however long its steps take, and the log stays one piece (a client
 * resuming inside it is replayed to, before it reloads). A client away
 * longer reloads instead of replaying. Returns how many went.
 */
export async function pruneEvents(db: Queryable, before: Date | null, maxRows: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM events
     WHERE (($1::timestamptz IS NOT NULL AND created_at < $1::timestamptz)
        OR id <= (SELECT max(id) FROM events) - $2)
       AND id < coalesce(${FAN_OUT_PENDING}, (SELECT max(id) FROM events) + 1)
     RETURNING 1`,
    [before, maxRows],
  );
  return rows.length;
}

/**
 * The log itself, every topic, oldest first: what the event bus tails to
 * deliver events, whoever wrote them. `upTo` bounds it from above.
 */
export async function eventLog(db: Queryable, afterId: number, upTo: number | null, limit: number): Promise<StoredEvent[]> {
  const rows = await db.query<{ id: number; payload: RealtimeEvent }>(
    `SELECT id::float8 AS id, payload FROM events
     WHERE id > $1 AND ($2::bigint IS NULL OR id <= $2) ORDER BY id LIMIT $3`,
    [afterId, upTo, limit],
  );
  return rows.map((row) => ({ id: row.id, event: row.payload }));
}

/** A write whose recipients the fan-out worker finds after commit (server/projections/fan-out.ts). */
export interface FanOutSource {
  /** The event's id in the log. */
  id: number;
  kind: 'comment' | 'status';
  /** The comment's or the status post's id. */
  sourceId: string;
}

/**
 * Whether an event is one the fan-out worker tells an audience of: a new
 * comment, or a status post, which is logged on several feed topics and
 * counts once, on its author's own.
 */
const FAN_OUT_SOURCE = `(type = 'comment.created'
  OR (type = 'activity.created' AND payload->'activity'->>'kind' = 'status' AND topic = 'activities:user:' || (payload->>'actor')))`;

/**
 * The id of the first source the fan-out worker has still to finish: after
 * its cursor (table fan_out_cursor), or the cursor's own when it stopped
 * halfway through its recipients. Null when it is done with every one.
 */
const FAN_OUT_PENDING = `(SELECT min(id) FROM events, fan_out_cursor c
  WHERE (id > c.event_id OR (id = c.event_id AND c.after_recipient IS NOT NULL)) AND ${FAN_OUT_SOURCE})`;

/**
 * The new comments and status posts logged after `afterId`, up to `upTo`
 * (the bus's watermark: no id below it can still appear), oldest first.
 */
export async function fanOutSources(db: Queryable, afterId: number, upTo: number, limit: number): Promise<FanOutSource[]> {
  return db.query<FanOutSource>(
    `SELECT id::float8 AS id, CASE type WHEN 'comment.created' THEN 'comment' ELSE 'status' END AS kind,
       CASE type WHEN 'comment.created' THEN payload->'comment'->>'id' ELSE payload->'activity'->>'id' END AS "sourceId"
     FROM events
     WHERE id > $1 AND id <= $2 AND ${FAN_OUT_SOURCE}
     ORDER BY id LIMIT $3`,
    [afterId, upTo, limit],
  );
}

/** The oldest id still in the log (pruning removes the rest), or null when it is empty. */
export async function firstEventId(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ id: number | null }>('SELECT min(id)::float8 AS id FROM events');
  return row?.id ?? null;
}

export async function lastEventId(db: Queryable): Promise<number> {
  const [row] = await db.query<{ id: number }>('SELECT coalesce(max(id), 0)::float8 AS id FROM events');
  return row?.id ?? 0;
}

/**
 * PostgreSQL: the transactions (other than this session's) that may be
 * writing to the log right now. Inserting takes a RowExclusiveLock on the
 * table before the id is drawn from the sequence and keeps it until commit
 * or rollback, so any transaction that holds an id not yet visible is here.
 */
export async function eventLogWriters(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ vxid: string }>(
    `SELECT DISTINCT virtualtransaction AS vxid FROM pg_locks
     WHERE locktype = 'relation' AND mode = 'RowExclusiveLock' AND relation = 'events'::regclass
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND pid IS DISTINCT FROM pg_backend_pid()`,
  );
  return rows.map((row) => row.vxid);
}

/** PostgreSQL: tells every instance, at commit, that the log has grown up to `id`. */
export async function notifyEventLog(tx: Queryable, channel: string, id: number): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [channel, String(id)]);
}

/** The id just before the first event of the last `seconds` (the end of the log if none): where a look back that long starts. */
export async function eventIdBefore(db: Queryable, seconds: number): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `SELECT coalesce(
       (SELECT id - 1 FROM events WHERE created_at >= now() - make_interval(secs => $1) ORDER BY created_at, id LIMIT 1),
       (SELECT max(id) FROM events),
       0)::float8 AS id`,
    [seconds],
  );
  return row?.id ?? 0;
}

/**
 * A comment was edited: its logged `activity.created` and `activity.updated` events (on `topics`,
 * its author's feed topics) take the new words, so a replay never shows the
 * words the edit replaced. Such an event was logged after the comment's own
 * `comment.created` on `threadTopic`, whose id (found on that short topic
 * first) saves reading the feed's log from its start.
 */
export async function reviseActivityEvents(
  tx: Queryable,
  topics: readonly string[],
  threadTopic: string,
  comment: { id: string; text: string; html: string; mentions: readonly string[] },
): Promise<void> {
  await tx.query(
    `UPDATE events
     SET payload = jsonb_set(jsonb_set(jsonb_set(payload, '{activity,text}', to_jsonb($3::text)), '{activity,html}', to_jsonb($6::text)),
       '{activity,mentions}', to_jsonb($4::text[]))
     WHERE topic = ANY($1::text[]) AND type IN ('activity.created', 'activity.updated')
       AND id > coalesce((SELECT min(c.id) FROM events c
                          WHERE c.topic = $5 AND c.type = 'comment.created' AND c.payload->'comment'->>'id' = $2), 0)
       AND payload->'activity'->>'kind' = 'comment' AND payload->'activity'->>'commentId' = $2`,
    [topics, comment.id, comment.text, comment.mentions, threadTopic, comment.html],
  );
}

/** A status post's text changed behind its author (erasure relabelled a mention): its logged `activity.created` and `activity.updated` events take the new words. */
export async function reviseStatusPostEvents(tx: Queryable, id: string, post: { text: string; html: string; mentions: readonly string[] }): Promise<void> {
  await tx.query(
    `UPDATE events SET payload = jsonb_set(jsonb_set(jsonb_set(payload, '{activity,text}', to_jsonb($2::text)),
       '{activity,html}', to_jsonb($3::text)), '{activity,mentions}', to_jsonb($4::text[]))
     WHERE type IN ('activity.created', 'activity.updated') AND payload->'activity'->>'id' = $1`,
    [id, post.text, post.html, post.mentions],
  );
}

/** Drops the logged `activity.created` and `activity.updated` events of these activities (on `topics`): a replay shows what is, not what was undone. */
export async function dropActivityEvents(tx: Queryable, topics: readonly string[], activityIds: readonly string[]): Promise<void> {
  await tx.query(
    `DELETE FROM events WHERE topic = ANY($1::text[]) AND type IN ('activity.created', 'activity.updated') AND payload->'activity'->>'id' = ANY($2::text[])`,
    [topics, activityIds],
  );
}

/**
 * Erasure: every event `personId` caused, that named them, or that was on
 * one of their own topics (`ownTopics`: their feed, their notifications)
 * leaves the log, so no replay brings them back.
 */
export async function eraseFromLog(tx: Queryable, personId: string, ownTopics: readonly string[]): Promise<void> {
  await tx.query(
    `DELETE FROM events WHERE payload->>'actor' = $1 OR payload->>'person' = $1 OR payload->'comment'->'author'->>'id' = $1
       OR payload->'activity'->'subject'->>'id' = $1 OR payload->'notification'->'actors' @> jsonb_build_array(jsonb_build_object('id', $1::text))
       OR topic = ANY ($2::text[])`,
    [personId, ownTopics],
  );
}

/*
 * Fragments for reads that must see the log and other tables in one
 * statement (one snapshot): the log's SQL still lives here, the statement
 * that embeds it elsewhere.
 */

/**
 * A JSON array of the follow changes `actor` made after `after` (both SQL
 * expressions; null `after`: none), oldest first, as `{ person, active }`.
 */
export function followChangesJson(actor: string, after: string): string {
  return `coalesce((SELECT json_agg(json_build_object('person', payload->>'person', 'active', (payload->>'active')::boolean) ORDER BY id)
    FROM events WHERE ${after}::bigint IS NOT NULL AND id > ${after}::bigint AND type = 'follow.changed' AND payload->>'actor' = ${actor}), '[]'::json)`;
}

/**
 * Whether an event after `after` is on `topic` or on a comment-reaction
 * topic (`prefix` + a comment id) of a comment in `thread` (SQL expressions).
 */
export function threadEventsAfter(after: string, topic: string, prefix: string, thread: string): string {
  return `EXISTS (
    SELECT 1 FROM events e WHERE e.id > ${after}::bigint AND (e.topic = ${topic}
      OR (starts_with(e.topic, ${prefix}) AND EXISTS (SELECT 1 FROM comments c WHERE c.id = substr(e.topic, length(${prefix}) + 1) AND c.thread_key = ${thread})))
  )`;
}
