import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Me } from '../../src/core/protocol.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Child {
  process: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** `npm run serve` as the operator runs it, on a free port and the given folder. */
async function spawnMain(dataDir: string, env: Record<string, string> = {}): Promise<Child> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLAZA_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', PLAZA_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A server that never listened would otherwise keep the test process (and npm test) alive.
      child.kill('SIGKILL');
      reject(new Error(`no "Plaza listening on" within 60 s:\n${output}`));
    }, 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Plaza listening on (http:\/\/localhost:\d+\/)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exit.then((code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  return { process: child, url, output: () => output, exit };
}

describe('server/main.ts as a process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaza-main-'));
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('prints where it listens and the demo, warns about dev sign-in, stops cleanly on SIGINT, restarts on the same folder', async () => {
    const first = await spawnMain(dataDir);
    children.push(first.process);
    assert.match(first.output(), /dev sign-in.*production/i, 'the dev sign-in warning');
    assert.match(first.output(), new RegExp(`${first.url}demo/`), 'the demo URL');
    const me = (await (await fetch(`${first.url}api/v1/me`)).json()) as Me;
    assert.equal(me.user, null);
    const cookie = (await fetch(`${first.url}api/v1/dev/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'marie.klein' }),
    })).headers.getSetCookie()[0]!.split(';')[0]!;
    // An open event stream must not keep the server from stopping.
    const stream = await fetch(`${first.url}api/v1/events?topics=x`);
    assert.equal(stream.status, 200);

    first.process.kill('SIGINT');
    assert.equal(await first.exit, 0, first.output());
    assert.match(first.output(), /stopped/);

    const second = await spawnMain(dataDir, { PLAZA_SEED: 'demo' });
    children.push(second.process);
    assert.doesNotMatch(second.output(), /Seeded/, 'the seed ran only the first time');
    const again = (await (await fetch(`${second.url}api/v1/me`, { headers: { cookie } })).json()) as Me;
    assert.equal(again.user?.id, 'marie.klein', 'the session survived the restart');
    second.process.kill('SIGTERM');
    assert.equal(await second.exit, 0, second.output());
  });

  test('a bad setting stops it with a clear message and a non-zero exit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', PLAZA_AUTH: 'maybe', PLAZA_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(output, /PLAZA_AUTH must be one of dev, none/);
  });
});
