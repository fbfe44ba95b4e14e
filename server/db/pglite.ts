import { Worker } from 'node:worker_threads';
import type { Database, Transaction } from './types.ts';
import type { Logger } from '../log.ts';
import { GroupCommit } from './group-commit.ts';
import { lockDataDir } from './lock.ts';
import { migratedCopyName } from './migrations-fingerprint.ts';
import { receiveError, type Reply, type Request } from './pglite-messages.ts';

const THREAD = Symbol('PGlite thread');

export interface PgliteOptions {
  /**
   * Make every commit reach the disk (fsync), not only the operating system:
   * then a write survives a power cut too, not only `kill -9` of Plaza.
   * Default true. Ignored for `memory://`.
   */
  fsync?: boolean;
  logger?: Logger;
  /**
   * In memory: start from a cached copy of the database with every migration
   * applied, when there is one for today's migration files; otherwise the
   * database offers `keepMigratedCopy` to make it once migrated (decision 227).
   */
  startMigrated?: boolean;
}

/**
 * Opens the embedded database. `memory://` keeps everything in RAM (tests);
 * anything else is a data folder, locked against a second process.
 *
 * PGlite runs in a worker thread of its own (server/db/pglite-worker.ts,
 * decision 93): its statements no longer hold up the HTTP server.
 *
 * Durability: PGlite's PostgreSQL writes its WAL with write() before a commit
 * returns, so an acknowledged write is in the operating system's hands and
 * survives the Plaza process being killed. PGlite starts PostgreSQL with
 * fsync off, and its file system layer ignores fsync calls; with `fsync`
 * (the default) Plaza turns both on, so commits also survive a crash of the
 * machine.
 *
 * A fresh database starts from a cached copy of an initialised one
 * (`node_modules/.cache/plaza`, made by the first in-memory start, i.e. by
 * the tests) instead of running initdb, which takes 5–8 s. PGlite itself
 * runs initdb in memory and copies the result into the folder the same way.
 */
export async function openPglite(dataDir: string, options: PgliteOptions = {}): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const releaseLock = inMemory ? async () => {} : await lockDataDir(dataDir);
  const migratedCopy = inMemory && options.startMigrated ? migratedCopyName() : undefined;
  let pg: PgliteThread;
  let migrated: boolean;
  try {
    pg = new PgliteThread(options.logger);
    migrated = (await pg.call({ op: 'open', dataDir, fsync: options.fsync !== false, migratedCopy }).catch(async (error: unknown) => {
      await pg.stop();
      throw error;
    })) as boolean;
  } catch (error) {
    await releaseLock();
    throw error;
  }
  // Writers queue first come, first served, and share commits (decision 64).
  const writes = new GroupCommit((work) => pg.transaction(work));
  let closed = false;
  return {
    engine: 'pglite',
    [THREAD]: pg,
    query: (sql, params) => pg.query(sql, params),
    transaction: (work) => writes.transaction(work),
    keepMigratedCopy:
      migratedCopy && !migrated
        ? () => pg.call({ op: 'keep-migrated', name: migratedCopy }).then(
            () => undefined,
            (error: unknown) => options.logger?.warn(`PGlite: could not cache the migrated database (${String(error)}).`),
          )
        : undefined,
    async close() {
      if (!closed) {
        closed = true;
        await pg.call({ op: 'close' }).finally(() => pg.stop());
      }
      await releaseLock();
    },
  } as Database;
}

/** How many fsyncs PGlite's thread has made (tests: commits share them). */
export function pgliteFsyncs(db: Database): Promise<number> {
  const thread = (db as { [THREAD]?: PgliteThread })[THREAD];
  if (!thread) throw new Error('Not a PGlite database.');
  return thread.call({ op: 'fsyncs' }) as Promise<number>;
}

type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The main thread's end of PGlite's worker: each call is a message, answered once. */
class PgliteThread {
  private readonly worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url));
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  private nextId = 1;
  private stopped: Error | undefined;

  constructor(private readonly logger: Logger | undefined) {
    this.worker.on('message', (reply: Reply) => {
      if ('log' in reply) return this.logger?.warn(reply.message);
      const caller = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) caller?.resolve(reply.value);
      else caller?.reject(receiveError(reply.error));
    });
    // A thread that dies takes PGlite with it: like a stopped WebAssembly instance, the storage guard treats that as fatal.
    const die = (reason: string) => {
      this.stopped ??= new WebAssembly.RuntimeError(`PGlite stopped: ${reason}`);
      for (const caller of this.waiting.values()) caller.reject(this.stopped);
      this.waiting.clear();
    };
    this.worker.on('error', (error) => {
      this.logger?.error(`PGlite's thread failed: ${error.stack ?? String(error)}`);
      die(error.message);
    });
    this.worker.on('exit', (code) => die(`its thread ended (exit code ${code})`));
  }

  call(ask: Ask): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...ask, id } as Request);
    });
  }

  async query<Row>(sql: string, params: readonly unknown[] = [], tx?: number): Promise<Row[]> {
    return (await this.call({ op: 'query', sql, params: [...params], tx })) as Row[];
  }

  /** As PGlite's own `transaction`: commits when `work` resolves, rolls back when it throws. */
  async transaction(work: (tx: Transaction) => Promise<void>): Promise<void> {
    const id = (await this.call({ op: 'begin' })) as number;
    try {
      await work({
        query: (sql, params) => this.query(sql, params, id),
        exec: async (sql) => void (await this.call({ op: 'exec', sql, tx: id })),
      });
    } catch (error) {
      await this.call({ op: 'end', tx: id, commit: false });
      throw error;
    }
    await this.call({ op: 'end', tx: id, commit: true });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
