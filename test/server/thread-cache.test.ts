import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROFILE_FIELDS } from '../../server/config/privacy.ts';
import type { Database } from '../../server/db.ts';
import { EventBus } from '../../server/events/bus.ts';
import { ThreadCache } from '../../server/store/thread-cache.ts';
import type { Comment, CommentThread, ThreadComment } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, startTestServer, threadPath, useTestServer, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres, withClient } from './postgres-server.ts';

/**
 * The thread page cache (server/store/thread-cache.ts): a GET after any write
 * that changes a page shows the change, on the instance that wrote it and on
 * another one, whether or not the write announced itself with an event.
 * Every test first reads the page (twice, so the second answer comes from
 * the cache), then writes, then reads again at once: no waiting for events.
 */

type Options = { cookie?: string; query?: string; headers?: Record<string, string> };

function helpers(server: () => TestServer) {
  const read = (key: string, { cookie, query = '', headers }: Options = {}) => call(server(), threadPath(key) + query, { cookie, headers });
  const page = (key: string, options: Options = {}) => ok<CommentThread>(read(key, options));
  /** Reads twice: the second answer is the cached one. */
  const warm = async (key: string, options: Options = {}) => {
    await page(key, options);
    return page(key, options);
  };
  const post = (key: string, text: string, cookie: string, parentId?: string) =>
    ok<Comment>(call(server(), threadPath(key), { method: 'POST', cookie, json: parentId ? { text, parentId } : { text } }));
  const react = (comment: Comment, kind: string, cookie: string, method = 'PUT') => ok(call(server(), reactionPath(`comment:${comment.id}`, kind), { method, cookie }));
  return { read, page, warm, post, react };
}

const texts = (page: CommentThread) => page.items.map((item) => item.text);
const find = (page: CommentThread, id: string): ThreadComment | undefined => page.items.find((item) => item.id === id);

