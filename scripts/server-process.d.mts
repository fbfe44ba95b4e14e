/** A running Plaza server started by {@link startServerProcess}. */
export interface ServerProcess {
  /** Base URL ending in `/`, with host `localhost`, e.g. `http://localhost:41234/`. */
  url: string;
  /** The server's data folder. */
  dataDir: string;
  /** SIGINT, then SIGKILL after 5 s; resolves to the exit code (null when ended by a signal). Removes a temporary data folder. */
  stop(): Promise<number | null>;
  /** Sends `signal` (default SIGKILL) and waits for the exit; keeps the data folder. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
}

export interface StartOptions {
  /** Extra environment (PLAZA_SEED, PLAZA_CORS_ORIGINS, ...); PORT=0 and PLAZA_AUTH=dev are the defaults. */
  env?: Record<string, string>;
  /** Data folder to use and keep; without it a fresh temporary one is made and removed by stop(). */
  dataDir?: string;
  /** Run as this user (and group id): needs root; for tests of file permissions, which root ignores. */
  uid?: number;
}

/** Spawns `node --import tsx server/main.ts` and resolves once it says "Plaza listening on <url>". */
export function startServerProcess(options?: StartOptions): Promise<ServerProcess>;

/** Debian's Chromium (`/usr/bin/chromium`), installed by scripts/ensure-chromium.sh. */
export const CHROMIUM_PATH: string;
/** Launch flags for Chromium as root on a machine without GPU or network. */
export const CHROMIUM_ARGS: readonly string[];
