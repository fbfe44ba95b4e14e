import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, type Comment, type Report } from '../../src/core/protocol.ts';
import { call, ok, problem, rowCounts, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

describe('Idempotency-Key on POST', () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startTestServer();
    cookie = await signIn(server, 'lea.neumann');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const postWithKey = (key: string, idempotencyKey: string, text: string, as = cookie) =>
    call(server, threadPath(key), { method: 'POST', cookie: as, json: { text }, headers: { 'idempotency-key': idempotencyKey } });
  const commentsIn = async (key: string) =>
    (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE thread_key = $1', [key]))[0]!.n;

  test('a retry answers the first result, status included, and posts nothing twice', async () => {
    const key = 'page:/news/retry';
    const first = await postWithKey(key, 'k-retry-1', 'Einmal, bitte.');
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const created = await ok<Comment>(first);

    const retry = await postWithKey(key, 'k-retry-1', 'Einmal, bitte.');
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await ok<Comment>(retry), created);
    assert.equal(await commentsIn(key), 1);

    await ok(postWithKey(key, 'k-retry-2', 'Einmal, bitte.'));
    assert.equal(await commentsIn(key), 2, 'a new key is a new comment, even with the same text');
  });

  test('concurrent duplicates: twenty at once with one key make exactly one comment', async () => {
    const key = 'page:/news/concurrent';
    const answers = await Promise.all(Array.from({ length: 20 }, () => postWithKey(key, 'k-concurrent', 'Schnell!')));
    assert.deepEqual([...new Set(answers.map((res) => res.status))], [201]);
    const ids = new Set(await Promise.all(answers.map(async (res) => (await ok<Comment>(res)).id)));
    assert.equal(ids.size, 1);
    assert.equal(await commentsIn(key), 1);
  });

  test('the same key for a different request is refused (422) and writes nothing', async () => {
    const key = 'page:/news/reuse';
    await ok(postWithKey(key, 'k-reuse', 'Erster Text'));
    const before = await rowCounts(server);
    const p = await problem(postWithKey(key, 'k-reuse', 'Anderer Text'), 422);
    assert.equal(p.type, PROBLEM_TYPES.idempotencyKeyReused);
    assert.equal(p.field, 'idempotency-key');
    await problem(postWithKey('page:/news/reuse-elsewhere', 'k-reuse', 'Erster Text'), 422);
    assert.deepEqual(await rowCounts(server), before);
  });

  test('keys belong to a person: two people may use the same key', async () => {
    const key = 'page:/news/shared-key';
    const other = await signIn(server, 'petra.schulz');
    const mine = await ok<Comment>(postWithKey(key, 'k-shared', 'Hallo'));
    const theirs = await ok<Comment>(postWithKey(key, 'k-shared', 'Hallo', other));
    assert.notEqual(mine.id, theirs.id);
    assert.equal(theirs.author?.id, 'petra.schulz');
  });

  test('a refused request leaves its key unused, so the corrected retry goes through', async () => {
    const key = 'page:/news/failed-first';
    await problem(postWithKey(key, 'k-failed', 'Hallo @[Max](person:max.mustermann)'), 400);
    const fixed = await postWithKey(key, 'k-failed', 'Hallo @[Lea](person:lea.neumann)');
    assert.equal(fixed.status, 201);
    assert.equal(fixed.headers.get('idempotent-replayed'), null);
  });

  test('a malformed key is a 400 on the header', async () => {
    for (const bad of ['has space', 'ü-nicode', 'x'.repeat(256)]) {
      const p = await problem(postWithKey('page:/news/bad-key', bad, 'Hallo'), 400);
      assert.equal(p.field, 'idempotency-key', bad);
    }
  });

  test('reports honour the key too; reporting again updates the open report', async () => {
    const comment = await ok<Comment>(postWithKey('page:/news/report-key', 'k-comment', 'Streitbarer Kommentar'));
    const reporter = await signIn(server, 'birgit.koch');
    const report = (reason: string, idempotencyKey?: string) =>
      call(server, `/comments/${comment.id}/reports`, {
        method: 'POST',
        cookie: reporter,
        json: { reason },
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      });
    const first = await report('Unsachlich', 'k-report');
    assert.equal(first.status, 201);
    const filed = await ok<Report>(first);
    const replay = await report('Unsachlich', 'k-report');
    assert.equal(replay.status, 201, 'the replay keeps the first status');
    assert.deepEqual(await ok<Report>(replay), filed);
    const updated = await report('Beleidigend');
    assert.equal(updated.status, 200);
    assert.deepEqual(await ok<Report>(updated), { ...filed, reason: 'Beleidigend' });
  });
});