describe('thread cache: a GET after a write shows it', () => {
  const server = useTestServer();
  const { read, page, warm, post, react } = helpers(() => server);
  let anna: string;
  let jonas: string;
  let marie: string;
  let moderator: string;
  before(async () => {
    anna = await signIn(server, 'anna.lehmann');
    jonas = await signIn(server, 'jonas.richter');
    marie = await signIn(server, 'marie.klein');
    moderator = await signIn(server, 'julia.schmitt');
  });

  test('an unchanged page is answered from the cache: the same ETag, and 304 for If-None-Match', async () => {
    const key = 'page:/cache/etag';
    const first = await post(key, 'Erster Beitrag', anna);
    await warm(key);
    const a = await read(key);
    const b = await read(key);
    const etag = a.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]+"$/);
    assert.equal(b.headers.get('etag'), etag);
    assert.equal(a.headers.get('cache-control'), 'private, no-cache');
    assert.equal(await a.text(), await b.text());

    const notModified = await read(key, { headers: { 'if-none-match': `W/${etag}` } });
    assert.equal(notModified.status, 304);
    assert.equal(await notModified.text(), '');
    assert.equal(notModified.headers.get('etag'), etag);

    await react(first, 'like', jonas);
    const changed = await read(key, { headers: { 'if-none-match': etag! } });
    assert.equal(changed.status, 200, 'a reaction changed the page, so its ETag');
    assert.notEqual(changed.headers.get('etag'), etag);
    const mine = await read(key, { cookie: jonas });
    assert.notEqual(mine.headers.get('etag'), changed.headers.get('etag'), "a reader's own reactions are part of the ETag");
  });

  test('the cache is really used: a text changed in the database without an event stays unseen', async () => {
    // This is the contract, not a wish: every write through Plaza publishes an event. A script that
    // edits a text behind Plaza's back must restart it (or go through the API).
    const key = 'page:/cache/really-used';
    const comment = await post(key, 'Original', anna);
    await warm(key);
    await server.db.query("UPDATE comments SET body = 'Hinterrücks' WHERE id = $1", [comment.id]);
    assert.deepEqual(texts(await page(key)), ['Original']);
    await post(key, 'Noch einer', jonas);
    assert.deepEqual(texts(await page(key)), ['Noch einer', 'Hinterrücks'], 'the next event about the thread drops the page');
  });

  test('posting, replying, editing and deleting show at once', async () => {
    const key = 'page:/cache/writes';
    const first = await post(key, 'Erster', anna);
    await warm(key);
    await warm(key, { cookie: jonas });

    const second = await post(key, 'Zweiter', jonas);
    let now = await page(key);
    assert.deepEqual(texts(now), ['Zweiter', 'Erster']);
    assert.equal(now.count, 2);

    const reply = await post(key, 'Eine Antwort', marie, first.id);
    now = await page(key, { cookie: jonas });
    assert.deepEqual(find(now, first.id)!.replies.map((r) => r.text), ['Eine Antwort']);
    assert.equal(find(now, first.id)!.replyCount, 1);

    await ok(call(server, `/comments/${reply.id}`, { method: 'PATCH', cookie: marie, json: { text: 'Bearbeitet', version: 1 } }));
    now = await page(key);
    assert.deepEqual(find(now, first.id)!.replies.map((r) => [r.text, r.version]), [['Bearbeitet', 2]]);

    await ok(call(server, `/comments/${second.id}`, { method: 'DELETE', cookie: jonas }));
    now = await page(key, { cookie: jonas });
    assert.deepEqual(texts(now), ['Erster']);
    assert.equal(now.count, 2);
  });

  test('hiding and restoring: readers see the placeholder at once, moderators the text', async () => {
    const key = 'page:/cache/hidden';
    const comment = await post(key, 'Unfreundlich', anna);
    await warm(key);
    await warm(key, { cookie: marie });
    await ok(call(server, `/comments/${comment.id}/hidden`, { method: 'PUT', cookie: moderator }));
    for (const cookie of [undefined, marie, anna]) {
      const hidden = (await page(key, { cookie })).items[0]!;
      assert.deepEqual([hidden.state, hidden.text, hidden.author], ['hidden', '', null]);
    }
    const forModerator = (await page(key, { cookie: moderator })).items[0]!;
    assert.deepEqual([forModerator.state, forModerator.text, forModerator.author?.id], ['hidden', 'Unfreundlich', 'anna.lehmann']);
    assert.equal((await read(key, { cookie: moderator })).headers.get('etag'), null, 'moderators are not served from the cache');

    await ok(call(server, `/comments/${comment.id}/hidden`, { method: 'DELETE', cookie: moderator }));
    const restored = (await page(key, { cookie: marie })).items[0]!;
    assert.deepEqual([restored.state, restored.text, restored.author?.id], ['published', 'Unfreundlich', 'anna.lehmann']);
  });

  test("a reaction changes the counts for everyone and `mine` for the one who reacted, replies' too", async () => {
    const key = 'page:/cache/reactions';
    const comment = await post(key, 'Gefällt das?', anna);
    const reply = await post(key, 'Mir schon', jonas, comment.id);
    await warm(key, { cookie: jonas });
    await warm(key, { cookie: marie });

    await react(comment, 'like', jonas);
    await react(reply, 'celebrate', jonas);
    await react(reply, 'like', jonas);
    const forJonas = (await page(key, { cookie: jonas })).items[0]!;
    const forMarie = (await page(key, { cookie: marie })).items[0]!;
    assert.deepEqual([forJonas.reactions.counts.like, forJonas.reactions.mine], [1, ['like']]);
    assert.deepEqual(forJonas.replies[0]!.reactions.mine, ['like', 'celebrate'], 'in the configured order');
    assert.deepEqual([forMarie.reactions.counts.like, forMarie.reactions.mine], [1, []]);
    assert.equal(forMarie.replies[0]!.reactions.counts.celebrate, 1);

    await react(comment, 'like', jonas, 'DELETE');
    const after = (await page(key, { cookie: jonas })).items[0]!;
    assert.deepEqual([after.reactions.counts.like, after.reactions.mine], [0, []]);
  });

  test('readers who share one check each get their own `mine`', async () => {
    const key = 'page:/cache/many-readers';
    const comment = await post(key, 'Alle gleichzeitig', anna);
    await react(comment, 'love', marie);
    await react(comment, 'insight', jonas);
    await warm(key);
    const readers: Array<[string | undefined, string[]]> = [
      [undefined, []],
      [anna, []],
      [marie, ['love']],
      [jonas, ['insight']],
    ];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => page(key, { cookie: readers[i % readers.length]![0] })));
    answers.forEach((answer, i) => assert.deepEqual(answer.items[0]!.reactions.mine, readers[i % readers.length]![1], `reader ${i % readers.length}`));
  });

  test('sort=top re-ranks at once when a comment off the first page gets reactions', async () => {
    const key = 'page:/cache/top';
    const low = await post(key, 'Wenig beachtet', anna);
    const high = await post(key, 'Beliebt', jonas);
    await react(high, 'like', marie);
    assert.deepEqual(texts(await warm(key, { query: '?sort=top&limit=1' })), ['Beliebt']);
    await react(low, 'like', anna);
    await react(low, 'love', jonas);
    assert.deepEqual(texts(await page(key, { query: '?sort=top&limit=1' })), ['Wenig beachtet']);
  });

  test('later pages (cursor) and other limits are cached apart and change with the thread', async () => {
    const key = 'page:/cache/paging';
    const oldest = await post(key, 'Eins', anna);
    await post(key, 'Zwei', anna);
    await post(key, 'Drei', anna);
    const first = await warm(key, { query: '?limit=2' });
    const query = `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`;
    assert.deepEqual(texts(await warm(key, { query })), ['Eins']);
    assert.deepEqual(texts(await warm(key, { query: '?limit=3' })), ['Drei', 'Zwei', 'Eins']);

    await ok(call(server, `/comments/${oldest.id}`, { method: 'PATCH', cookie: anna, json: { text: 'Eins, bearbeitet', version: 1 } }));
    assert.deepEqual(texts(await page(key, { query })), ['Eins, bearbeitet']);
    assert.deepEqual(texts(await page(key, { query: '?limit=3' })), ['Drei', 'Zwei', 'Eins, bearbeitet']);
    const wrongSort = await problem(read(key, { query: `?sort=oldest&cursor=${encodeURIComponent(first.nextCursor!)}` }), 400);
    assert.equal(wrongSort.field, 'cursor');
  });

  test('closing and reopening the thread show at once', async () => {
    const key = 'page:/cache/closing';
    await post(key, 'Noch offen', anna);
    assert.equal((await warm(key)).closed, false);
    await ok(call(server, threadPath(key, '/closed'), { method: 'PUT', cookie: moderator }));
    assert.equal((await page(key)).closed, true);
    await ok(call(server, threadPath(key, '/closed'), { method: 'DELETE', cookie: moderator }));
    assert.equal((await page(key)).closed, false);
  });

  test('a person renamed in the directory (no event) shows at once, as author and wherever else', async () => {
    const key = 'page:/cache/renamed';
    await post(key, 'Mein Name ändert sich', marie);
    assert.equal((await warm(key)).items[0]!.author?.name, 'Marie Klein');
    await server.db.query("UPDATE people SET name = 'Marie Klein-Berger' WHERE id = 'marie.klein'");
    try {
      assert.equal((await page(key)).items[0]!.author?.name, 'Marie Klein-Berger');
    } finally {
      await server.db.query("UPDATE people SET name = 'Marie Klein' WHERE id = 'marie.klein'");
    }
    assert.equal((await page(key)).items[0]!.author?.name, 'Marie Klein');
  });

  test('a comment written without an event (a tool) shows, because the counts changed', async () => {
    const key = 'page:/cache/no-event';
    await post(key, 'Über die API', anna);
    await warm(key);
    await server.db.query(
      "INSERT INTO comments (id, thread_key, author_id, body) VALUES ('01JTOOLWROTETHISCOMMENT000', $1, 'jonas.richter', 'Von einem Skript')",
      [key],
    );
    const now = await page(key);
    assert.deepEqual(texts(now), ['Von einem Skript', 'Über die API']);
    assert.equal(now.count, 2);
  });

  test('erasing a person (no event) shows at once: their comments lose the author, their reactions go', async () => {
    const key = 'page:/cache/erased';
    const niklas = await signIn(server, 'niklas.braun');
    const mine = await post(key, 'Von Niklas', niklas);
    const other = await post(key, 'Von Anna', anna);
    await react(other, 'like', niklas);
    const before = await warm(key);
    assert.equal(find(before, other.id)!.reactions.counts.like, 1);
    await ok(call(server, '/me', { method: 'DELETE', cookie: niklas }));
    const now = await page(key);
    assert.deepEqual([find(now, mine.id)!.author, find(now, mine.id)!.text], [null, 'Von Niklas']);
    assert.equal(find(now, other.id)!.reactions.counts.like, 0);
  });
});

