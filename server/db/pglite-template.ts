import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Cached tarballs of PGlite databases to start from. `initdb`: freshly
 * initialised; starting from it skips initdb (5–8 s of WebAssembly), which
 * dominated the start of every test server. `migrated-<fingerprint>`: that
 * plus every migration (about 2 s of CPU per start, decision 227), for
 * in-memory databases only. Keyed by the PGlite version, whose initdb output
 * they are; kept where build tools keep their caches, so `rm -rf node_modules`
 * clears them.
 */
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/plaza/', import.meta.url));
/** PGlite does not export its package.json; its entry point sits in `dist/` beside it. */
const PGLITE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite'))), 'utf8')) as {
    version: string;
  }
).version;
const fileOf = (name: string) => `${CACHE_DIR}pglite-${PGLITE_VERSION}-${name}.tar`;

/** Read once per process: a test file starts several servers. */
const cached = new Map<string, Promise<Blob | undefined>>();

/** The cached database `name`, or undefined when there is none yet. */
export function readTemplate(name = 'initdb'): Promise<Blob | undefined> {
  let template = cached.get(name);
  if (!template) {
    template = readFile(fileOf(name)).then(
      (bytes) => new Blob([bytes]),
      () => undefined,
    );
    cached.set(name, template);
  }
  return template;
}

/**
 * Saves `pg` as the template `name` (just started, or just migrated: nothing
 * else written yet). CHECKPOINT first, so the copied files hold everything and
 * starting from them replays no WAL. Written under a temporary name and
 * renamed, so a reader never sees half a file. `replaces`: the prefix of older
 * templates this one makes useless (the copies of earlier migrations, 40 MB each).
 */
export async function saveTemplate(pg: PGlite, name = 'initdb', replaces?: string): Promise<void> {
  await pg.exec('CHECKPOINT');
  const tarball = await pg.dumpDataDir('none');
  const bytes = new Uint8Array(await tarball.arrayBuffer());
  await mkdir(CACHE_DIR, { recursive: true });
  const file = fileOf(name);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  cached.set(name, Promise.resolve(new Blob([bytes])));
  if (replaces) {
    const older = (await readdir(CACHE_DIR)).filter((entry) => entry.startsWith(`pglite-${PGLITE_VERSION}-${replaces}`) && entry.endsWith('.tar') && `${CACHE_DIR}${entry}` !== file);
    await Promise.all(older.map((entry) => rm(`${CACHE_DIR}${entry}`, { force: true })));
  }
}

/** After a failed load: never try this copy again. */
export async function forgetTemplate(name = 'initdb'): Promise<void> {
  cached.set(name, Promise.resolve(undefined));
  await rm(fileOf(name), { force: true });
}
