import type { Handler } from 'hono';
import type { Services } from './context.ts';

/** A database that does not answer `SELECT 1` within this long counts as down. */
const TIMEOUT_MS = 2000;

/**
 * `GET /healthz` for load balancers and monitoring: 200 `{"status":"ok"}`
 * when this instance can reach its database and (PGlite) its data folder can
 * keep what is written, 503 otherwise, with `storage.reason` and
 * `storage.restartRequired` when the folder is the trouble. Outside `/api`
 * on purpose: no session, no CORS, not part of the protocol.
 */
export function healthCheck({ db, options }: Services): Handler {
  return async (c) => {
    c.header('Cache-Control', 'no-store');
    db.storage?.verify();
    const storage = db.storage?.health();
    if (storage && storage.status !== 'ok') return c.json({ status: 'unavailable', database: db.engine, storage }, 503);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        }),
      ]);
      return c.json({ status: 'ok', database: db.engine });
    } catch (error) {
      options.logger.warn(`Health check: the database is not answering (${(error as Error).message}).`);
      return c.json({ status: 'unavailable', database: db.engine }, 503);
    } finally {
      clearTimeout(timer);
    }
  };
}
