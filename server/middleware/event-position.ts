import type { MiddlewareHandler } from 'hono';
import type { EventBus } from '../events/bus.ts';

/** The response header naming where the event log stood when a read began. */
export const EVENT_POSITION_HEADER = 'Plaza-Event-Id';

/**
 * Tags every read with the event id it is at least as new as. A page reads
 * its data first and opens its event stream afterwards; the client starts the
 * stream from the oldest such id, so a change made between the read and the
 * stream is replayed instead of lost. Read before the handler runs, so the
 * data is never older than the id claims. A 304 carries it too: it says the
 * reader's copy is as new as this read. Whoever sent `If-None-Match` needs
 * the position as much as for a 200, and a browser cache that turns the 304
 * into a 200 updates the stored headers from it (RFC 9111 §4.3.4), so the
 * client does not start from the stored copy's older position.
 */
export function eventPosition(bus: EventBus): MiddlewareHandler {
  return async (c, next) => {
    const position = c.req.method === 'GET' ? String(bus.watermark) : null;
    await next();
    if (position !== null && (c.res.ok || c.res.status === 304)) c.res.headers.set(EVENT_POSITION_HEADER, position);
  };
}
