import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';
import type { Comment, CommentThread, Problem } from '../../src/core/protocol.ts';
import { signIn as signInAt } from './harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** No rate limit: some tests write until something fails. */
const UNLIMITED = { PLAZA_RATE_LIMIT: '0', PLAZA_WRITE_RATE_LIMIT: '0' };
/** `nobody`: file permissions bind it, unlike root, which these tests need to be to switch users. */
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const needsRoot = asRoot ? false : 'needs root, to run the server as an unprivileged user whom permissions bind';

describe('a PGlite server whose data folder breaks', () => {
  const folders: string[] = [];
  const servers: ServerProcess[] = [];
  after(async () => {
    for (const server of servers) await server.kill();
    for (const folder of folders) {
      if (asRoot) spawnSync('chmod', ['-R', 'u+w', folder]);
      rmSync(folder, { recursive: true, force: true });
    }
  });
  const folder = (owner?: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'plaza-storage-'));
    folders.push(dir);
    if (owner !== undefined) chownSync(dir, owner, owner);
    return dir;
  };
  const start = async (dataDir: string, uid?: number) => {
    const server = await startServerProcess({ dataDir, uid, env: UNLIMITED });
    servers.push(server);
    return server;
  };

  test('deleted: every later write is refused with 503 and Retry-After until a restart, and /healthz and the log say so', async () => {
    const dataDir = folder();
    const server = await start(dataDir);
    const cookie = await signIn(server.url, 'marie.klein');
    const thread = 'page:/storage/deleted';
    assert.equal((await post(server.url, cookie, thread, 'before')).status, 201);

    rmSync(dataDir, { recursive: true, force: true });
    for (let n = 0; n < 3; n++) await assertRefused(await post(server.url, cookie, thread, `after ${n}`), /restart/i);
    await assertUnhealthy(server.url, /removed|replaced/i, dataDir);
    assert.match(server.output(), /data folder.*(removed|replaced).*restart/i, 'the log tells the operator what happened and what to do');
  });

  test('replaced by another folder of the same name: refused the same way', async () => {
    const dataDir = folder();
    const server = await start(dataDir);
    const cookie = await signIn(server.url, 'marie.klein');
    renameSync(dataDir, `${dataDir}-old`);
    folders.push(`${dataDir}-old`);
    mkdirSync(dataDir);
    await assertRefused(await post(server.url, cookie, 'page:/storage/replaced', 'after'), /restart/i);
    await assertUnhealthy(server.url, /removed|replaced/i);
    // Whoever uses the new folder keeps its lock when this server stops.
    writeFileSync(join(dataDir, 'plaza.lock'), String(process.pid));
    await server.stop();
    assert.equal(readFileSync(join(dataDir, 'plaza.lock'), 'utf8'), String(process.pid), "the other folder's lock is left alone");
  });

  test('lock file removed: refused until a restart, since a second server could now open the folder', async () => {
    const dataDir = folder();
    const server = await start(dataDir);
    const cookie = await signIn(server.url, 'marie.klein');
    rmSync(join(dataDir, 'plaza.lock'));
    await assertRefused(await post(server.url, cookie, 'page:/storage/unlocked', 'after'), /restart/i);
    await assertUnhealthy(server.url, /lock file.*removed/i);
  });

  test('made read-only: the write that fails gets 503, not 500; once writable again the server recovers by itself and nothing acknowledged is lost', { skip: needsRoot }, async () => {
    const dataDir = folder(NOBODY);
    const server = await start(dataDir, NOBODY);
    const cookie = await signIn(server.url, 'marie.klein');
    const thread = 'page:/storage/read-only';
    const acknowledged: string[] = [];
    assert.equal((await post(server.url, cookie, thread, 'before')).status, 201);
    acknowledged.push('before');

    execFileSync('chmod', ['-R', 'a-w', dataDir]);
    // Writes into files PGlite already has open still work (and are kept); the first that needs a new file fails.
    let refused: Response | undefined;
    for (let n = 0; n < 40 && !refused; n++) {
      const res = await post(server.url, cookie, thread, `read-only ${n}`);
      if (res.status === 201) acknowledged.push(`read-only ${n}`);
      else refused = res;
    }
    assert.ok(refused, 'some write needed a new file while the folder was read-only');
    await assertRefused(refused);
    await assertUnhealthy(server.url, /not writable|permission/i, dataDir);
    await assertRefused(await post(server.url, cookie, thread, 'still read-only'));

    execFileSync('chmod', ['-R', 'u+w', dataDir]);
    const deadline = Date.now() + 30_000;
    while ((await fetch(`${server.url}healthz`)).status !== 200) {
      assert.ok(Date.now() < deadline, `healthy again within 30 s of the folder becoming writable; output:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const again = await post(server.url, cookie, thread, 'writable again');
    assert.equal(again.status, 201, await again.clone().text());
    acknowledged.push('writable again');
    // (null: the 5 s for a clean stop ran out on a busy machine, which loses nothing either.)
    assert.notEqual(await server.stop(), 1, server.output());

    const restarted = await start(dataDir, NOBODY);
    const texts = await commentTexts(restarted.url, thread);
    assert.deepEqual(texts.sort(), acknowledged.sort(), 'every acknowledged comment, and nothing else, after a restart');
    await restarted.stop();
  });

  test('disk full: the write that fails gets 503, and writes are accepted again once there is space', async (t) => {
    const mountPoint = folder();
    // A small file system of its own to fill up; where mounting is not allowed (no root, a container), skip.
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint]).status !== 0) return t.skip('cannot mount a tmpfs here');
    try {
      const dataDir = join(mountPoint, 'data');
      const server = await start(dataDir);
      const cookie = await signIn(server.url, 'marie.klein');
      const thread = 'page:/storage/disk-full';
      assert.equal((await post(server.url, cookie, thread, 'before')).status, 201);

      const filler = join(mountPoint, 'filler');
      assert.throws(() => writeFileSync(filler, Buffer.alloc(128 * 1024 * 1024)), /ENOSPC/);
      let refused: Response | undefined;
      for (let n = 0; n < 200 && !refused; n++) {
        const res = await post(server.url, cookie, thread, `full ${n} `.repeat(200));
        if (res.status !== 201) refused = res;
      }
      assert.ok(refused, 'some write needed space');
      await assertRefused(refused);
      await assertUnhealthy(server.url, /space/i);

      rmSync(filler);
      const deadline = Date.now() + 30_000;
      while ((await fetch(`${server.url}healthz`)).status !== 200) {
        assert.ok(Date.now() < deadline, `healthy again within 30 s of freeing space; output:\n${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal((await post(server.url, cookie, thread, 'space again')).status, 201);
      assert.ok((await commentTexts(server.url, thread)).includes('space again'));
      await server.stop();
    } finally {
      spawnSync('umount', ['-l', mountPoint]);
    }
  });

  test('read-only at start: one clear line and a non-zero exit, no stack trace', { skip: needsRoot }, async () => {
    const empty = folder(NOBODY);
    chmodSync(empty, 0o555);
    const first = await runMain(empty, NOBODY);
    assert.notEqual(first.code, 0, first.output);
    assert.match(first.output, /^Plaza: The data folder .* is not writable/m);
    assert.doesNotMatch(first.output, /^\s+at /m, 'no stack trace');

    // A folder that holds a database, made read-only as a whole.
    const used = folder(NOBODY);
    await (await start(used, NOBODY)).stop();
    execFileSync('chmod', ['-R', 'a-w', used]);
    const second = await runMain(used, NOBODY);
    assert.notEqual(second.code, 0, second.output);
    assert.match(second.output, /^Plaza: The data folder .* is not writable/m);
    assert.doesNotMatch(second.output, /^\s+at /m, 'no stack trace');
  });
});

