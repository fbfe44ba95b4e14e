/**
 * Issue 16, item 1 on the server: what a write says about the page a thread
 * (or a reaction bar) is on, and what the feed makes of it (decision 73).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityPage, ThreadPage } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, threadPath, useTestServer } from './harness.ts';

describe('thread pages', () => {
  const server = useTestServer();
  let cookie = '';
  const key = () => `page:/test/pages-${crypto.randomUUID()}`;
  const pageOf = async (place: string): Promise<ThreadPage | null | undefined> => {
    const feed = await ok<ActivityPage>(call(server, `/activities?scope=${encodeURIComponent(`space:${place}`)}&limit=1`));
    return feed.items[0]?.target?.page;
  };
  const comment = (thread: string, page: ThreadPage, origin?: string) =>
    ok(call(server, threadPath(thread), { method: 'POST', cookie: cookie || undefined, json: { text: 'Hallo', page }, headers: origin ? { origin } : {} }));
  const react = (target: string, body?: unknown, origin?: string, kind = 'like') =>
    call(server, reactionPath(target, kind), { method: 'PUT', cookie, json: body, headers: origin ? { origin } : {} });

  test('a browser names only pages of its own origin; a tool without Origin any http(s) page', async () => {
    cookie = await signIn(server, 'sophie.hartmann');
    const own = server.api.replace(/\/api\/v1$/, '');
    const thread = key();
    await comment(thread, { url: 'https://elsewhere.example/phish', title: 'Fremd' }, own);
    assert.equal(await pageOf(thread), null, 'a page of another origin is dropped');
    await comment(thread, { url: `${own}/demo/seite.html`, title: 'Eigene' }, own);
    assert.deepEqual(await pageOf(thread), { url: `${own}/demo/seite.html`, title: 'Eigene' });
    await comment(thread, { url: 'https://intranet.example/b', title: 'Werkzeug' });
    assert.deepEqual(await pageOf(thread), { url: 'https://intranet.example/b', title: 'Werkzeug' });
  });

  test('a reaction fills in a missing page and a new title, but never moves the page', async () => {
    const target = key();
    assert.equal((await react(target)).status, 200, 'a PUT without a body still reacts');
    assert.equal(await pageOf(target), null);
    await ok(react(target, { page: { url: 'https://intranet.example/artikel', title: 'Artikel' } }, undefined, 'love'));
    assert.deepEqual(await pageOf(target), { url: 'https://intranet.example/artikel', title: 'Artikel' });
    await ok(react(target, { page: { url: 'https://intranet.example/', title: 'Startseite' } }, undefined, 'insight'));
    assert.deepEqual(await pageOf(target), { url: 'https://intranet.example/artikel', title: 'Artikel' }, 'a teaser elsewhere does not move it');
    await ok(react(target, { page: { url: 'https://intranet.example/artikel', title: 'Artikel, neu' } }, undefined, 'surprise'));
    assert.deepEqual(await pageOf(target), { url: 'https://intranet.example/artikel', title: 'Artikel, neu' });
    await ok(react(target, {}, undefined, 'celebrate'));
    assert.equal((await problem(react(target, { page: { url: 1 } }), 400)).type, 'urn:plaza:problem:validation');
    assert.equal((await problem(react(target, { icon: 'x' }), 400)).type, 'urn:plaza:problem:validation');
  });

  test('a comment’s page wins over a reaction’s, and a reaction to a comment leaves the thread’s page alone', async () => {
    const thread = key();
    await comment(thread, { url: 'https://intranet.example/news/a', title: 'A' });
    const [{ id }] = [await ok<{ id: string }>(call(server, threadPath(thread), { method: 'POST', cookie, json: { text: 'Noch einer' } }))];
    await ok(react(`comment:${id}`, { page: { url: 'https://intranet.example/', title: 'Startseite' } }));
    const feed = await ok<ActivityPage>(call(server, `/activities?scope=${encodeURIComponent(`space:${thread}`)}&kinds=reaction&limit=1`));
    assert.deepEqual(feed.items[0]?.target, { key: thread, page: { url: 'https://intranet.example/news/a', title: 'A' } });
    const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM threads WHERE key = $1', [`comment:${id}`]);
    assert.equal(row!.n, 0, 'no thread row for a comment target');
  });

  test('a status post in a space carries the space and its page as target', async () => {
    const space = `page:/test/space-${crypto.randomUUID()}/`;
    await ok(react(space, { page: { url: 'https://intranet.example/bereich', title: 'Bereich' } }));
    await ok(call(server, '/activities', { method: 'POST', cookie, headers: { 'idempotency-key': crypto.randomUUID() }, json: { text: 'Im Bereich', space } }));
    const feed = await ok<ActivityPage>(call(server, `/activities?scope=${encodeURIComponent(`space:${space}`)}&kinds=status&limit=1`));
    assert.deepEqual(feed.items[0]?.target, { key: space, page: { url: 'https://intranet.example/bereich', title: 'Bereich' } });
  });
});
