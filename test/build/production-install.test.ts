import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * docs/operations.md's "Install" steps, run word for word on a fresh copy of the
 * repository, then the server started as its systemd unit starts it (issue 16,
 * item 18: `npm ci --omit=dev && npm run build` ended in `vite: not found`).
 *
 * The copy holds the files git tracks, as they are in the work tree (what a
 * clone of this commit holds, plus uncommitted edits): no node_modules, no dist.
 * The install is a real `npm install` against the registry; npm's cache makes
 * it quick where the project was installed before (`--prefer-offline` through
 * the environment, so the documented command line stays as it is).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const INSTALL_MINUTES = 12;

test('a production install from a fresh clone, exactly as documented, serves the library', { timeout: (INSTALL_MINUTES + 2) * 60_000 }, async (t) => {
  const commands = documentedInstall();
  assert.ok(commands.length > 0, 'docs/operations.md has an Install block');
  const release = mkdtempSync(join(tmpdir(), 'plaza-install-'));
  t.after(() => rmSync(release, { recursive: true, force: true }));
  copyTrackedFiles(release);

  // An operator's shell: none of the npm_* variables `npm test` would hand down (npm_config_omit and friends).
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  env.npm_config_prefer_offline = 'true';
  env.npm_config_update_notifier = 'false';
  const deadline = Date.now() + INSTALL_MINUTES * 60_000;
  for (const command of commands) {
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', command], { cwd: release, env, encoding: 'utf8', timeout: Math.max(deadline - Date.now(), 1), maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, `\`${command}\` failed (${run.signal ?? `exit ${run.status}`}):\n${tail(run.stdout)}\n${tail(run.stderr)}`);
  }
  assert.ok(existsSync(join(release, 'dist', 'plaza.js')), 'the build wrote dist/plaza.js');
  assert.ok(!existsSync(join(release, 'node_modules', 'vite')), 'only the server’s dependencies are left installed');

  const server = await startAsTheUnitDoes(release, env);
  t.after(() => server.stop());
  assert.doesNotMatch(server.output(), /plaza\.js is missing/);
  const health = await fetch(`${server.url}healthz`);
  assert.equal(health.status, 200);
  const library = await fetch(`${server.url}dist/plaza.js`);
  assert.equal(library.status, 200);
  assert.match(library.headers.get('content-type') ?? '', /javascript/);
  assert.match(await library.text(), /customElements/);
});

/** The lines of the ```sh block under "## Install", without comments. */
function documentedInstall(): string[] {
  const doc = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Install'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

function copyTrackedFiles(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = join(root, file);
    if (!existsSync(from)) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(from, join(to, file));
  }
}

interface Started {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** `ExecStart=/usr/bin/node --import tsx server/main.ts` in the release folder, on a free port, with the documented production settings. */
async function startAsTheUnitDoes(release: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: release,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', PLAZA_DATA_DIR: join(release, 'data'), PLAZA_AUTH: 'none', PLAZA_SEED: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const url = /Plaza listening on (\S+)/.exec(output)?.[1];
    if (url) return { url, output: () => output, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not start:\n${tail(output)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function tail(text: string | undefined): string {
  return (text ?? '').split('\n').slice(-25).join('\n');
}
