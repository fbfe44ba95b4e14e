import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { Comment, CommentThread, ThreadSummary } from '../../src/core/protocol.ts';
import { call, signIn, startTestServer, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';

const COMMENTS = 1000;
const PEOPLE = ['ayse.demir', 'jonas.richter', 'marie.klein', 'niklas.braun', 'petra.schulz', 'lea.neumann', 'anna.lehmann', 'thomas.becker'];
/** However slow the machine, the test ends. */
const TIMEOUT_MS = 180_000;

/**
 * 1,000 comment POSTs at once, half of them sent twice at the same moment
 * with the same Idempotency-Key (a client retrying while the first attempt
 * is still running): exactly 1,000 comments, and both answers of a pair name
 * the same comment.
 */
async function postConcurrently(server: TestServer): Promise<void> {
  const cookies = await Promise.all(PEOPLE.map((id) => signIn(server, id)));
  const thread = `page:/concurrency/${randomUUID()}`;
  const path = `/threads/${encodeURIComponent(thread)}/comments`;
  const sends = Array.from({ length: COMMENTS }, (_, i) => ({ key: randomUUID(), cookie: cookies[i % cookies.length]!, text: `Kommentar ${i}` }));
  // Every other comment twice; all 1,500 requests are started before any is answered.
  const requests = sends.flatMap((send, i) => (i % 2 ? [send, send] : [send]));
  const answers = await Promise.all(
    requests.map(async ({ key, cookie, text }) => {
      const res = await call(server, path, { method: 'POST', cookie, headers: { 'idempotency-key': key }, json: { text } }).catch((error: Error) => {
        throw new Error(`POST failed: ${String(error.cause ?? error)}`);
      });
      const body = await res.text();
      assert.equal(res.status, 201, body);
      return { key, id: (JSON.parse(body) as Comment).id, replayed: res.headers.get('idempotent-replayed') === 'true' };
    }),
  );

  const byKey = new Map<string, Array<{ id: string; replayed: boolean }>>();
  for (const { key, ...answer } of answers) byKey.set(key, [...(byKey.get(key) ?? []), answer]);
  for (const [key, pair] of byKey) {
    if (pair.length === 1) continue;
    assert.equal(pair[0]!.id, pair[1]!.id, `both answers for ${key} name the same comment`);
    assert.deepEqual(pair.map((a) => a.replayed).sort(), [false, true], `one of them is the replay (${key})`);
  }

  const counts = await (await call(server, `/threads/counts?keys=${encodeURIComponent(thread)}`)).json() as { items: ThreadSummary[] };
  assert.equal(counts.items[0]!.count, COMMENTS, 'the thread counts exactly 1,000 comments');
  const ids = new Set<string>();
  const texts = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = `?sort=oldest&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await (await call(server, path + query)).json()) as CommentThread;
    for (const comment of page.items) {
      ids.add(comment.id);
      texts.add(comment.text);
    }
    cursor = page.nextCursor;
  } while (cursor);
  assert.equal(ids.size, COMMENTS, 'exactly 1,000 rows');
  assert.equal(texts.size, COMMENTS, 'each comment once');
  assert.deepEqual(new Set(answers.map((a) => a.id)), ids, 'the answers name exactly the stored comments');
}

describe('1,000 concurrent POSTs, half retried at once with the same Idempotency-Key', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const server of servers) await server.close();
    for (const server of servers) assert.deepEqual(server.errors, []);
  });

  test('PGlite: exactly 1,000 comments', { timeout: TIMEOUT_MS }, async () => {
    const server = await startTestServer({ rateLimit: 0, writeRateLimit: 0 });
    servers.push(server);
    await postConcurrently(server);
  });

  test('PostgreSQL: exactly 1,000 comments', { timeout: TIMEOUT_MS, skip: skipPostgres }, async () => {
    const server = await startTestServer({ databaseUrl: await freshDatabase(), rateLimit: 0, writeRateLimit: 0 });
    servers.push(server);
    await postConcurrently(server);
  });
});
