import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { Comment, CommentThread, ThreadSummary } from '../../src/core/protocol.ts';
import { call, signIn, startTestServer, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';

/** On PostgreSQL, where transactions really run side by side. */
const COMMENTS = 1000;
/**
 * PGlite runs one transaction at a time, so more requests only queue longer
 * (half a minute on a busy 2-core machine) without new interleavings.
 */
const PGLITE_COMMENTS = 300;
const PEOPLE = ['ayse.demir', 'jonas.richter', 'marie.klein', 'niklas.braun', 'petra.schulz', 'lea.neumann', 'anna.lehmann', 'thomas.becker'];
/** However slow the machine, the test ends. */
const TIMEOUT_MS = 180_000;

/**
 * `count` comment POSTs at once, half of them sent twice at the same moment
 * with the same Idempotency-Key (a client retrying while the first attempt
 * is still running): exactly `count` comments, and both answers of a pair
 * name the same comment.
 */
async function postConcurrently(server: TestServer, count: number): Promise<void> {
  const cookies = await Promise.all(PEOPLE.map((id) => signIn(server, id)));
  const thread = `page:/concurrency/${randomUUID()}`;
  const path = `/threads/${encodeURIComponent(thread)}/comments`;
  const sends = Array.from({ length: count }, (_, i) => ({ key: randomUUID(), cookie: cookies[i % cookies.length]!, text: `Kommentar ${i}` }));
  // Every other comment twice; all 1,500 requests are started before any is answered.
  const requests = sends.flatMap((send, i) => (i % 2 ? [send, send] : [send]));
  let resent = 0;
  const answers = await Promise.all(
    requests.map(async ({ key, cookie, text }) => {
      for (let attempt = 1; ; attempt++) {
        let res: Response;
        try {
          res = await call(server, path, { method: 'POST', cookie, headers: { 'idempotency-key': key }, json: { text } });
        } catch (error) {
          // A connection the sandbox's network stack dropped: resend with the same key, as the library does.
          if (attempt === 3) throw new Error(`POST failed ${attempt} times: ${String((error as Error).cause ?? error)}`);
          resent++;
          continue;
        }
        const body = await res.text();
        assert.equal(res.status, 201, body);
        return { key, id: (JSON.parse(body) as Comment).id, replayed: res.headers.get('idempotent-replayed') === 'true' };
      }
    }),
  );
  assert.ok(resent < requests.length / 20, `${resent} requests had to be resent`);

  const byKey = new Map<string, Array<{ id: string; replayed: boolean }>>();
  for (const { key, ...answer } of answers) byKey.set(key, [...(byKey.get(key) ?? []), answer]);
  for (const [key, pair] of byKey) {
    if (pair.length === 1) continue;
    assert.equal(pair[0]!.id, pair[1]!.id, `both answers for ${key} name the same comment`);
    // One of them is the replay (both, if a resent request found its own first attempt done).
    if (resent === 0) assert.deepEqual(pair.map((a) => a.replayed).sort(), [false, true], `one of them is the replay (${key})`);
  }

  const counts = await (await call(server, `/threads/counts?keys=${encodeURIComponent(thread)}`)).json() as { items: ThreadSummary[] };
  assert.equal(counts.items[0]!.count, count, 'the thread counts exactly that many comments');
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
  assert.equal(ids.size, count, 'exactly that many rows');
  assert.equal(texts.size, count, 'each comment once');
  assert.deepEqual(new Set(answers.map((a) => a.id)), ids, 'the answers name exactly the stored comments');
}

describe('concurrent POSTs, half retried at once with the same Idempotency-Key', () => {
  const servers: TestServer[] = [];
  after(async () => {
    for (const server of servers) await server.close();
    for (const server of servers) assert.deepEqual(server.errors, []);
  });

  test(`PGlite: ${PGLITE_COMMENTS} POSTs, exactly ${PGLITE_COMMENTS} comments`, { timeout: TIMEOUT_MS }, async () => {
    const server = await startTestServer({ rateLimit: 0, writeRateLimit: 0 });
    servers.push(server);
    await postConcurrently(server, PGLITE_COMMENTS);
  });

  test('PostgreSQL: 1,000 POSTs, exactly 1,000 comments', { timeout: TIMEOUT_MS, skip: skipPostgres }, async () => {
    const server = await startTestServer({ databaseUrl: await freshDatabase(), rateLimit: 0, writeRateLimit: 0 });
    servers.push(server);
    await postConcurrently(server, COMMENTS);
  });
});
