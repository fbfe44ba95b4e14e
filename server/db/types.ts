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
  /**
   * PGlite in memory, opened with `startMigrated` but not from a cached copy:
   * call once the migrations have run, to cache the database for later starts
   * (never fails; a copy that cannot be written is logged).
   */
  keepMigratedCopy?(): Promise<void>;
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

/**
 * What the data folder's storage is doing. `failing`: a write failed for a
 * reason the file system may fix (permissions, a full disk); writes are
 * refused until a probe can write to the folder again. `lost`: the folder (or
 * its lock) was removed or replaced, or PGlite stopped; PGlite's files are
 * gone from under it, so writes are refused until Plaza is restarted.
 */
export interface StorageHealth {
  status: 'ok' | 'failing' | 'lost';
  /** For the operator: what happened and what to do. */
  reason?: string;
  since?: string;
  restartRequired: boolean;
}

/** What the HTTP layer sees of a guarded database (`Database.storage`). */
export interface StorageWatch {
  /** Looks at the folder now (two stat calls); a vanished or replaced folder turns the state to `lost`. */
  verify(): void;
  health(): StorageHealth;
}
