import { statSync, type Stats } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, StorageHealth, StorageWatch, Transaction } from './types.ts';
import type { Logger } from '../log.ts';
import { dataDirNotWritable, LOCK_FILE } from './lock.ts';

export type { StorageHealth, StorageWatch } from './types.ts';

/** Thrown instead of running (or acknowledging) a write while storage is not `ok`; answered as 503 with `Retry-After`. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** How often the folder's identity is checked without writes, and a failing folder probed. */
const CHECK_MS = 2000;
/** Clients may retry a refused write this much later: a probe will have run. */
const RETRY_FAILING_S = 5;
/** Until an operator restarts Plaza: a minute is as good a guess as any. */
const RETRY_LOST_S = 60;
/** Why a vanished or replaced folder or lock means a restart. */
const CONSEQUENCE = {
  'data folder': "PGlite's files went with it, so nothing written now could be kept.",
  'lock file': 'another server could open the folder too, which would corrupt it.',
};
/**
 * Statements outside a transaction that may write; others are reads, which pass
 * unchecked (no stat). Not WITH: the thread page is one, and writing CTEs run
 * inside transactions, which are always checked.
 */
const MAY_WRITE = /^\s*(insert|update|delete|create|alter|drop|truncate|analyze|vacuum)\b/i;

/**
 * Wraps PGlite on a data folder so that no write is acknowledged that is not
 * kept. PGlite keeps its files open: with the folder deleted, commits still
 * "succeed" into unlinked files and vanish at shutdown; with the folder made
 * read-only, the first write that needs a new file fails. So: every write
 * checks the folder's identity (device and inode of the folder and of the
 * lock file) before it is acknowledged, errors that name PostgreSQL's files
 * turn the state to `failing` (or `lost`), and while not `ok` writes are
 * refused with {@link StorageUnavailableError}. A timer repeats the identity
 * check and, while `failing`, probes the folder for writability.
 */
export function guardStorage(db: Database, dataDir: string, logger: Logger): Database {
  const guard = new StorageGuard(dataDir, logger);
  const explain = (error: unknown): never => {
    throw guard.explain(error);
  };
  const acknowledge = <T>(result: T): T => {
    guard.verify();
    // Only a lost folder undoes a commit (it went into unlinked files). Another write failing
    // meanwhile (`failing`: the fan-out worker, a concurrent request) did not: PostgreSQL errs on
    // the write it cannot keep, so a commit that returned is kept and must be acknowledged.
    guard.assertNotLost();
    return result;
  };
  // async: a refusal is a rejected promise, never an exception thrown at the caller.
  const write = async <T>(run: () => Promise<T>): Promise<T> => {
    guard.assertWritable();
    return run().then(acknowledge, explain);
  };
  // Inherits everything else (engine, and whatever the PGlite database grows) from `db` itself.
  return Object.assign(Object.create(db) as Database, {
    storage: guard,
    query<Row>(sql: string, params?: readonly unknown[]) {
      if (!MAY_WRITE.test(sql)) return db.query<Row>(sql, params).catch(explain);
      return write(() => db.query<Row>(sql, params));
    },
    transaction<T>(work: (tx: Transaction) => Promise<T>) {
      return write(() => db.transaction(work));
    },
    async close() {
      guard.stop();
      await db.close();
    },
  } satisfies Partial<Database>);
}

/**
 * Checked at start, before PGlite opens the folder: PGlite writes into the
 * folder and its subfolders, and fails with a stack trace deep in WebAssembly
 * when it cannot. Throws {@link DataDirNotWritableError} with one clear line.
 */
export async function assertDataDirWritable(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw dataDirNotWritable(dataDir, error);
  }
  const failed = await probe(dataDir);
  if (failed) throw dataDirNotWritable(dataDir, failed.error, failed.where);
}

