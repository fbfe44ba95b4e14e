import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, startTestServer, summaries, type TestServer } from './harness.ts';

const SEEDED = ['page:/news/kantine', 'page:/news/e-ladesaeulen', 'page:/news/betriebsausflug', 'page:/news/sharepoint-umzug'];

describe('refused reaction writes', () => {
  let server: TestServer;
  let cookie: string;
  before(async () => {
    server = await startTestServer({ corsOrigins: ['https://intranet.example'] });
    cookie = await signIn(server, 'ayse.demir');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  /** Runs `act` and asserts that no reaction anywhere (seeded pages, and `extra`) changed. */
  async function assertNothingWritten(extra: string[], act: () => Promise<void>): Promise<void> {
    const targets = [...SEEDED, ...extra];
    const before = await summaries(server, targets, cookie);
    await act();
    assert.deepEqual(await summaries(server, targets, cookie), before, 'a refused write writes nothing');
  }

  test('a kind outside the configured set is 400 unknownKind on field kind', async () => {
    await assertNothingWritten([], async () => {
      for (const kind of ['dislike', 'Like', 'löve', 'x'.repeat(40)]) {
        const p = await problem(call(server, reactionPath('page:/news/kantine', kind), { method: 'PUT', cookie }), 400);
        assert.equal(p.type, PROBLEM_TYPES.unknownKind, kind);
        assert.equal(p.field, 'kind');
        assert.equal(p.status, 400);
        assert.match(p.detail ?? '', /like, love/, 'the detail names the kinds that work');
      }
      await problem(call(server, reactionPath('page:/news/kantine', 'dislike'), { method: 'DELETE', cookie }), 400);
    });
  });

  test('a malformed target is 400 validation on field target', async () => {
    await assertNothingWritten(['page:/news/kantine'], async () => {
      for (const target of ['page:/news/kan tine', 'tab\there', 'x'.repeat(513)]) {
        const p = await problem(call(server, reactionPath(target, 'like'), { method: 'PUT', cookie }), 400);
        assert.equal(p.type, PROBLEM_TYPES.validation, target);
        assert.equal(p.field, 'target');
      }
    });
  });

  test('a write without a session is 401 unauthenticated', async () => {
    await assertNothingWritten(['page:/news/anonym'], async () => {
      for (const method of ['PUT', 'DELETE']) {
        const p = await problem(call(server, reactionPath('page:/news/anonym', 'like'), { method }), 401);
        assert.equal(p.type, PROBLEM_TYPES.unauthenticated);
      }
      const stale = await problem(call(server, reactionPath('page:/news/anonym', 'like'), { method: 'PUT', cookie: 'plaza_session=made-up' }), 401);
      assert.equal(stale.type, PROBLEM_TYPES.unauthenticated, 'an unknown session token is nobody');
    });
  });

  test('a write from a foreign Origin is 403 forbidden (CSRF guard), even with a valid session', async () => {
    await assertNothingWritten(['page:/news/csrf'], async () => {
      for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
        const p = await problem(
          call(server, reactionPath('page:/news/csrf', 'like'), { method: 'PUT', cookie, headers: { origin } }),
          403,
        );
        assert.equal(p.type, PROBLEM_TYPES.forbidden, origin);
      }
      await problem(call(server, '/dev/session', { method: 'POST', json: { userId: 'thomas.becker' }, headers: { origin: 'https://evil.example' } }), 403);
    });
  });

  test('same-origin and allowlisted origins may write; the allowlisted one gets credentialed CORS', async () => {
    const own = new URL(server.url).origin;
    await ok(call(server, reactionPath('page:/news/cors', 'like'), { method: 'PUT', cookie, headers: { origin: own } }));

    const res = await call(server, reactionPath('page:/news/cors', 'love'), { method: 'PUT', cookie, headers: { origin: 'https://intranet.example' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://intranet.example');
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/, 'a page may read when to retry');

    const [summary] = await summaries(server, ['page:/news/cors'], cookie);
    assert.deepEqual(summary!.mine, ['like', 'love']);
  });

  test('a read from an allowlisted origin gets credentialed CORS; one without Origin gets none, but Vary says why', async () => {
    const path = `/threads/${encodeURIComponent('page:/news/cors')}/comments`;
    const crossOrigin = await call(server, path, { headers: { origin: 'https://intranet.example' } });
    assert.equal(crossOrigin.headers.get('access-control-allow-origin'), 'https://intranet.example');
    assert.match(crossOrigin.headers.get('vary') ?? '', /Origin/);
    const plain = await call(server, path);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
    assert.match(plain.headers.get('vary') ?? '', /Origin/, 'a shared cache must not hand this answer to another origin');
  });

  test('CORS preflight: granted to the allowlist, not to others', async () => {
    const preflight = (origin: string) =>
      call(server, reactionPath('page:/news/cors', 'like'), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT' },
      });
    const granted = await preflight('https://intranet.example');
    assert.equal(granted.headers.get('access-control-allow-origin'), 'https://intranet.example');
    assert.match(granted.headers.get('access-control-allow-methods') ?? '', /PUT/);
    const refused = await preflight('https://evil.example');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('a batch is limited and checked: 1…100 well-formed targets', async () => {
    const none = await problem(call(server, '/reactions'), 400);
    assert.equal(none.field, 'targets');
    const many = Array.from({ length: 101 }, (_, i) => `targets=t${i}`).join('&');
    assert.equal((await problem(call(server, `/reactions?${many}`), 400)).field, 'targets');
    const bad = await problem(call(server, '/reactions?targets=ok&targets=not%20ok'), 400);
    assert.equal(bad.type, PROBLEM_TYPES.validation);
    assert.equal(bad.field, 'targets.1');
    const hundred = Array.from({ length: 100 }, (_, i) => `targets=t${i}`).join('&');
    assert.equal((await ok<{ items: unknown[] }>(call(server, `/reactions?${hundred}`))).items.length, 100);
  });

  test('who reacted: a kind outside the set and a forged cursor are 400', async () => {
    const kind = await problem(call(server, `${reactionPath('page:/news/kantine', 'dislike')}/people`), 400);
    assert.equal(kind.type, PROBLEM_TYPES.unknownKind);
    for (const cursor of ['garbage', Buffer.from('["yesterday","x"]').toString('base64url')]) {
      const p = await problem(call(server, `${reactionPath('page:/news/kantine', 'like')}/people?cursor=${cursor}`), 400);
      assert.equal(p.field, 'cursor');
    }
    assert.equal((await problem(call(server, `${reactionPath('page:/news/kantine', 'like')}/people?limit=0`), 400)).field, 'limit');
  });
});
