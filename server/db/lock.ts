import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Thrown when another live process holds the data folder. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/**
 * PGlite does not notice a second process opening the same folder, and two
 * would corrupt it. A lock file with the holder's pid prevents that; a lock
 * left by a process that no longer runs (a crash, SIGKILL) is taken over.
 * Resolves to the function that releases the folder.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockFile = resolve(dataDir, LOCK_FILE);
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

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'plaza.lock';

const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