describe('thread cache: erasing with PLAZA_ERASE_MODE=delete', () => {
  const server = useTestServer({ eraseMode: 'delete' });
  const { page, warm, post } = helpers(() => server);

  test("an erased author's texts go at once, also replies beyond the embedded ones", async () => {
    const key = 'page:/cache/erase-delete';
    const anna = await signIn(server, 'anna.lehmann');
    const lea = await signIn(server, 'lea.neumann');
    const answered = await post(key, 'Von Lea, beantwortet', lea);
    await post(key, 'Antwort von Anna', anna, answered.id);
    const crowded = await post(key, 'Viele Antworten', anna);
    for (let i = 0; i < 20; i++) await post(key, `Antwort ${i}`, anna, crowded.id);
    await post(key, 'Die 21. Antwort, von Lea', lea, crowded.id);
    const before = await warm(key, { query: '?sort=oldest' });
    assert.equal(find(before, crowded.id)!.replyCount, 21);
    assert.equal(before.count, 24);

    await ok(call(server, '/me', { method: 'DELETE', cookie: lea }));
    const now = await page(key, { query: '?sort=oldest' });
    const placeholder = find(now, answered.id)!;
    assert.deepEqual([placeholder.state, placeholder.author, placeholder.text], ['deleted', null, '']);
    assert.equal(find(now, crowded.id)!.replyCount, 20, 'a reply the page did not embed');
    assert.equal(find(now, crowded.id)!.repliesCursor, null);
    assert.equal(now.count, 22);
  });
});

