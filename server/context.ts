import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PlazaOptions } from './config.ts';
import type { Database } from './db.ts';
import type { SetNotificationChannel } from './delivery/preferences-port.ts';
import type { EventBus } from './events/bus.ts';
import type { StreamRegistry } from './events/stream-registry.ts';
import type { StreamSlots } from './events/stream-slots.ts';
import type { RateLimiters } from './middleware/rate-limiters.ts';
import type { SessionUser } from './store/sessions.ts';
import type { ThreadCache } from './store/thread-cache.ts';

/** The running server's foundations: what `createServices` builds the rest from. */
export interface CoreServices {
  db: Database;
  bus: EventBus;
  options: PlazaOptions;
  /** What the unsubscribe link needs (start.ts); absent where no server runs (the OpenAPI document). */
  delivery?: DeliveryServices;
}

/** The signing key of unsubscribe links and the preferences they change (server/delivery/). */
export interface DeliveryServices {
  secret: string;
  setNotificationChannel: SetNotificationChannel;
}

/**
 * What routes need from the running server, passed in rather than imported,
 * so tests and tools can build their own. Everything that keeps state
 * between requests is here, built once by `createServices` (start.ts): no
 * module keeps a cache, a limiter or a registry of its own.
 */
export interface Services extends CoreServices {
  /** Built thread pages, kept fresh by the bus (store/thread-cache.ts). */
  threadCache: ThreadCache;
  rateLimiters: RateLimiters;
  /** Open event streams: places per address, person and in total, and their topics across instances. */
  streamSlots: StreamSlots;
  streamRegistry: StreamRegistry;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    /** Null when nobody is signed in. */
    user: SessionUser | null;
    /** The raw session cookie, so sign-out can delete exactly that session. */
    sessionToken: string | null;
  };
}

/** The `/api/v1` router every routes file registers on. */
export type Api = OpenAPIHono<AppEnv>;