class StorageGuard implements StorageWatch {
  private state: StorageHealth = { status: 'ok', restartRequired: false };
  private readonly folder: Stats;
  private readonly lock: Stats;
  private readonly lockFile: string;
  private readonly timer: NodeJS.Timeout;
  private probing = false;

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.lockFile = join(dataDir, LOCK_FILE);
    this.folder = statSync(dataDir);
    this.lock = statSync(this.lockFile);
    this.timer = setInterval(() => void this.tick(), CHECK_MS).unref();
  }

  health(): StorageHealth {
    return { ...this.state };
  }

  verify(): void {
    if (this.state.status === 'lost') return;
    for (const [path, seen, what] of [
      [this.dataDir, this.folder, 'data folder'],
      [this.lockFile, this.lock, 'lock file'],
    ] as const) {
      let now: Stats;
      try {
        now = statSync(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return this.lose(`The ${what} was removed while Plaza was running: ${CONSEQUENCE[what]}`, path);
        return this.fail(`The data folder cannot be checked (${code ?? String(error)})`);
      }
      if (now.dev !== seen.dev || now.ino !== seen.ino) {
        return this.lose(`The ${what} was replaced by another while Plaza was running: ${CONSEQUENCE[what]}`, path);
      }
    }
  }

  assertNotLost(): void {
    if (this.state.status === 'lost') {
      throw new StorageUnavailableError('Plaza cannot save changes: its storage is gone. Nothing can be saved until an administrator restarts Plaza.', RETRY_LOST_S);
    }
  }

  assertWritable(): void {
    if (this.state.status === 'ok') return;
    this.assertNotLost();
    throw new StorageUnavailableError('Plaza cannot save changes right now: its storage is failing. Please try again in a few seconds.', RETRY_FAILING_S);
  }

  /** An error from the database, as the caller should see it: storage errors become {@link StorageUnavailableError}. */
  explain(error: unknown): unknown {
    if (error instanceof StorageUnavailableError) return error;
    const trouble = storageTrouble(error);
    if (trouble === 'fatal') this.lose(`PGlite stopped after a storage error (${(error as Error).message}).`);
    else if (trouble === 'failing') this.fail(`The data folder is not writable: ${(error as Error).message}`);
    // Other errors are the request's own, except once the storage is lost: then that is why.
    else if (this.state.status !== 'lost') return error;
    // A deleted folder shows first as an error about a file: say what really happened.
    this.verify();
    try {
      this.assertWritable();
    } catch (refusal) {
      (refusal as Error).cause = error;
      return refusal;
    }
    return error;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private fail(reason: string): void {
    if (this.state.status !== 'ok') return;
    this.state = { status: 'failing', reason, since: new Date().toISOString(), restartRequired: false };
    this.logger.error(`Storage: ${this.dataDir}: ${reason}. Plaza refuses writes (503) and checks every ${CHECK_MS / 1000} s whether it can write there again.`);
  }

  /** `reason` without paths: /healthz shows it to anyone who asks; the log names `path`. */
  private lose(reason: string, path = this.dataDir): void {
    if (this.state.status === 'lost') return;
    this.state = { status: 'lost', reason: `${reason} Restart Plaza.`, since: new Date().toISOString(), restartRequired: true };
    this.logger.error(
      `Storage: ${path}: ${reason} Plaza refuses every write (503) until it is restarted: restore the data folder ` +
        `${this.dataDir} (or its backup) and restart Plaza.`,
    );
  }

  private async tick(): Promise<void> {
    this.verify();
    if (this.state.status !== 'failing' || this.probing) return;
    this.probing = true;
    try {
      if (await probe(this.dataDir)) return;
      this.verify();
      if (this.state.status !== 'failing') return;
      this.state = { status: 'ok', restartRequired: false };
      this.logger.info(`Storage: the data folder ${this.dataDir} is writable again; Plaza accepts writes.`);
    } finally {
      this.probing = false;
    }
  }
}

/**
 * Writes, then removes, a small file in the folder and in the subfolders
 * where PostgreSQL creates files while it runs (the WAL, the commit log, the
 * shared catalogs, each database's folder). Other subfolders are left alone:
 * PostgreSQL lists some of them (`pg_tblspc`) and would trip over a stranger.
 * The name counts as part of the lock (`plaza.lock.*`), so a leftover never
 * makes a fresh folder look used. Resolves to the first failure.
 */
async function probe(dataDir: string): Promise<{ where: string; error: unknown } | undefined> {
  const name = `${LOCK_FILE}.probe-${process.pid}`;
  const databases = await readdir(join(dataDir, 'base')).catch(() => []);
  const folders = [dataDir, ...[...WRITTEN_FOLDERS, ...databases.map((db) => join('base', db))].map((folder) => join(dataDir, folder))];
  for (const folder of folders) {
    const file = join(folder, name);
    try {
      await writeFile(file, 'probe');
      await rm(file, { force: true });
    } catch (error) {
      // A folder PGlite has not made (yet) is not a failure.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && folder !== dataDir) continue;
      return { where: folder, error };
    }
  }
  return undefined;
}

const WRITTEN_FOLDERS = ['pg_wal', 'pg_xact', 'global'];

/**
 * Whether an error from PGlite is about its storage: PostgreSQL reports file
 * trouble as "could not <verb> file|directory …" with an errcode_for_file_access()
 * code (42501 for EACCES, 53100 disk full, 58xxx I/O). `fatal`: PGlite's
 * WebAssembly instance itself stopped (a PANIC, e.g. after a failed WAL write).
 */
function storageTrouble(error: unknown): 'failing' | 'fatal' | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof WebAssembly.RuntimeError || /\bAborted\(/.test(error.message)) return 'fatal';
  const { severity, code } = error as { severity?: string; code?: string };
  if (severity === undefined) return undefined;
  if (severity === 'PANIC' || severity === 'FATAL') return 'fatal';
  if (/^could not \w+( to| from)? (file|directory)\b/.test(error.message)) return 'failing';
  if (code === '53100' || code?.startsWith('58')) return 'failing';
  return undefined;
}
