import type { Logger } from './log.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { assertDataDirWritable, guardStorage, type StorageWatch } from './db/storage-guard.ts';

export { DataDirInUseError, DataDirNotWritableError } from './db/lock.ts';
export { StorageUnavailableError } from './db/storage-guard.ts';
export { openPglite } from './db/pglite.ts';
export { DatabaseUnavailableError, openPostgres } from './db/postgres.ts';

/**
 * The narrow database interface every store uses. It is what PGlite and a
 * `pg` Pool have in common (parameterised `$1` SQL, rows as objects), so the
 * stores run unchanged on the embedded database and on a PostgreSQL server.
 * Both return the same JavaScript types for the same SQL types (int8 as a
 * number when it fits, timestamps and dates as Date, json as objects).
 */
export interface Queryable {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A connection inside a transaction; `exec` runs scripts (migrations). */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  /**
   * `pglite`: the embedded database, one process, transactions strictly one
   * after another. `postgres`: a server shared by any number of instances,
   * transactions concurrent.
   */
  readonly engine: 'pglite' | 'postgres';
  /** Commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: calls `onNotify` with the payload of every NOTIFY on
   * `channel`, from any session, and with `null` whenever the listening
   * connection was (re)established, since notifications may have been lost
   * while it was down. Resolves once listening; the result stops it.
   */
  listen?(channel: string, onNotify: (payload: string | null) => void): Promise<() => Promise<void>>;
  /** PGlite on a data folder: whether that folder can still keep what is written (`/healthz` reports it). */
  readonly storage?: StorageWatch;
  /** Flushes and releases the data folder or the pool; the process must not exit before it resolves. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PGlite's folder, or `memory://`; ignored when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://…`: use this PostgreSQL server instead of PGlite. */
  databaseUrl?: string;
  /** Most connections this process opens to PostgreSQL (plus one for LISTEN). */
  poolSize?: number;
  /** PGlite: fsync every commit (survives power loss, not only a crash of Plaza). */
  pgliteFsync?: boolean;
  logger: Logger;
}

/**
 * PGlite by default; a PostgreSQL server when a `databaseUrl` is given. A
 * PGlite data folder is checked for writability first and watched while it
 * runs (server/db/storage-guard.ts).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, { poolSize: options.poolSize, logger: options.logger });
  const pglite = (dataDir: string) => openPglite(dataDir, { fsync: options.pgliteFsync, logger: options.logger });
  if (options.dataDir.startsWith('memory://')) return pglite(options.dataDir);
  await assertDataDirWritable(options.dataDir);
  return guardStorage(await pglite(options.dataDir), options.dataDir, options.logger);
}