describe('thread cache: on its own', () => {
  let server: TestServer;
  let bus: EventBus;
  before(async () => {
    server = await startTestServer();
    bus = new EventBus(server.db as Database, { info() {}, warn() {}, error() {} }, 60_000);
    await bus.start();
  });
  after(async () => {
    await bus?.close();
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('the pages stay under the cap; the least recently used go first', async () => {
    const anna = await signIn(server, 'anna.lehmann');
    const keys = Array.from({ length: 12 }, (_, i) => `page:/cache/memory-${i}`);
    for (const key of keys) {
      for (let i = 0; i < 3; i++) {
        await ok(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: `${key} ${i} ${'x'.repeat(400)}` } }));
      }
    }
    const limits = { commentLength: 10_000, mentionsPerComment: 20 };
    const logger = { info() {}, warn() {}, error() {} };
    const request = (key: string) => ({ key, sort: 'newest' as const, cursor: undefined, limit: 20 });
    const probe = new ThreadCache(server.db, bus, { kinds: ['like'], profileFields: PROFILE_FIELDS, limits, logger });
    await probe.page(request(keys[5]!), null);
    const one = probe.stats().bytes;
    probe.close();

    // Room for about nine such pages (one page may take at most an eighth of the cap).
    const cache = new ThreadCache(server.db, bus, { kinds: ['like'], profileFields: PROFILE_FIELDS, limits, logger, maxBytes: 9 * one });
    try {
      for (const key of keys) await cache.page(request(key), null);
      const { pages, bytes, maxBytes } = cache.stats();
      assert.ok(bytes <= maxBytes, `${bytes} bytes for a cap of ${maxBytes}`);
      assert.ok(pages >= 8 && pages < keys.length, `${pages} pages kept`);
      assert.equal(cache.holds(request(keys[0]!)), false, 'the first one went');
      assert.equal(cache.holds(request(keys[keys.length - 1]!)), true);

      const oldestKept = keys.find((key) => cache.holds(request(key)))!;
      await cache.page(request(oldestKept), null); // used again: now the most recent
      await cache.page(request(keys[0]!), null); // built again and kept; the least recently used go
      assert.equal(cache.holds(request(oldestKept)), true);
      assert.equal(cache.holds(request(keys[0]!)), true);
      assert.equal(JSON.parse((await cache.page(request(keys[0]!), null)).body().toString()).items.length, 3);
      assert.ok(cache.stats().bytes <= maxBytes);
    } finally {
      cache.close();
    }
  });

  test('a page built from before a change that arrived meanwhile is answered but not kept', async () => {
    const anna = await signIn(server, 'anna.lehmann');
    const key = 'page:/cache/race';
    const comment = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: 'Rennen' } }));
    const target = `comment:${comment.id}`;
    // Holds the answer of a page build until released: the build read the database before the change below.
    let hold: Promise<void> | null = null;
    const db = {
      async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
        const rows = await server.db.query<Row>(sql, params);
        if (hold && sql.includes('WITH clock')) await hold;
        return rows;
      },
    };
    const logger = { info() {}, warn() {}, error() {} };
    const cache = new ThreadCache(db, bus, { kinds: ['like'], profileFields: PROFILE_FIELDS, limits: { commentLength: 10_000, mentionsPerComment: 20 }, logger });
    const request = (limit: number) => ({ key, sort: 'newest' as const, cursor: undefined, limit });
    const likes = async (limit: number) => JSON.parse((await cache.page(request(limit), null)).body().toString()).items[0].reactions.counts.like;
    try {
      // First while nothing of the thread is cached (the comment is unknown), then while another page of it is.
      for (const [limit, person] of [[5, 'jonas.richter'], [6, 'marie.klein']] as const) {
        let release!: () => void;
        hold = new Promise((resolve) => (release = resolve));
        const building = cache.page(request(limit), null);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const before = (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reactions WHERE target = $1', [target]))[0]!.n;
        await bus.transaction(async (tx, publish) => {
          await tx.query("INSERT INTO reactions (target, kind, person_id) VALUES ($1, 'like', $2)", [target, person]);
          const counts = { like: before + 1 };
          await publish({ type: 'reaction.changed', topic: `reactions:${target}`, target, kind: 'like', active: true, actor: person, counts });
        });
        // This bus also reads the server's events from the log (the same PGlite): let it deliver up to this one.
        const [last] = await server.db.query<{ id: number }>('SELECT max(id)::float8 AS id FROM events');
        while (bus.watermark < last!.id) await new Promise((resolve) => setTimeout(resolve, 5));
        release();
        hold = null;
        const built = JSON.parse((await building).body().toString());
        assert.equal(built.items[0].reactions.counts.like, before, 'the build answers what it read');
        assert.equal(cache.holds(request(limit)), false, 'but does not keep it');
        assert.equal(await likes(limit), before + 1);
        assert.equal(cache.holds(request(limit)), true);
      }
    } finally {
      cache.close();
    }
  });
});

