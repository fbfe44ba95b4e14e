import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Thrown when another live process holds the data folder. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/** Thrown when the data folder cannot be created or written (permissions, a read-only file system, a full disk). */
export class DataDirNotWritableError extends Error {
  override name = 'DataDirNotWritableError';
}

/**
 * PGlite does not notice a second process opening the same folder, and two
 * would corrupt it. A lock file with the holder's pid prevents that; a lock
 * left by a process that no longer runs (a crash, SIGKILL) is taken over.
 * Resolves to the function that releases the folder.
 *
 * Taking the lock is atomic: the pid is written into a file of our own first,
 * which is then hard-linked to the lock's name (link() never overwrites), so
 * the lock never exists without its pid; a process that read an empty lock
 * used to take it for stale while its creator was still writing. A stale lock
 * is replaced by rename() only after claiming exactly that file (by inode)
 * under a name derived from it, so of several processes that find the same
 * stale lock one replaces it and the others see a live holder.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = resolve(dataDir, LOCK_FILE);
  if (heldHere.has(lockFile)) throw new DataDirInUseError(`The data folder ${dataDir} is already open in this process.`);
  const mine = `${lockFile}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dataDir, { recursive: true });
    await writeFile(mine, String(process.pid), { flag: 'wx' });
  } catch (error) {
    throw dataDirNotWritable(dataDir, error);
  }
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await linked(mine, lockFile)) return held(lockFile);
      const current = await inspect(lockFile);
      if (!current) continue; // released meanwhile
      // Our own pid in the file is a leftover of an earlier process (containers reuse pids).
      if (current.holder && current.holder !== process.pid && isRunning(current.holder)) {
        throw new DataDirInUseError(
          `The data folder ${dataDir} is in use by process ${current.holder}. Stop that server first ` +
            `(or, if no Plaza server is running, delete ${lockFile}).`,
        );
      }
      if (await takeOver(lockFile, current, mine)) return held(lockFile);
    }
  } finally {
    await rm(mine, { force: true });
  }
  throw new DataDirInUseError(`Could not lock the data folder ${dataDir}: another server is starting on it.`);
}

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'plaza.lock';

/** The lock file and the short-lived files taking it leaves while it runs (`plaza.lock.*`): none of them is database content. */
export function isLockFile(name: string): boolean {
  return name === LOCK_FILE || name.startsWith(`${LOCK_FILE}.`);
}

/** Rounds of "link, else look at the holder, else take over a stale lock" before giving up. */
const ATTEMPTS = 20;

const heldHere = new Set<string>();

interface LockFileSeen {
  dev: bigint;
  ino: bigint;
  mtimeNs: bigint;
  /** The pid inside, 0 when it holds none. */
  holder: number;
}

async function held(lockFile: string): Promise<() => Promise<void>> {
  heldHere.add(lockFile);
  const ours = await stat(lockFile, { bigint: true });
  return async () => {
    heldHere.delete(lockFile);
    // Only our own: if the folder was replaced meanwhile, the lock there is another server's.
    const now = await stat(lockFile, { bigint: true }).catch(() => undefined);
    if (now && now.dev === ours.dev && now.ino === ours.ino) await rm(lockFile, { force: true });
  };
}

/** link() that reports "the name exists" as false. */
async function linked(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function inspect(lockFile: string): Promise<LockFileSeen | undefined> {
  try {
    const { dev, ino, mtimeNs } = await stat(lockFile, { bigint: true });
    // Lock files are complete from the moment they have their name, and never change.
    const holder = Number((await readFile(lockFile, 'utf8')).trim()) || 0;
    return { dev, ino, mtimeNs, holder };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Replaces the stale lock `seen` with ours. The claim's name is unique to
 * that file, so only one process gets it; holding it, nobody else can change
 * the lock (a new lock's link() fails while it exists, and its dead holder
 * will not remove it), so our rename() replaces exactly the file we judged.
 * False when another process claimed it first or the lock is not that file any more.
 */
async function takeOver(lockFile: string, seen: LockFileSeen, mine: string): Promise<boolean> {
  const claim = `${lockFile}.takeover-${seen.dev}-${seen.ino}-${seen.mtimeNs}`;
  try {
    if (!(await linked(lockFile, claim))) return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const claimed = await stat(claim, { bigint: true });
    if (claimed.dev !== seen.dev || claimed.ino !== seen.ino || claimed.mtimeNs !== seen.mtimeNs) return false;
    await rename(mine, lockFile);
    return true;
  } finally {
    await rm(claim, { force: true });
  }
}

/** A file system error that means "cannot write here" as the operator's message; any other error unchanged. */
export function dataDirNotWritable(dataDir: string, error: unknown, where = dataDir): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !NOT_WRITABLE.includes(code)) return error as Error;
  const uid = process.getuid?.();
  return new DataDirNotWritableError(
    `The data folder ${dataDir} is not writable (${code}${where === dataDir ? '' : ` in ${where}`}): make it writable for the user running Plaza` +
      `${uid === undefined ? '' : ` (uid ${uid})`}, or set PLAZA_DATA_DIR to another folder.`,
    { cause: error },
  );
}

const NOT_WRITABLE = ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR'];

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
