import pg from 'pg';
import type { Database, Transaction } from './types.ts';
import type { Logger } from '../log.ts';

export interface PostgresOptions {
  /** Most pooled connections (default 10); LISTEN uses one more. */
  poolSize?: number;
  logger: Logger;
}

/** Oldest server the SQL runs on: `normalize()` (people search) came with 13. */
const MIN_SERVER_VERSION = 130_000;
const CONNECT_TIMEOUT_MS = 10_000;
/** A transaction left open by a bug must not hold locks (and stall realtime delivery) forever. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
const RECONNECT_MS = { first: 500, max: 10_000 };

/**
 * A PostgreSQL server through a `pg` Pool, behind the same interface as
 * PGlite: the same SQL, the same row types. Several Plaza instances may share
 * the database; `listen` lets them tell each other about new events.
 */
export async function openPostgres(url: string, options: PostgresOptions): Promise<Database> {
  const { logger } = options;
  const settings: pg.PoolConfig = {
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'plaza',
    types: PGLITE_COMPATIBLE_TYPES,
  };
  const pool = new pg.Pool(settings);
  // An idle connection that dies (server restart, network) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn(`PostgreSQL: an idle connection failed (${error.message}); it will be replaced.`));
  try {
    await checkServer(pool, url);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const listeners = new Set<() => Promise<void>>();
  return {
    engine: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, [...params])).rows as Row[];
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A connection that dies while this transaction holds it fails its query, and also emits 'error',
      // which would crash the process without a listener (the pool listens only while it is idle).
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work({
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            return (await client.query(sql, [...params])).rows as Row[];
          },
          async exec(sql: string) {
            // Without parameters pg uses the simple protocol, which runs several statements.
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is closed rather than reused.
        client.off('error', onError);
        client.release(broken);
      }
    },
    async listen(channel, onNotify) {
      const stop = await listenOn(settings, channel, onNotify, logger);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** PostgreSQL cannot be used: unreachable, too old, or not UTF8. The message says which and what to do. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Fails at startup, with a clear message, rather than at the first request. */
async function checkServer(pool: pg.Pool, url: string): Promise<void> {
  let row: { version: number; encoding: string } | undefined;
  try {
    ({
      rows: [row],
    } = await pool.query<{ version: number; encoding: string }>(
      `SELECT current_setting('server_version_num')::int AS version, pg_encoding_to_char(encoding) AS encoding
       FROM pg_database WHERE datname = current_database()`,
    ));
  } catch (error) {
    throw new DatabaseUnavailableError(`Cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}`, { cause: error });
  }
  if (!row || row.version < MIN_SERVER_VERSION) {
    throw new DatabaseUnavailableError(`Plaza needs PostgreSQL 13 or later; ${redact(url)} runs ${row?.version ?? 'an unknown version'}.`);
  }
  if (row.encoding !== 'UTF8') {
    throw new DatabaseUnavailableError(`The database at ${redact(url)} uses ${row.encoding}; Plaza needs UTF8 (createdb -E UTF8 -T template0 …).`);
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/**
 * One connection outside the pool that LISTENs on `channel`, reconnecting
 * with backoff when it drops. Every (re)connect reports `null`, so the caller
 * catches up on what was sent while nobody listened.
 */
async function listenOn(
  settings: pg.PoolConfig,
  channel: string,
  onNotify: (payload: string | null) => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = RECONNECT_MS.first;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(settings);
    client = next;
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    next.on('error', (error) => {
      logger.warn(`PostgreSQL: the LISTEN connection failed (${error.message}); reconnecting.`);
      retry(next);
    });
    next.on('end', () => retry(next));
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    delay = RECONNECT_MS.first;
    onNotify(null);
  };
  const retry = (failed: pg.Client) => {
    if (stopped || client !== failed || timer) return;
    client = undefined;
    failed.end().catch(() => {});
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: Error) => {
        logger.warn(`PostgreSQL: could not LISTEN again (${error.message}); retrying in ${delay / 1000} s.`);
        if (client) retry(client);
      });
    }, delay);
    delay = Math.min(delay * 2, RECONNECT_MS.max);
  };

  try {
    await connect();
  } catch (error) {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
    throw error;
  }
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}

/**
 * pg's defaults differ from PGlite's in a few types; these make both return
 * the same: int8 as a number while it is exact (a bigint beyond), dates as
 * UTC midnight, intervals as their text.
 */
const PGLITE_COMPATIBLE_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const own = OWN_PARSERS[oid];
    return own && format !== 'binary' ? own : pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;
const INTERVAL = 1186;

function parseInt8(value: string): number | bigint {
  const big = BigInt(value);
  return big < BigInt(Number.MIN_SAFE_INTEGER) || big > BigInt(Number.MAX_SAFE_INTEGER) ? big : Number(big);
}

const OWN_PARSERS: Record<number, (value: string) => unknown> = {
  [INT8]: parseInt8,
  // pg's own int8[] parser yields strings.
  [INT8_ARRAY]: (value) => (pg.types.getTypeParser(INT8_ARRAY as unknown as Parameters<typeof pg.types.getTypeParser>[0], 'text')(value) as Array<string | null>).map((v) => (v === null ? null : parseInt8(v))),
  [DATE]: (value) => (value === 'infinity' ? Infinity : value === '-infinity' ? -Infinity : new Date(value)),
  [INTERVAL]: (value) => value,
};
