import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';
import type { Comment, CommentThread, ReactionBatch } from '../../src/core/protocol.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';

/** The load runs until this many writes were acknowledged, or this long, whichever comes first; then kill -9. */
const LOAD = { acknowledged: 300, maxMs: 5000 };
const WRITERS = 16;
const PEOPLE = ['ayse.demir', 'jonas.richter', 'marie.klein', 'niklas.braun'];
/** No rate limit: the load is the point. */
const UNLIMITED = { PLAZA_RATE_LIMIT: '0', PLAZA_WRITE_RATE_LIMIT: '0' };

interface Write {
  kind: 'comment' | 'reaction';
  cookie: string;
  /** Comment: the Idempotency-Key, also the comment's text. Reaction: the target. */
  key: string;
  /** acked: answered 2xx before the kill; lost: no answer (the kill came first); refused: any other answer. */
  outcome?: 'acked' | 'lost' | 'refused';
}

describe('kill -9 during a write load', () => {
  const folders: string[] = [];
  const servers: ServerProcess[] = [];
  after(async () => {
    for (const server of servers) await server.kill();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const crashAndCheck = async (start: () => Promise<ServerProcess>) => {
    const first = await start();
    servers.push(first);
    const cookies = await Promise.all(PEOPLE.map((id) => signIn(first.url, id)));
    const thread = `page:/crash/${randomUUID()}`;
    const writes = await loadUntilKilled(first, cookies, thread);
    const acked = writes.filter((w) => w.outcome === 'acked');
    assert.ok(acked.length >= 20, `enough writes were acknowledged before the kill (${acked.length}); output:\n${first.output()}`);
    assert.deepEqual(writes.filter((w) => w.outcome === 'refused'), [], 'nothing was refused');

    const second = await start();
    servers.push(second);
    const health = await fetch(`${second.url}healthz`);
    assert.equal(health.status, 200, 'healthy again after the crash');
    assert.doesNotMatch(first.output() + second.output(), /ignores fsync/, 'PGlite really fsyncs its commits');
    // Retrying what got no answer, with the same key, must not post anything twice either.
    const lost = writes.filter((w) => w.outcome === 'lost');
    for (const write of lost) assert.equal((await send(second.url, write, thread)).status < 300, true);

    const texts = await allCommentTexts(second.url, thread);
    const comments = writes.filter((w) => w.kind === 'comment');
    for (const write of comments.filter((w) => w.outcome === 'acked')) assert.equal(texts.get(write.key), 1, `acknowledged comment ${write.key}`);
    for (const write of comments.filter((w) => w.outcome === 'lost')) assert.equal(texts.get(write.key), 1, `retried comment ${write.key}`);
    assert.ok([...texts.values()].every((n) => n === 1), 'no comment twice');
    assert.equal(texts.size, comments.filter((w) => w.outcome !== undefined).length, 'no comment nobody sent');

    const reactions = writes.filter((w) => w.kind === 'reaction' && w.outcome === 'acked');
    for (let i = 0; i < reactions.length; i += 100) {
      const batch = reactions.slice(i, i + 100);
      const query = batch.map((w) => `targets=${encodeURIComponent(w.key)}`).join('&');
      const { items } = (await (await fetch(`${second.url}api/v1/reactions?${query}`)).json()) as ReactionBatch;
      assert.deepEqual(
        items.map((s) => s.counts.like),
        batch.map(() => 1),
        'every acknowledged reaction, once',
      );
    }
    assert.equal(await second.stop(), 0, second.output());
    return { acked: acked.length, lost: lost.length };
  };

  test('PGlite: every acknowledged comment and reaction is there after a restart on the same folder, none twice', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-crash-'));
    folders.push(dataDir);
    const { acked, lost } = await crashAndCheck(() => startServerProcess({ dataDir, env: UNLIMITED }));
    t.diagnostic(`${acked} acknowledged, ${lost} in flight at the kill`);
  });

  test('PostgreSQL: the same', { skip: skipPostgres }, async (t) => {
    const databaseUrl = await freshDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'plaza-crash-'));
    folders.push(dataDir);
    const { acked, lost } = await crashAndCheck(() => startServerProcess({ dataDir, env: { ...UNLIMITED, DATABASE_URL: databaseUrl } }));
    t.diagnostic(`${acked} acknowledged, ${lost} in flight at the kill`);
  });
});

/**
 * WRITERS concurrent loops of comment POSTs (each with its own
 * Idempotency-Key) and reaction PUTs (each on its own target), until enough
 * were acknowledged or time is up; then SIGKILL while requests are in flight.
 */
async function loadUntilKilled(server: ServerProcess, cookies: string[], thread: string): Promise<Write[]> {
  const writes: Write[] = [];
  const deadline = Date.now() + LOAD.maxMs;
  let killed = false;
  let acked = 0;
  const lanes = Array.from({ length: WRITERS }, async (_, lane) => {
    for (let n = 0; !killed; n++) {
      const write: Write = {
        kind: n % 2 ? 'reaction' : 'comment',
        cookie: cookies[lane % cookies.length]!,
        key: n % 2 ? `crash:${randomUUID()}` : randomUUID(),
      };
      writes.push(write);
      try {
        const res = await send(server.url, write, thread);
        await res.arrayBuffer();
        write.outcome = res.ok ? 'acked' : 'refused';
        if (res.ok) acked++;
      } catch {
        write.outcome = 'lost';
      }
    }
  });
  while (!killed) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (acked >= LOAD.acknowledged || Date.now() > deadline) {
      killed = true;
      await server.kill('SIGKILL');
    }
  }
  await Promise.all(lanes);
  // A write started after the kill never reached the server: drop it.
  return writes.filter((w) => w.outcome !== undefined);
}

function send(url: string, write: Write, thread: string): Promise<Response> {
  const headers: Record<string, string> = { cookie: write.cookie };
  if (write.kind === 'reaction') return fetch(`${url}api/v1/reactions/${encodeURIComponent(write.key)}/like`, { method: 'PUT', headers });
  return fetch(`${url}api/v1/threads/${encodeURIComponent(thread)}/comments`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': write.key },
    body: JSON.stringify({ text: write.key }),
  });
}

/** How often each text occurs in the thread, read page by page. */
async function allCommentTexts(url: string, thread: string): Promise<Map<string, number>> {
  const texts = new Map<string, number>();
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const query: string = `sort=oldest&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(`${url}api/v1/threads/${encodeURIComponent(thread)}/comments?${query}`);
    assert.equal(res.status, 200);
    const page = (await res.json()) as CommentThread;
    for (const comment of page.items as Comment[]) texts.set(comment.text, (texts.get(comment.text) ?? 0) + 1);
    cursor = page.nextCursor;
    if (!cursor) return texts;
  }
  throw new Error('more than 100 pages of comments');
}

async function signIn(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}api/v1/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  assert.equal(res.status, 200, await res.text());
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}
