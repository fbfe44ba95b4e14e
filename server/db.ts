import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * The narrow database interface every store uses. It is what PGlite and a
 * `pg` Pool have in common (parameterised `$1` SQL, rows as objects), so the
 * PostgreSQL scale-out can swap the implementation without touching one query.
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
  /** Commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Flushes and releases the data folder; the process must not exit before it resolves. */
  close(): Promise<void>;
}

/** `memory://` keeps everything in RAM (tests); anything else is a data folder. */
export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const releaseLock = inMemory ? async () => {} : await lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir);
  } catch (error) {
    await releaseLock();
    throw error;
  }
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pg.query<Row>(sql, [...params])).rows;
    },
    transaction(work) {
      return pg.transaction((tx) =>
        work({
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<Row>(sql, [...params])).rows;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      if (!pg.closed) await pg.close();
      await releaseLock();
    },
  };
}

/** Thrown when another live process holds the data folder. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/**
 * PGlite does not notice a second process opening the same folder, and two
 * would corrupt it. A lock file with the holder's pid prevents that; a lock
 * left by a process that no longer runs (a crash, SIGKILL) is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockFile = resolve(dataDir, 'plaza.lock');
  if (heldHere.has(lockFile)) throw new DataDirInUseError(`The data folder ${dataDir} is already open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(lockFile);
      return async () => {
        heldHere.delete(lockFile);
        await rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      // Our own pid in the file is a leftover of an earlier process (containers reuse pids).
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new DataDirInUseError(
          `The data folder ${dataDir} is in use by process ${holder}. Stop that server first ` +
            `(or, if no Plaza server is running, delete ${lockFile}).`,
        );
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data folder ${dataDir}: another server is starting on it.`);
}

const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