/**
 * Two instances on one PostgreSQL: B caches, A writes. B's next GET shows the
 * write at once: B's bus may not have delivered the event yet, so the check
 * finds it in the log; changes without an event show in counts and digests.
 */
describe('thread cache: two instances on one PostgreSQL', { skip: skipPostgres }, () => {
  let a: TestServer;
  let b: TestServer;
  let databaseUrl: string;
  let anna: string;
  let jonas: string;
  let moderator: string;
  const onA = helpers(() => a);
  const onB = helpers(() => b);
  before(async () => {
    databaseUrl = await freshDatabase();
    a = await startTestServer({ databaseUrl });
    b = await startTestServer({ databaseUrl });
    anna = await signIn(a, 'anna.lehmann');
    jonas = await signIn(a, 'jonas.richter');
    moderator = await signIn(a, 'julia.schmitt');
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    assert.deepEqual([...(a?.errors ?? []), ...(b?.errors ?? [])], []);
  });

  test('every kind of write through A shows in the next GET on B', async () => {
    const key = 'page:/cache/two-instances';
    const first = await onA.post(key, 'Auf A geschrieben', anna);
    await onB.warm(key);
    await onB.warm(key, { cookie: jonas });

    const second = await onA.post(key, 'Noch einer auf A', jonas);
    assert.deepEqual(texts(await onB.page(key)), ['Noch einer auf A', 'Auf A geschrieben'], 'post');

    await onA.react(first, 'like', jonas);
    const reacted = find(await onB.page(key, { cookie: jonas }), first.id)!;
    assert.deepEqual([reacted.reactions.counts.like, reacted.reactions.mine], [1, ['like']], 'reaction');

    await ok(call(a, `/comments/${first.id}`, { method: 'PATCH', cookie: anna, json: { text: 'Bearbeitet auf A', version: 1 } }));
    assert.equal(find(await onB.page(key), first.id)!.text, 'Bearbeitet auf A', 'edit');

    await ok(call(a, `/comments/${first.id}/hidden`, { method: 'PUT', cookie: moderator }));
    assert.equal(find(await onB.page(key), first.id)!.state, 'hidden', 'hide');
    await ok(call(a, `/comments/${first.id}/hidden`, { method: 'DELETE', cookie: moderator }));
    assert.equal(find(await onB.page(key), first.id)!.state, 'published', 'restore');

    await ok(call(a, threadPath(key, '/closed'), { method: 'PUT', cookie: moderator }));
    assert.equal((await onB.page(key)).closed, true, 'close');
    await ok(call(a, threadPath(key, '/closed'), { method: 'DELETE', cookie: moderator }));
    assert.equal((await onB.page(key)).closed, false, 'reopen');

    await ok(call(a, `/comments/${second.id}`, { method: 'DELETE', cookie: jonas }));
    assert.deepEqual(texts(await onB.page(key)), ['Bearbeitet auf A'], 'delete');

    await a.db.query("UPDATE people SET role = 'Umbenannt' WHERE id = 'anna.lehmann'");
    assert.equal((await onB.page(key)).items[0]!.author?.role, 'Umbenannt', 'directory change');

    const heike = await signIn(a, 'heike.wolf');
    await onA.react(first, 'love', heike);
    assert.equal(find(await onB.page(key), first.id)!.reactions.counts.love, 1);
    await ok(call(a, '/me', { method: 'DELETE', cookie: heike }));
    assert.equal(find(await onB.page(key), first.id)!.reactions.counts.love, 0, 'erasure');
  });

  test("an event B cannot deliver yet (a hole below it) still shows in B's next GET", async () => {
    const key = 'page:/cache/hole';
    const comment = await onA.post(key, 'Vor dem Loch', anna);
    await onB.warm(key);
    await withClient(databaseUrl, async (slow) => {
      // A writer that draws an event id and holds it: B's bus waits at that hole.
      await slow.query('BEGIN');
      await slow.query("INSERT INTO events (topic, type, payload) VALUES ('reactions:page:/cache/elsewhere', 'reaction.changed', '{}')");
      try {
        // Neither changes a count or a person on the page: only the event log tells.
        await ok(call(a, `/comments/${comment.id}`, { method: 'PATCH', cookie: anna, json: { text: 'Hinter dem Loch', version: 1 } }));
        await onA.react(comment, 'like', jonas);
        for (const [server, name] of [[b, 'B'], [a, 'A, whose own events wait too']] as const) {
          const seen = (await helpers(() => server).page(key)).items[0]!;
          assert.deepEqual([seen.text, seen.reactions.counts.like], ['Hinter dem Loch', 1], name);
        }
      } finally {
        await slow.query('ROLLBACK');
      }
    });
  });

  test('under load on B, every GET that starts after a write on A shows it', async () => {
    const key = 'page:/cache/load';
    const comment = await onA.post(key, 'Version 1', anna);
    let running = true;
    const readers = Array.from({ length: 8 }, async () => {
      while (running) await onB.page(key, { cookie: jonas });
    });
    try {
      for (let version = 1; version <= 15; version++) {
        // Edits: no count changes, so only the events (delivered, or found in the log) tell B.
        const text = `Version ${version + 1}`;
        await ok(call(a, `/comments/${comment.id}`, { method: 'PATCH', cookie: anna, json: { text, version } }));
        assert.equal((await onB.page(key, { cookie: jonas })).items[0]!.text, text);
      }
    } finally {
      running = false;
      await Promise.all(readers);
    }
  });
});
