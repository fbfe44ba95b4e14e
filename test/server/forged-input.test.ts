import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES } from '../../src/core/protocol.ts';
import { call, ok, problem, rowCounts, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';

/**
 * Input a browser never sends but an attacker can: forged cursors whose values
 * the database refuses (year 0), control characters in ids, lone surrogates,
 * invisible-only comments and broken percent-escapes. Each is a 400 naming
 * the field, on PGlite and on PostgreSQL alike, and writes nothing.
 */
for (const backend of ['PGlite', 'PostgreSQL'] as const) {
  describe(`forged input (${backend})`, { skip: backend === 'PostgreSQL' ? skipPostgres : undefined }, () => {
    let server: TestServer;
    const ctx = { author: '', moderator: '', commentId: '' };
    before(async () => {
      server = await startTestServer(backend === 'PostgreSQL' ? { databaseUrl: await freshDatabase() } : { dataDir: 'memory://' });
      ctx.author = await signIn(server, 'lukas.schneider');
      ctx.moderator = await signIn(server, 'julia.schmitt');
      const res = await call(server, threadPath('page:/news/forged'), { method: 'POST', cookie: ctx.author, json: { text: 'Ein Kommentar' } });
      ctx.commentId = (await ok<{ id: string }>(res)).id;
    });
    after(async () => {
      await server.close();
      assert.deepEqual(server.errors, [], 'forged input never reaches a 500');
    });

    const THREAD = threadPath('page:/news/forged');
    const ULID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
    const YEAR_0 = '0000-01-01T00:00:00.000000Z';
    const cursor = (values: unknown[]) => encodeURIComponent(Buffer.from(JSON.stringify(values)).toString('base64url'));
    /** A JSON body sent as written, so `\ud800` arrives as a lone surrogate escape. */
    const rawJson = (path: string, method: string, body: string, cookie = ctx.author) =>
      fetch(server.api + path, { method, headers: { cookie, 'content-type': 'application/json' }, body });
    const asAuthor = (path: string, method: string, json?: unknown) => call(server, path, { method, cookie: ctx.author, json });

    const CASES: Array<{ name: string; send: () => Promise<Response>; field: string; detail?: RegExp }> = [
      { name: 'a feed cursor in year 0', send: () => call(server, `/activities?cursor=${cursor([YEAR_0, ULID])}`), field: 'cursor' },
      { name: 'a thread cursor in year 0', send: () => call(server, `${THREAD}?cursor=${cursor(['newest', YEAR_0, 0, YEAR_0, ULID])}`), field: 'cursor' },
      { name: 'a replies cursor in year 0', send: () => call(server, `/comments/${ctx.commentId}/replies?cursor=${cursor([YEAR_0, ULID])}`), field: 'cursor' },
      { name: 'a "who reacted" cursor in year 0', send: () => call(server, `/reactions/page%3A%2Fnews%2Fkantine/like/people?cursor=${cursor([YEAR_0, 'anna.lehmann'])}`), field: 'cursor' },
      { name: 'a reports cursor in year 0', send: () => call(server, `/moderation/reports?cursor=${cursor([YEAR_0, ULID])}`, { cookie: ctx.moderator }), field: 'cursor' },
      { name: 'a "who reacted" cursor with a lone surrogate in the person id', send: () => call(server, `/reactions/page%3A%2Fnews%2Fkantine/like/people?cursor=${cursor(['2026-01-01T00:00:00.000000Z', 'anna\ud800'])}`), field: 'cursor' },
      { name: 'a NUL in the dev sign-in userId', send: () => call(server, '/dev/session', { method: 'POST', json: { userId: 'ayse\u0000demir' } }), field: 'userId' },
      { name: 'a lone surrogate in the dev sign-in userId', send: () => rawJson('/dev/session', 'POST', '{"userId":"ayse\\ud800"}', ''), field: 'userId' },
      { name: "a lone surrogate in a status post's space", send: () => rawJson('/activities', 'POST', '{"text":"Hallo","space":"page:/news/\\ud800"}'), field: 'space', detail: /well-formed Unicode/ },
      { name: 'a comment of zero-width spaces', send: () => asAuthor(THREAD, 'POST', { text: '\u200b\u200b\u200b' }), field: 'text', detail: /empty/ },
      { name: 'a comment of Hangul fillers', send: () => asAuthor(THREAD, 'POST', { text: '\u3164\u3164' }), field: 'text', detail: /empty/ },
      { name: 'a comment of braille blanks and a BOM', send: () => asAuthor(THREAD, 'POST', { text: '\u2800 \ufeff\n\u2800' }), field: 'text', detail: /empty/ },
      { name: 'an edit to word joiners and soft hyphens', send: () => asAuthor(`/comments/${ctx.commentId}`, 'PATCH', { text: '\u2060\u00ad\u200d', version: 1 }), field: 'text', detail: /empty/ },
      { name: 'a status post of invisible characters', send: () => asAuthor('/activities', 'POST', { text: '\u200c\u3164\u2800' }), field: 'text', detail: /empty/ },
      { name: 'a report reason of invisible characters', send: () => asAuthor(`/comments/${ctx.commentId}/reports`, 'POST', { reason: '\u200b\u3164' }), field: 'reason', detail: /empty/ },
      { name: 'a thread key with %ZZ', send: () => call(server, '/threads/page%3A%2Fnews%ZZ/comments'), field: 'key', detail: /percent/ },
      { name: 'a thread key with a cut-off UTF-8 escape (posting)', send: () => asAuthor('/threads/page%3A%2Fnews%E0%A4%A/comments', 'POST', { text: 'Hallo' }), field: 'key', detail: /percent/ },
      { name: 'a reaction target with an escaped surrogate', send: () => asAuthor('/reactions/page%3A%2Fx%ED%A0%80/like', 'PUT'), field: 'target', detail: /percent/ },
      { name: 'a person id with %G0', send: () => call(server, '/people/anna%G0'), field: 'id', detail: /percent/ },
      { name: 'a query key with %ZZ', send: () => call(server, '/threads/counts?keys=page%3A%2Fa%ZZ'), field: 'keys', detail: /percent/ },
      { name: 'a person id list with an escaped surrogate', send: () => call(server, '/people?ids=anna%ED%A0%80'), field: 'ids', detail: /percent/ },
    ];

    for (const { name, send, field, detail } of CASES) {
      test(`${name}: 400 validation on ${field}, nothing written`, async () => {
        const before = await rowCounts(server);
        const p = await problem(send(), 400);
        assert.equal(p.type, PROBLEM_TYPES.validation);
        assert.equal(p.field, field);
        if (detail) assert.match(p.detail ?? '', detail);
        assert.deepEqual(await rowCounts(server), before);
      });
    }

    test('a refused dev sign-in leaves the session it came with as it was', async () => {
      const cookie = await signIn(server, 'heike.wolf');
      await problem(call(server, '/dev/session', { method: 'POST', cookie, json: { userId: 'max.mustermann' } }), 404);
      await problem(call(server, '/dev/session', { method: 'POST', cookie, json: { userId: 'heike\u0000wolf' } }), 400);
      const me = await ok<{ user: { id: string } | null }>(call(server, '/me', { cookie }));
      assert.equal(me.user?.id, 'heike.wolf');
    });

    test('percent-escapes that decode well still work, including an escaped percent sign', async () => {
      const key = 'page:/news/100%ZZ-ä';
      const posted = await ok<{ threadKey: string }>(asAuthor(threadPath(key), 'POST', { text: 'Hallo' }));
      assert.equal(posted.threadKey, key);
    });

    test('a comment with visible text among invisible characters is kept as written', async () => {
      const text = '\u200bHallo\u2060';
      const posted = await ok<{ text: string }>(asAuthor(THREAD, 'POST', { text }));
      assert.equal(posted.text, text);
    });
  });
}
