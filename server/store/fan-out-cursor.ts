import type { Queryable } from '../db.ts';

/**
 * Where the fan-out worker (server/projections/fan-out.ts) stands in the
 * event log (table `fan_out_cursor`, migration 012): every event up to
 * `eventId` is done, except that with `afterRecipient` set the event
 * `eventId` itself is done only up to that recipient.
 */
export interface FanOutCursor {
  eventId: number;
  afterRecipient: string | null;
}

const NAME = 'notifications';

/**
 * Takes the cursor for this transaction: its row stays locked until commit or
 * rollback, and a connection that dies lets it go, so no lease can run out
 * under a worker that is only slow. Null when another instance holds it; that
 * one is at work and sees what this one would.
 */
export async function takeFanOutCursor(tx: Queryable): Promise<FanOutCursor | null> {
  const [row] = await tx.query<FanOutCursor>(
    `SELECT event_id::float8 AS "eventId", after_recipient AS "afterRecipient" FROM fan_out_cursor WHERE name = $1 FOR UPDATE SKIP LOCKED`,
    [NAME],
  );
  return row ?? null;
}

/** Moves the cursor taken in this transaction. */
export async function moveFanOutCursor(tx: Queryable, cursor: FanOutCursor): Promise<void> {
  await tx.query('UPDATE fan_out_cursor SET event_id = $2, after_recipient = $3 WHERE name = $1', [NAME, cursor.eventId, cursor.afterRecipient]);
}
