import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A cached tarball of a freshly initialised PGlite database. Starting from it
 * skips initdb (5–8 s of WebAssembly), which dominated the start of every
 * test server. Keyed by the PGlite version, whose initdb output it is; kept
 * where build tools keep their caches, so `rm -rf node_modules` clears it.
 */
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/plaza/', import.meta.url));
/** PGlite does not export its package.json; its entry point sits in `dist/` beside it. */
const PGLITE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'))), 'utf8')) as {
    version: string;
  }
).version;
const FILE = `${CACHE_DIR}pglite-${PGLITE_VERSION}-initdb.tar`;

/** Read once per process: a test file starts several servers. */
let cached: Promise<Blob | undefined> | undefined;

/** The cached database, or undefined when there is none yet. */
export function readTemplate(): Promise<Blob | undefined> {
  cached ??= readFile(FILE).then(
    (bytes) => new Blob([bytes]),
    () => undefined,
  );
  return cached;
}

/**
 * Saves `pg` (just started, nothing written yet) as the template. CHECKPOINT
 * first, so the copied files hold everything and starting from them replays
 * no WAL. Written under a temporary name and renamed, so a reader never sees
 * half a file.
 */
export async function saveTemplate(pg: PGlite): Promise<void> {
  await pg.exec('CHECKPOINT');
  const tarball = await pg.dumpDataDir('none');
  const bytes = new Uint8Array(await tarball.arrayBuffer());
  await mkdir(CACHE_DIR, { recursive: true });
  const temporary = `${FILE}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, FILE);
  } finally {
    await rm(temporary, { force: true });
  }
  cached = Promise.resolve(new Blob([bytes]));
}

/** After a failed load: never try this copy again. */
export async function forgetTemplate(): Promise<void> {
  cached = Promise.resolve(undefined);
  await rm(FILE, { force: true });
}