async function assertRefused(res: Response, detail?: RegExp): Promise<void> {
  const body = await res.text();
  assert.equal(res.status, 503, body);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.match(res.headers.get('retry-after') ?? '', /^\d+$/, 'Retry-After in seconds');
  const problem = JSON.parse(body) as Problem;
  assert.equal(problem.type, 'urn:plaza:problem:unavailable');
  if (detail) assert.match(problem.detail ?? '', detail);
}

async function assertUnhealthy(url: string, reason: RegExp, dataDir?: string): Promise<void> {
  const res = await fetch(`${url}healthz`);
  const body = (await res.json()) as { status: string; storage?: { reason?: string } };
  assert.equal(res.status, 503, JSON.stringify(body));
  assert.equal(body.status, 'unavailable');
  assert.match(body.storage?.reason ?? '', reason);
  // Anyone may ask /healthz; where the data lives is for the log.
  if (dataDir) assert.ok(!JSON.stringify(body).includes(dataDir), 'the reason names no path');
}

/** server/main.ts until it exits (it must, here): exit code and everything it printed. */
function runMain(dataDir: string, uid: number): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PLAZA_') && key !== 'DATABASE_URL'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', PLAZA_AUTH: 'dev', PLAZA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid,
    gid: uid,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

function signIn(url: string, userId: string): Promise<string> {
  return signInAt({ api: `${url}api/v1` }, userId);
}

function post(url: string, cookie: string, thread: string, text: string): Promise<Response> {
  return fetch(`${url}api/v1/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

async function commentTexts(url: string, thread: string): Promise<string[]> {
  const res = await fetch(`${url}api/v1/threads/${encodeURIComponent(thread)}/comments?sort=oldest&limit=50`);
  assert.equal(res.status, 200);
  return ((await res.json()) as CommentThread).items.map((comment: Comment) => comment.text);
}
