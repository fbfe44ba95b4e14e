import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * Issue 15, item 1: stalled event-stream clients must not grow the server's
 * memory. The server runs as its own process (its RSS is what an operator
 * sees), with default stream settings; 200 sockets ask for a thread's events
 * and never read while 150 long comments (about 6 MB of events per socket) are
 * posted. Before the backlog cap the server kept every byte for every socket.
 */
const SOCKETS = 200;
const COMMENTS = 150;
const TEXT = `${'Kantine heute: Linsen mit Spätzle. '.repeat(1100)}`; // ≈ 40,000 characters
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('200 stalled stream readers and 150 long comments leave the server process within 150 MB of where it started', { timeout: 120_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      PLAZA_DATA_DIR: 'memory://',
      PLAZA_AUTH: 'dev',
      PLAZA_SEED: 'demo',
      PLAZA_RATE_LIMIT: '0',
      PLAZA_WRITE_RATE_LIMIT: '0',
      // Long enough for the 38,500-character comments; the body limit is the smallest that fits them
      // (6 bytes a character, decision 70) and leaves the default stream backlog valid (at least twice it).
      PLAZA_MAX_COMMENT_LENGTH: '40000',
      PLAZA_MAX_BODY_BYTES: '250000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sockets: Socket[] = [];
  try {
    const url = await listening(child);
    const { port } = new URL(url);
    const api = `${url}api/v1`;
    const session = await fetch(`${api}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"anna.lehmann"}' });
    const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
    const key = 'page:/news/stalled-memory';
    const post = (text: string) =>
      fetch(`${api}/threads/${encodeURIComponent(key)}/comments`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ text }) });
    // Warm up (the first post compiles code paths), then take the baseline.
    for (let i = 0; i < 5; i++) assert.equal((await post(`warm ${i}`)).status, 201);
    for (let i = 0; i < SOCKETS; i++) sockets.push(await stalled(Number(port), `comments:${key}`));
    await pause(500);
    const before = rssMb(child.pid!);
    const started = Date.now();
    let peak = before;
    for (let i = 0; i < COMMENTS; i++) {
      assert.equal((await post(`${i} ${TEXT}`)).status, 201);
      if (i % 10 === 0) peak = Math.max(peak, rssMb(child.pid!));
    }
    await pause(1000);
    const after = rssMb(child.pid!);
    peak = Math.max(peak, after);
    console.log(`RSS with ${SOCKETS} stalled readers, ${COMMENTS} comments of ${TEXT.length} characters in ${Date.now() - started} ms: ` +
      `${before} MB before, peak ${peak} MB, ${after} MB after (+${after - before} MB)`);
    assert.ok(peak - before < 150, `the server grew from ${before} MB to ${peak} MB`);
  } finally {
    for (const socket of sockets) socket.destroy();
    child.kill('SIGKILL');
  }
});

function listening(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Plaza listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
  });
}

/** A socket that asks for the stream and never reads from it. */
function stalled(port: number, topic: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(`GET /api/v1/events?topics=${encodeURIComponent(topic)} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
