import type { MiddlewareHandler } from 'hono';
import type { EventBus } from './realtime.ts';

/** The response header naming where the event log stood when a read began. */
export const EVENT_POSITION_HEADER = 'Plaza-Event-Id';

/**
 * Tags every read with the event id it is at least as new as. A page reads
 * its data first and opens its event stream afterwards; the client starts the
 * stream from the oldest such id, so a change made between the read and the
 * stream is replayed instead of lost. Read before the handler runs, so the
 * data is never older than the id claims.
 */
export function eventPosition(bus: EventBus): MiddlewareHandler {
  return async (c, next) => {
    const position = c.req.method === 'GET' ? String(bus.watermark) : null;
    await next();
    if (position !== null && c.res.ok) c.res.headers.set(EVENT_POSITION_HEADER, position);
  };
}
