import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, ok, problem, rowCounts, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * Every kind of bad input the issue lists, one test each: a specific
 * problem+json, `field` where there is one, and not one row written anywhere.
 */
describe('bad input', () => {
  let server: TestServer;
  /** Filled in `before`: what the cases send. */
  const ctx = { author: '', other: '', moderator: '', commentId: '' };
  before(async () => {
    server = await startTestServer();
    ctx.author = await signIn(server, 'lukas.schneider');
    ctx.other = await signIn(server, 'heike.wolf');
    ctx.moderator = await signIn(server, 'julia.schmitt');
    const res = await call(server, threadPath('page:/news/bad-input'), { method: 'POST', cookie: ctx.author, json: { text: 'Ein Kommentar' } });
    ctx.commentId = (await ok<{ id: string }>(res)).id;
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, [], 'bad input never reaches a 500');
  });

  const THREAD = threadPath('page:/news/bad-input');
  const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
  /** A body sent as given (bytes or text), with a content type of choice. */
  const raw = (path: string, method: string, body: string | Uint8Array, contentType = 'application/json') =>
    fetch(server.api + path, { method, headers: { cookie: ctx.author, 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const asAuthor = (path: string, method: string, json?: unknown, headers?: Record<string, string>) =>
    call(server, path, { method, cookie: ctx.author, json, headers });
  const cursor = (values: unknown[]) => encodeURIComponent(Buffer.from(JSON.stringify(values)).toString('base64url'));

  const CASES: Array<{ name: string; send: () => Promise<Response>; status: number; type: string; field?: string; detail?: RegExp }> = [
    { name: 'malformed JSON', send: () => raw(THREAD, 'POST', '{"text": "Hallo"'), status: 400, type: 'validation', detail: /not valid JSON/ },
    { name: 'JSON that is not an object', send: () => raw(THREAD, 'POST', '"Hallo"'), status: 400, type: 'validation' },
    { name: 'an empty body', send: () => raw(THREAD, 'POST', ''), status: 400, type: 'validation' },
    { name: 'a body that is not JSON', send: () => raw(THREAD, 'POST', 'text=Hallo', 'application/x-www-form-urlencoded'), status: 415, type: 'validation' },
    { name: 'invalid UTF-8', send: () => raw(THREAD, 'POST', new Uint8Array([...Buffer.from('{"text":"Gr'), 0xc3, 0x28, ...Buffer.from('e"}')])), status: 400, type: 'validation', detail: /UTF-8/ },
    { name: 'a wrong type', send: () => asAuthor(THREAD, 'POST', { text: 42 }), status: 400, type: 'validation', field: 'text' },
    { name: 'a wrong type (version as text)', send: () => asAuthor(`/comments/${ctx.commentId}`, 'PATCH', { text: 'Neu', version: '1' }), status: 400, type: 'validation', field: 'version' },
    { name: 'a version that cannot exist', send: () => asAuthor(`/comments/${ctx.commentId}`, 'PATCH', { text: 'Neu', version: 0 }), status: 400, type: 'validation', field: 'version' },
    { name: 'a missing field', send: () => asAuthor(THREAD, 'POST', {}), status: 400, type: 'validation', field: 'text' },
    { name: 'an unknown field', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo', authorId: 'julia.schmitt' }), status: 400, type: 'validation', field: 'authorId' },
    { name: 'an unknown field in a report', send: () => asAuthor(`/comments/${ctx.commentId}/reports`, 'POST', { reason: 'Spam', severity: 9 }), status: 400, type: 'validation', field: 'severity' },
    { name: 'a blank comment', send: () => asAuthor(THREAD, 'POST', { text: ' \n\t ' }), status: 400, type: 'validation', field: 'text' },
    { name: 'a NUL character', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo\u0000Welt' }), status: 400, type: 'validation', field: 'text' },
    { name: 'a lone surrogate', send: () => raw(THREAD, 'POST', '{"text":"Hallo \\ud800"}'), status: 400, type: 'validation', field: 'text' },
    { name: 'an overlong comment', send: () => asAuthor(THREAD, 'POST', { text: 'x'.repeat(10_001) }), status: 400, type: 'validation', field: 'text' },
    { name: 'an overlong report reason', send: () => asAuthor(`/comments/${ctx.commentId}/reports`, 'POST', { reason: 'x'.repeat(1001) }), status: 400, type: 'validation', field: 'reason' },
    { name: 'an oversized body', send: () => asAuthor(THREAD, 'POST', { text: 'x'.repeat(70_000) }), status: 413, type: 'tooLarge' },
    { name: 'an overlong key', send: () => asAuthor(threadPath(`page:/${'x'.repeat(512)}`), 'POST', { text: 'Hallo' }), status: 400, type: 'validation', field: 'key' },
    { name: 'a key with a space', send: () => asAuthor(threadPath('page:/news/bad input'), 'POST', { text: 'Hallo' }), status: 400, type: 'validation', field: 'key' },
    { name: 'a key with a control character', send: () => call(server, threadPath('page:/news/\u0007')), status: 400, type: 'validation', field: 'key' },
    { name: 'too many keys in a batch', send: () => call(server, `/threads/counts?${Array.from({ length: 101 }, (_, i) => `keys=k${i}`).join('&')}`), status: 400, type: 'validation', field: 'keys' },
    { name: 'a malformed comment id', send: () => asAuthor('/comments/not-a-comment', 'PATCH', { text: 'Neu', version: 1 }), status: 400, type: 'validation', field: 'id' },
    { name: 'a malformed parent id', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo', parentId: 'x' }), status: 400, type: 'validation', field: 'parentId' },
    { name: 'an unknown sort', send: () => call(server, `${THREAD}?sort=random`), status: 400, type: 'validation', field: 'sort' },
    { name: 'an unknown notification channel', send: () => asAuthor('/me/notification-settings', 'PUT', { kinds: { mention: 'pigeon' } }), status: 400, type: 'validation', field: 'kinds.mention' },
    { name: 'an unknown notification kind', send: () => asAuthor('/me/notification-settings', 'PUT', { kinds: { gossip: 'off' } }), status: 400, type: 'validation', field: 'kinds.gossip' },
    { name: 'marking read with neither ids nor all', send: () => asAuthor('/notifications/read', 'POST', {}), status: 400, type: 'validation', field: 'ids' },
    { name: 'a malformed notification id', send: () => asAuthor('/notifications/read', 'POST', { ids: ['x'] }), status: 400, type: 'validation', field: 'ids.0' },
    { name: 'a forged notifications cursor', send: () => asAuthor(`/notifications?cursor=${cursor(['2026-01-01T00:00:00.000000Z', 'x'])}`, 'GET'), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a limit out of range', send: () => call(server, `${THREAD}?limit=0`), status: 400, type: 'validation', field: 'limit' },
    { name: 'a cursor that is garbage', send: () => call(server, `${THREAD}?cursor=garbage`), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a forged cursor with an impossible date', send: () => call(server, `${THREAD}?cursor=${cursor(['newest', '2026-02-30T00:00:00.000000Z', 0, '2026-02-30T00:00:00.000000Z', UNKNOWN_ID])}`), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a forged cursor with a huge score', send: () => call(server, `${THREAD}?sort=top&cursor=${cursor(['top', '2026-01-01T00:00:00.000000Z', 2 ** 40, '2026-01-01T00:00:00.000000Z', UNKNOWN_ID])}`), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a forged "who reacted" cursor with an impossible date', send: () => call(server, `/reactions/page%3A%2Fnews%2Fkantine/like/people?cursor=${cursor(['2026-02-30T00:00:00.000000Z', 'x'])}`), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a garbage replies cursor', send: () => call(server, `/comments/${ctx.commentId}/replies?cursor=${cursor([1, 2])}`), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a garbage reports cursor', send: () => call(server, '/moderation/reports?cursor=%7B%7D', { cookie: ctx.moderator }), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a malformed Idempotency-Key', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo' }, { 'idempotency-key': 'mit Leerzeichen' }), status: 400, type: 'validation', field: 'idempotency-key' },
    { name: 'an unknown thread (reopening)', send: () => call(server, threadPath('page:/news/never', '/closed'), { method: 'DELETE', cookie: ctx.moderator }), status: 404, type: 'notFound', field: 'key' },
    { name: 'an unknown comment (edit)', send: () => asAuthor(`/comments/${UNKNOWN_ID}`, 'PATCH', { text: 'Neu', version: 1 }), status: 404, type: 'notFound', field: 'id' },
    { name: 'an unknown comment (delete)', send: () => asAuthor(`/comments/${UNKNOWN_ID}`, 'DELETE'), status: 404, type: 'notFound', field: 'id' },
    { name: 'an unknown comment (report)', send: () => asAuthor(`/comments/${UNKNOWN_ID}/reports`, 'POST', { reason: 'Spam' }), status: 404, type: 'notFound', field: 'id' },
    { name: 'an unknown comment (replies)', send: () => call(server, `/comments/${UNKNOWN_ID}/replies`), status: 404, type: 'notFound', field: 'id' },
    { name: 'an unknown parent', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo', parentId: UNKNOWN_ID }), status: 404, type: 'notFound', field: 'parentId' },
    { name: 'an unknown person', send: () => call(server, '/people/max.mustermann'), status: 404, type: 'notFound', field: 'id' },
    { name: 'an unknown person (follow)', send: () => asAuthor('/people/max.mustermann/follow', 'PUT'), status: 404, type: 'notFound', field: 'id' },
    { name: 'an unknown person (mention)', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo @[Max](person:max.mustermann)' }), status: 400, type: 'unknownMention', field: 'text' },
    { name: 'a person id with a control character', send: () => call(server, '/people/ayse%00demir'), status: 400, type: 'validation', field: 'id' },
    { name: 'a search with a control character', send: () => call(server, '/people?q=ay%07se'), status: 400, type: 'validation', field: 'q' },
    { name: 'a missing session', send: () => call(server, THREAD, { method: 'POST', json: { text: 'Hallo' } }), status: 401, type: 'unauthenticated' },
    { name: 'a forged session', send: () => call(server, THREAD, { method: 'POST', cookie: 'plaza_session=forged-token', json: { text: 'Hallo' } }), status: 401, type: 'unauthenticated' },
    { name: 'a forged session (erase me)', send: () => call(server, '/me', { method: 'DELETE', cookie: 'plaza_session=forged-token' }), status: 401, type: 'unauthenticated' },
    { name: 'a foreign origin', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo' }, { origin: 'https://evil.example' }), status: 403, type: 'forbidden' },
    { name: "deleting someone else's comment", send: () => call(server, `/comments/${ctx.commentId}`, { method: 'DELETE', cookie: ctx.other }), status: 403, type: 'forbidden' },
    { name: 'moderating without being a moderator', send: () => call(server, `/comments/${ctx.commentId}/hidden`, { method: 'PUT', cookie: ctx.other }), status: 403, type: 'forbidden' },
    { name: 'a page that is not a URL string', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo', page: { url: 42 } }), status: 400, type: 'validation', field: 'page.url' },
    { name: 'an unknown field in a page', send: () => asAuthor(THREAD, 'POST', { text: 'Hallo', page: { url: 'https://a.example/', icon: 'x' } }), status: 400, type: 'validation', field: 'page.icon' },
    { name: 'an unknown feed scope', send: () => call(server, '/activities?scope=everyone'), status: 400, type: 'validation', field: 'scope' },
    { name: 'a feed scope with a space', send: () => call(server, `/activities?scope=${encodeURIComponent('space:page:/a b')}`), status: 400, type: 'validation', field: 'scope' },
    { name: 'an unknown person (feed)', send: () => call(server, '/activities?scope=user%3Amax.mustermann'), status: 404, type: 'notFound', field: 'scope' },
    { name: 'the following feed signed out', send: () => call(server, '/activities?scope=following'), status: 401, type: 'unauthenticated' },
    { name: 'an unknown activity kind', send: () => call(server, '/activities?kinds=dislike'), status: 400, type: 'validation', field: 'kinds.0' },
    { name: 'a feed limit out of range', send: () => call(server, '/activities?limit=51'), status: 400, type: 'validation', field: 'limit' },
    { name: 'a forged feed cursor with an impossible date', send: () => call(server, `/activities?cursor=${cursor(['2026-02-30T00:00:00.000000Z', UNKNOWN_ID])}`), status: 400, type: 'validation', field: 'cursor' },
    { name: 'a blank status post', send: () => asAuthor('/activities', 'POST', { text: '  ' }), status: 400, type: 'validation', field: 'text' },
    { name: 'an overlong status post', send: () => asAuthor('/activities', 'POST', { text: 'x'.repeat(10_001) }), status: 400, type: 'validation', field: 'text' },
    { name: 'an unknown field in a status post', send: () => asAuthor('/activities', 'POST', { text: 'Hallo', actorId: 'julia.schmitt' }), status: 400, type: 'validation', field: 'actorId' },
    { name: 'a status post to a malformed space', send: () => asAuthor('/activities', 'POST', { text: 'Hallo', space: 'page:/a b' }), status: 400, type: 'validation', field: 'space' },
    { name: 'an unknown person (status mention)', send: () => asAuthor('/activities', 'POST', { text: 'Hallo @[Max](person:max.mustermann)' }), status: 400, type: 'unknownMention', field: 'text' },
    { name: 'a status post without a session', send: () => call(server, '/activities', { method: 'POST', json: { text: 'Hallo' } }), status: 401, type: 'unauthenticated' },
    { name: 'a status post from a foreign origin', send: () => asAuthor('/activities', 'POST', { text: 'Hallo' }, { origin: 'https://evil.example' }), status: 403, type: 'forbidden' },
    { name: 'a malformed activity id', send: () => asAuthor('/activities/not-an-id', 'DELETE'), status: 400, type: 'validation', field: 'id' },
    { name: 'an unknown activity (delete)', send: () => asAuthor(`/activities/${UNKNOWN_ID}`, 'DELETE'), status: 404, type: 'notFound', field: 'id' },
  ];

  for (const { name, send, status, type, field, detail } of CASES) {
    test(`${name}: ${status} ${type}${field ? ` on ${field}` : ''}, nothing written`, async () => {
      const before = await rowCounts(server);
      const p = await problem(send(), status);
      assert.equal(p.type, PROBLEM_TYPES[type as keyof typeof PROBLEM_TYPES]);
      assert.equal(p.status, status);
      assert.equal(p.field, field);
      if (detail) assert.match(p.detail ?? '', detail);
      assert.deepEqual(await rowCounts(server), before);
    });
  }
});
