import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Comment } from '../../src/core/protocol.ts';
import { call, ok, signIn, threadPath, useTestServer } from './harness.ts';
import { openSse } from './sse.ts';

/**
 * Answers that depend on who asks (their name, their reactions, whom they
 * follow, what a moderator may see) must never be kept by a shared cache or
 * reused by the browser for someone else: every API read says so, signed in
 * or not, because a signed-out answer kept by a proxy would show a signed-in
 * colleague as signed out (and the other way round). Thread pages keep their
 * ETag and revalidate instead (decision 45).
 */
describe('caching of personal answers', () => {
  const server = useTestServer();
  const THREAD = 'page:/news/cache-control';
  let reader: string;
  let moderator: string;
  let comment: Comment;

  before(async () => {
    reader = await signIn(server, 'ayse.demir');
    moderator = await signIn(server, 'katharina.weber');
    comment = await ok<Comment>(call(server, threadPath(THREAD), { method: 'POST', cookie: reader, json: { text: 'Wer cached hier?' } }));
  });

  const reads = (): string[] => {
    const target = encodeURIComponent(`comment:${comment.id}`);
    return [
      '/me',
      '/people/katharina.weber',
      '/people?ids=katharina.weber,ayse.demir',
      '/people?q=weber',
      '/activities?scope=following',
      '/activities?scope=all',
      '/activities?scope=user:katharina.weber',
      `/reactions?targets=${target}`,
      `/reactions/${target}/like/people`,
      `/comments/${comment.id}/replies`,
      '/threads/counts?keys=' + encodeURIComponent(THREAD),
      '/events/poll?topics=activities:following&after=0',
    ];
  };

  for (const [who, cookie] of [
    ['signed out', () => undefined],
    ['signed in', () => reader],
    ['a moderator', () => moderator],
  ] as const) {
    test(`every read is private and not stored (${who})`, async () => {
      for (const path of reads()) {
        const res = await call(server, path, { cookie: cookie() });
        await res.arrayBuffer();
        // Signed out, the following feed is a 401: a refusal must not be kept either.
        assert.ok(res.status === 200 || (path.includes('following') && res.status === 401), `${path}: ${res.status}`);
        assert.equal(res.headers.get('cache-control'), 'private, no-store', `${path} (${who})`);
      }
    });
  }

  test('the event stream, whose following feed depends on who asks, is private too', async () => {
    const stream = await openSse(`${server.api}/events?topics=activities:following`, { cookie: reader });
    try {
      assert.equal(stream.response.headers.get('cache-control'), 'private, no-cache, no-transform');
    } finally {
      stream.close();
    }
  });

  test('a moderator’s moderation queue is private and not stored', async () => {
    const res = await call(server, '/moderation/reports', { cookie: moderator });
    await res.arrayBuffer();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
  });

  test('refusals and errors are not stored either', async () => {
    for (const [path, status] of [
      ['/moderation/reports', 401],
      ['/people/nobody.here', 404],
      ['/nothing/here', 404],
    ] as const) {
      const res = await call(server, path);
      await res.arrayBuffer();
      assert.equal(res.status, status, path);
      assert.equal(res.headers.get('cache-control'), 'private, no-store', path);
    }
  });

  test('a thread page revalidates with its ETag (readers), and is not stored for moderators', async () => {
    for (const cookie of [undefined, reader]) {
      const res = await call(server, threadPath(THREAD), { cookie });
      await res.arrayBuffer();
      assert.equal(res.headers.get('cache-control'), 'private, no-cache');
      const etag = res.headers.get('etag');
      assert.ok(etag, 'an ETag');
      const again = await call(server, threadPath(THREAD), { cookie, headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('cache-control'), 'private, no-cache');
    }
    const res = await call(server, threadPath(THREAD), { cookie: moderator });
    await res.arrayBuffer();
    assert.equal(res.headers.get('etag'), null);
    assert.equal(res.headers.get('cache-control'), 'private, no-store', 'the moderator’s view shows hidden comments');
  });

  test('the demo and the API reference tell browsers not to send their address to other sites', async () => {
    for (const path of ['demo/', 'demo/index.html', 'demo/design.css', 'api/docs']) {
      const res = await fetch(server.url + path);
      await res.arrayBuffer();
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('referrer-policy'), 'same-origin', path);
    }
  });
});
