import { fsyncSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { isLockFile } from './lock.ts';
import { forgetFailedCreates, type EmscriptenFsModule } from './pglite-failed-creates.ts';
import { readTemplate, saveTemplate, forgetTemplate } from './pglite-template.ts';

/**
 * Starting PGlite itself: the part of the embedded database that runs in its
 * worker thread (server/db/pglite-worker.ts). See openPglite for durability
 * and the cached initialised database.
 */
export interface EngineOptions {
  fsync: boolean;
  warn(message: string): void;
  /** In memory: start from this cached, migrated copy if there is one (decision 227). */
  migratedCopy?: string;
}

/** Counts the flushes PGlite's file system made (tests check that commits share them). */
export let fsyncCount = 0;

/** `migrated`: started from `options.migratedCopy`, so the migrations have nothing left to do. */
export async function createPglite(dataDir: string, options: EngineOptions): Promise<{ pg: PGlite; migrated: boolean }> {
  const inMemory = dataDir.startsWith('memory://');
  const copy = inMemory && options.migratedCopy ? await readTemplate(options.migratedCopy) : undefined;
  if (copy) {
    try {
      return { pg: await PGlite.create(dataDir, { relaxedDurability: false, loadDataDir: copy }), migrated: true };
    } catch (error) {
      options.warn(`PGlite: the cached migrated database did not load (${String(error)}); starting from the initialised one.`);
      await forgetTemplate(options.migratedCopy);
    }
  }
  return { pg: await createFresh(dataDir, inMemory, options), migrated: false };
}

async function createFresh(dataDir: string, inMemory: boolean, options: EngineOptions): Promise<PGlite> {
  const fresh = inMemory || (await isEmptyFolder(dataDir));
  const template = fresh ? await readTemplate() : undefined;
  const fsync = !inMemory && options.fsync;
  const open = (loadDataDir: Blob | undefined) => {
    const settings: PGliteOptions = { relaxedDurability: false, loadDataDir };
    if (inMemory) return PGlite.create(dataDir, settings);
    const fs = new SyncingNodeFS(dataDir, fsync);
    return PGlite.create({ ...settings, fs, startParams: fsync ? DURABLE_START_PARAMS : undefined }).then(async (pg) => {
      if (fsync && !(await fs.fsyncWorks(pg))) {
        options.warn(
          'PGlite: this PGlite version ignores fsync, so a commit reaches the operating system but maybe not the disk: ' +
            'writes survive a crash of Plaza, not necessarily of the machine.',
        );
      }
      return pg;
    });
  };

  if (!template) {
    const pg = await open(undefined);
    // The first in-memory start pays for initdb and leaves a copy, so later fresh starts need not. (Not
    // from a folder: its copy would hold the folder's lock file.)
    if (inMemory) await saveTemplate(pg).catch((error: unknown) => options.warn(`PGlite: could not cache the initialised database (${String(error)}).`));
    return pg;
  }
  try {
    return await open(template);
  } catch (error) {
    // A damaged cache must not stop the server: forget it, clean up, and run initdb after all.
    options.warn(`PGlite: the cached initialised database did not load (${String(error)}); running initdb.`);
    await forgetTemplate();
    if (!inMemory) await emptyFolder(dataDir);
    return open(undefined);
  }
}
/**
 * PGlite's defaults without `-F` (fsync off), and with `wal_sync_method=fsync`:
 * Emscripten implements fdatasync() as a no-op but routes fsync() to the file
 * system's `fsync`, which {@link SyncingNodeFS} provides.
 */
const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'];

/** PGlite's Node file system, plus a real fsync (Emscripten's NODEFS has none), and retries after a failed file creation. */
class SyncingNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly fsync: boolean,
  ) {
    super(dataDir);
  }

  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, options);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...(Array.isArray(preRun) ? preRun : [preRun]),
      (module: EmscriptenModule & EmscriptenFsModule) => {
        forgetFailedCreates(module);
        if (!this.fsync) return;
        module.NODEFS.stream_ops.fsync = (stream) => {
          fsyncCount++;
          fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return result;
  }

  /** Runs a checkpoint (which always flushes the WAL and the control file) and tells whether that reached fsync. */
  async fsyncWorks(pg: PGlite): Promise<boolean> {
    const before = fsyncCount;
    await pg.exec('CHECKPOINT');
    return fsyncCount > before;
  }
}

/** The little of Emscripten's module that {@link SyncingNodeFS} touches. */
interface EmscriptenModule {
  NODEFS: { stream_ops: { fsync?: (stream: { nfd: number }) => number } };
}

/** A folder that does not exist, or holds nothing but our lock file, has no database yet. */
async function isEmptyFolder(dataDir: string): Promise<boolean> {
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  return entries.every(isLockFile);
}

async function emptyFolder(dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (!isLockFile(name)) await rm(join(dataDir, name), { recursive: true, force: true });
  }
}
