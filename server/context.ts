import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PlazaOptions } from './config.ts';
import type { Database } from './db.ts';
import type { EventBus } from './events/bus.ts';
import type { SessionUser } from './store/sessions.ts';

/** What routes need from the running server, passed in rather than imported, so tests and tools can build their own. */
export interface Services {
  db: Database;
  bus: EventBus;
  options: PlazaOptions;
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
