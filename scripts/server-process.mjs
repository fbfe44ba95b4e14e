// What web-test-runner.config.mjs and test/e2e share: the real Plaza server as a child
// process, and how to launch Chromium. Plain ESM so the wtr config needs no TypeScript
// loader; types for TypeScript callers are in server-process.d.mts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium, which scripts/ensure-chromium.sh installs; both browser suites use it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Chromium as root (no sandbox) on a machine without GPU, big /dev/shm or network beyond registries. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LISTENING = /Plaza listening on (http:\/\/\S+)/;
// Generous: a first start initialises the database, and CI machines are often busy.
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_LIMIT = 1_000_000;

/** @type {Set<{ child: import('node:child_process').ChildProcess, ownDir?: string }>} */
const running = new Set();

/**
 * @typedef {object} ServerProcess
 * @property {string} url Base URL ending in `/`, with host `localhost`, e.g. `http://localhost:41234/`.
 * @property {string} dataDir The server's data folder.
 * @property {() => Promise<number | null>} stop SIGINT, SIGKILL after 5 s; resolves to the exit code (null if killed by a signal).
 * @property {(signal?: NodeJS.Signals) => Promise<void>} kill Sends a signal (default SIGKILL) and waits for the exit; keeps the data folder.
 * @property {() => string} output Everything the server wrote to stdout and stderr so far.
 */

/**
 * Spawns `node --import tsx server/main.ts` with PORT=0 (a free port) and waits for its
 * "Plaza listening on <url>" line. Without `dataDir` a fresh temporary folder is made and
 * removed by stop() (or when this process exits); a given `dataDir` is never removed, so a
 * test can restart a server on the same data.
 * PLAZA_SERVER_ENTRY overrides the entry file (e.g. a stand-in while server/ is being written).
 * `uid` (and the same gid) runs it as another user, e.g. to see file permissions a root test process would override.
 * @param {{ env?: Record<string, string>, dataDir?: string, uid?: number }} [options]
 * @returns {Promise<ServerProcess>}
 */
export async function startServerProcess({ env = {}, dataDir, uid } = {}) {
  const ownDir = dataDir ? undefined : mkdtempSync(join(tmpdir(), 'plaza-test-'));
  const dir = dataDir ?? /** @type {string} */ (ownDir);
  const entry = process.env.PLAZA_SERVER_ENTRY || 'server/main.ts';
  // Inherited PLAZA_* settings and DATABASE_URL (a developer's database, say) must not leak into tests.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLAZA_') && key !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', PLAZA_AUTH: 'dev', ...env, PLAZA_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  const handle = { child, ownDir };
  running.add(handle);

  let log = '';
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then(() => running.delete(handle));

  const url = await new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(`did not say "Plaza listening on …" within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    /** @param {Buffer} chunk */
    const collect = (chunk) => {
      log = (log + chunk.toString()).slice(-OUTPUT_LIMIT);
      const match = LISTENING.exec(log);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(sameSiteUrl(/** @type {string} */ (match[1])));
      }
    };
    /** @param {string} why */
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      reject(new Error(`Plaza server (${entry}) ${why}. Its output:\n${log}`));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    exited.then((code) => fail(`exited with code ${code} before listening`));
  });

  /** @param {NodeJS.Signals} signal */
  const kill = async (signal = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    dataDir: dir,
    output: () => log,
    kill,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
      return child.exitCode;
    },
  };
}

/**
 * Tests load pages from http://localhost:<port>; the API must be on `localhost` too so the
 * session cookie counts as same-site. Loopback or wildcard hosts become `localhost`.
 * @param {string} printed
 */
function sameSiteUrl(printed) {
  const url = new URL(printed);
  if (['127.0.0.1', '[::1]', '0.0.0.0', '[::]'].includes(url.hostname)) url.hostname = 'localhost';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

// Never leave a server (or its temporary data) behind, whatever way this process ends.
process.once('exit', () => {
  for (const { child, ownDir } of running) {
    child.kill('SIGKILL');
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  }
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    // Another handler (wtr's, node --test's) decides when to exit; alone, exit as the signal would.
    if (process.listenerCount(signal) === 1) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}
