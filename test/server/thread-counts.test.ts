import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { foldThreadCounts } from '../../server/store/threads.ts';
import type { Comment, CommentThread, ThreadSummary } from '../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { skipPostgres } from './postgres-server.ts';

/**
 * A thread's `count` is kept (migration 004) rather than counted, as the
 * thread row plus deltas that the server folds in now and then. Whatever
 * happened to the comments, and folded or not, the count is what the thread
 * shows; and on PostgreSQL, keeping it makes no writer to a thread wait for
 * another's transaction.
 */
const ENGINES = [
  { name: 'PGlite', skip: undefined as string | undefined, databaseUrl: async () => undefined },
  { name: 'PostgreSQL', skip: skipPostgres, databaseUrl: async () => (await import('./postgres-server.ts')).freshDatabase() },
];

for (const engine of ENGINES) {
  describe(`kept thread counts (${engine.name})`, { skip: engine.skip }, () => {
    let server: TestServer;
    let author: string;
    let moderator: string;
    let databaseUrl: string | undefined;
    before(async () => {
      databaseUrl = await engine.databaseUrl();
      // No timed folds: the test folds when it wants to.
      server = await startTestServer({ databaseUrl, statisticsCheckMs: 0 });
      author = await signIn(server, 'sophie.hartmann');
      moderator = await signIn(server, 'katharina.weber');
    });
    after(() => server.close());

    const post = (key: string, text: string, parentId?: string) =>
      ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: author, json: parentId ? { text, parentId } : { text } }));
    const counted = async (key: string) => {
      const [summary] = (await ok<{ items: ThreadSummary[] }>(call(server, `/threads/counts?keys=${encodeURIComponent(key)}`))).items;
      const page = await ok<CommentThread>(call(server, threadPath(key)));
      assert.equal(page.count, summary?.count, 'the page and the list count alike');
      return summary?.count;
    };
    const deltas = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM thread_count_deltas'))[0]!.n;

    test('posting, replying, hiding and deleting count as the thread shows, before and after a fold', async () => {
      const key = 'page:/news/counted';
      const first = await post(key, 'Erster Beitrag');
      await post(key, 'Antwort darauf', first.id);
      const hidden = await post(key, 'Wird ausgeblendet');
      const deleted = await post(key, 'Wird gelöscht');
      await ok(call(server, `/comments/${hidden.id}/hidden`, { method: 'PUT', cookie: moderator }));
      assert.equal((await call(server, `/comments/${deleted.id}`, { method: 'DELETE', cookie: author })).status, 200);
      assert.equal(await counted(key), 2);
      assert.ok((await deltas()) > 0, 'the changes wait as deltas');

      await foldThreadCounts(server.db);
      assert.equal(await deltas(), 0, 'a fold takes every delta');
      assert.equal(await counted(key), 2);

      await ok(call(server, `/comments/${hidden.id}/hidden`, { method: 'DELETE', cookie: moderator }));
      const created = await post(key, 'Noch einer');
      assert.equal(created.id.length, 26);
      assert.equal(await counted(key), 4, 'restored and posted after the fold');
    });

    test('a post answers while another writer to the same thread has counted its comment and not yet committed', { skip: engine.name === 'PGlite' && 'one connection: PGlite has no concurrent writers' }, async () => {
      const key = 'page:/news/busy-thread';
      await post(key, 'Der Faden existiert');
      const { withClient } = await import('./postgres-server.ts');
      await withClient(databaseUrl!, async (client) => {
        await client.query('BEGIN');
        try {
          await client.query(
            `INSERT INTO comments (id, thread_key, author_id, body, created_at, updated_at) VALUES ('01JQ0000000000000000000000', $1, 'jonas.richter', 'offen', now(), now())`,
            [key],
          );
          // As at its commit: every trigger, deferred or not, has run and holds what it locks.
          await client.query('SET CONSTRAINTS ALL IMMEDIATE');
          const answer = await Promise.race([
            post(key, 'Kommt trotzdem durch').then(() => 'posted'),
            new Promise((resolve) => setTimeout(() => resolve('waited'), 5_000)),
          ]);
          assert.equal(answer, 'posted', 'the post waited for the other writer to finish');
        } finally {
          await client.query('ROLLBACK');
        }
      });
    });
  });
}
