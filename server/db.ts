import type { Logger } from './log.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { assertDataDirWritable, guardStorage } from './db/storage-guard.ts';
import type { Database } from './db/types.ts';

export { DataDirInUseError, DataDirNotWritableError } from './db/lock.ts';
export { StorageUnavailableError } from './db/storage-guard.ts';
export { openPglite } from './db/pglite.ts';
export { DatabaseUnavailableError, openPostgres } from './db/postgres.ts';

export type { Database, Queryable, Transaction } from './db/types.ts';

export interface DatabaseOptions {
  /** PGlite's folder, or `memory://`; ignored when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://…`: use this PostgreSQL server instead of PGlite. */
  databaseUrl?: string;
  /** Most connections this process opens to PostgreSQL (plus one for LISTEN). */
  poolSize?: number;
  /** PGlite: fsync every commit (survives power loss, not only a crash of Plaza). */
  pgliteFsync?: boolean;
  /** In memory: start from a cached migrated copy (server/db/pglite.ts). */
  startMigrated?: boolean;
  logger: Logger;
}

/**
 * PGlite by default; a PostgreSQL server when a `databaseUrl` is given. A
 * PGlite data folder is checked for writability first and watched while it
 * runs (server/db/storage-guard.ts).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, { poolSize: options.poolSize, logger: options.logger });
  const pglite = (dataDir: string) => openPglite(dataDir, { fsync: options.pgliteFsync, logger: options.logger, startMigrated: options.startMigrated });
  if (options.dataDir.startsWith('memory://')) return pglite(options.dataDir);
  await assertDataDirWritable(options.dataDir);
  return guardStorage(await pglite(options.dataDir), options.dataDir, options.logger);
}
