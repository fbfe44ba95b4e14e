import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, type Comment, type CommentConflict, type CommentDeletion, type CommentThread, type Page, type ThreadSummaries } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

describe('comments', () => {
  let server: TestServer;
  let anna: string;
  let jonas: string;
  before(async () => {
    server = await startTestServer();
    anna = await signIn(server, 'anna.lehmann');
    jonas = await signIn(server, 'jonas.richter');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const thread = (key: string, query = '', cookie?: string) => ok<CommentThread>(call(server, threadPath(key) + query, { cookie }));
  const post = (key: string, text: string, cookie = anna, parentId?: string) =>
    ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie, json: parentId ? { text, parentId } : { text } }));

  test('one request paints a seeded thread: comments, replies, authors, reactions, count', async () => {
    const page = await thread('page:/news/kantine', '?sort=oldest');
    assert.equal(page.key, 'page:/news/kantine');
    assert.equal(page.closed, false);
    assert.equal(page.count, 6, 'three comments and three replies');
    assert.equal(page.sort, 'oldest');
    assert.deepEqual(page.limits, { commentLength: 10_000, mentionsPerComment: 20 });
    assert.deepEqual(page.items.map((c) => c.author?.id), ['lukas.schneider', 'ayse.demir', 'karl-heinz.vogel']);
    const first = page.items[0]!;
    assert.equal(first.state, 'published');
    assert.match(first.text, /Fisch/);
    assert.equal(first.author?.name, 'Lukas Schneider');
    assert.equal(first.reactions.target, `comment:${first.id}`);
    assert.equal(first.reactions.counts.like, 2);
    assert.deepEqual(first.replies.map((r) => r.author?.id), ['heike.wolf', 'jonas.richter']);
    assert.equal(first.replies[0]!.reactions.counts.celebrate, 1, 'replies carry reactions too');
    assert.equal(first.replyCount, 2);
    assert.equal(first.repliesCursor, null);
    assert.equal(page.nextCursor, null);
  });

  test('a deleted comment with replies reads as a placeholder without author or text', async () => {
    const page = await thread('page:/news/sharepoint-umzug', '?sort=oldest');
    const tombstone = page.items.find((c) => c.state === 'deleted')!;
    assert.equal(tombstone.author, null);
    assert.equal(tombstone.text, '');
    assert.deepEqual(tombstone.replies.map((r) => r.author?.id), ['julia.schmitt']);
    assert.equal(page.count, 5, 'placeholders do not count');
  });

  test('seeded comments carry their mentions', async () => {
    const page = await thread('page:/news/betriebsausflug', '?sort=oldest');
    const reply = page.items[0]!.replies[0]!;
    assert.match(reply.text, /@\[Karl-Heinz Vogel\]\(person:karl-heinz\.vogel\)/);
    assert.deepEqual(reply.mentions, ['karl-heinz.vogel']);
  });

  test('posting a comment and replies; a reply to a reply is filed under its top-level comment', async () => {
    const key = 'page:/news/posting';
    const comment = await post(key, 'Gibt es **Parkplätze**?');
    assert.equal(comment.threadKey, key);
    assert.equal(comment.parentId, null);
    assert.equal(comment.author?.id, 'anna.lehmann');
    assert.equal(comment.version, 1);
    assert.equal(comment.editedAt, null);
    assert.equal(comment.state, 'published');
    assert.deepEqual(comment.reactions, { target: `comment:${comment.id}`, counts: { like: 0, love: 0, celebrate: 0, insight: 0, surprise: 0 }, mine: [] });

    const reply = await post(key, 'Ja, hinter Halle 3.', jonas, comment.id);
    assert.equal(reply.parentId, comment.id);
    const nested = await post(key, 'Danke!', anna, reply.id);
    assert.equal(nested.parentId, comment.id, 'replies are one level deep');

    const page = await thread(key);
    assert.equal(page.count, 3);
    assert.deepEqual(page.items.map((c) => c.id), [comment.id]);
    assert.deepEqual(page.items[0]!.replies.map((r) => r.id), [reply.id, nested.id]);

    const elsewhere = await problem(call(server, threadPath('page:/news/other'), { method: 'POST', cookie: anna, json: { text: 'x', parentId: comment.id } }), 404);
    assert.equal(elsewhere.field, 'parentId', 'a parent from another thread');
  });

  test('newest-first pages stay stable while comments arrive: nothing twice, nothing missed', async () => {
    const key = 'page:/news/paging';
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await post(key, `Kommentar ${i}`)).id);
    const first = await thread(key, '?limit=2');
    assert.deepEqual(first.items.map((c) => c.id), [ids[4], ids[3]]);
    await post(key, 'Kommentar 6, während jemand blättert');
    const second = await thread(key, `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    assert.deepEqual(second.items.map((c) => c.id), [ids[2], ids[1]]);
    const third = await thread(key, `?limit=2&cursor=${encodeURIComponent(second.nextCursor!)}`);
    assert.deepEqual(third.items.map((c) => c.id), [ids[0]]);
    assert.equal(third.nextCursor, null);
    assert.equal(third.count, 6);

    const oldest = await thread(key, '?sort=oldest&limit=4');
    assert.deepEqual(oldest.items.map((c) => c.id), ids.slice(0, 4));
    const wrongSort = await problem(call(server, threadPath(key) + `?sort=top&cursor=${encodeURIComponent(first.nextCursor!)}`), 400);
    assert.equal(wrongSort.field, 'cursor', "a cursor of one sort does not page another");
  });

  test('top sorts by reactions as they stood at the first page', async () => {
    const key = 'page:/news/top';
    const [a, b, c, d] = [await post(key, 'A'), await post(key, 'B'), await post(key, 'C'), await post(key, 'D')];
    const react = async (comment: Comment, people: string[]) => {
      for (const person of people) {
        await ok(call(server, `/reactions/${encodeURIComponent(`comment:${comment.id}`)}/like`, { method: 'PUT', cookie: await signIn(server, person) }));
      }
    };
    await react(c!, ['lukas.schneider', 'heike.wolf', 'lea.neumann']);
    await react(a!, ['lukas.schneider', 'heike.wolf']);
    await react(d!, ['lukas.schneider']);
    const first = await thread(key, '?sort=top&limit=2');
    assert.deepEqual(first.items.map((x) => x.text), ['C', 'A']);
    // B becomes the most liked and a new comment arrives: the next page still follows the first page's order.
    await react(b!, ['lukas.schneider', 'heike.wolf', 'lea.neumann', 'petra.schulz']);
    await post(key, 'E');
    const second = await thread(key, `?sort=top&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    assert.deepEqual(second.items.map((x) => x.text), ['D', 'B']);
    assert.equal(second.nextCursor, null);
    const fresh = await thread(key, '?sort=top&limit=1');
    assert.equal(fresh.items[0]!.text, 'B', 'a new first page sees the new order');
  });

  test('a long conversation embeds 20 replies and pages through the rest', async () => {
    const key = 'page:/news/long';
    const root = await post(key, 'Wer kommt zum Sommerfest?');
    const replies: string[] = [];
    for (let i = 1; i <= 23; i++) replies.push((await post(key, `Ich! (${i})`, i % 2 ? jonas : anna, root.id)).id);
    const [item] = (await thread(key)).items;
    assert.equal(item!.replies.length, 20);
    assert.equal(item!.replyCount, 23);
    const rest = await ok<Page<Comment>>(call(server, `/comments/${root.id}/replies?cursor=${encodeURIComponent(item!.repliesCursor!)}`));
    assert.deepEqual([...item!.replies, ...rest.items].map((r) => r.id), replies);
    assert.equal(rest.nextCursor, null);
  });

  test('editing names the version: the author edits, a stale version gets 409 with the current comment', async () => {
    const comment = await post('page:/news/editing', 'Treffen um 10 Uhr');
    const path = `/comments/${comment.id}`;
    const edited = await ok<Comment>(call(server, path, { method: 'PATCH', cookie: anna, json: { text: 'Treffen um 11 Uhr', version: 1 } }));
    assert.equal(edited.version, 2);
    assert.equal(edited.text, 'Treffen um 11 Uhr');
    assert.ok(edited.editedAt);

    const stale = await problem(call(server, path, { method: 'PATCH', cookie: anna, json: { text: 'Treffen um 12 Uhr', version: 1 } }), 409);
    assert.equal(stale.type, PROBLEM_TYPES.conflict);
    assert.equal(stale.field, 'version');
    const { current } = stale as CommentConflict;
    assert.equal(current.version, 2);
    assert.equal(current.text, 'Treffen um 11 Uhr');

    const same = await ok<Comment>(call(server, path, { method: 'PATCH', cookie: anna, json: { text: 'Treffen um 11 Uhr', version: 2 } }));
    assert.equal(same.version, 2, 'the same text changes nothing');
    const notMine = await problem(call(server, path, { method: 'PATCH', cookie: jonas, json: { text: 'Meins!', version: 2 } }), 403);
    assert.equal(notMine.type, PROBLEM_TYPES.forbidden);
  });

  test('deleting: alone it disappears, with replies it stays as a placeholder until the last reply goes', async () => {
    const key = 'page:/news/deleting';
    const lonely = await post(key, 'Niemand antwortet mir');
    const root = await post(key, 'Frage an alle');
    const reply = await post(key, 'Antwort', jonas, root.id);

    const gone = await ok<CommentDeletion>(call(server, `/comments/${lonely.id}`, { method: 'DELETE', cookie: anna }));
    assert.deepEqual(gone, { id: lonely.id, threadKey: key, parentId: null, tombstone: false, count: 2 });
    const again = await ok<CommentDeletion>(call(server, `/comments/${lonely.id}`, { method: 'DELETE', cookie: anna }));
    assert.deepEqual(again, gone, 'deleting again answers the same');

    await problem(call(server, `/comments/${root.id}`, { method: 'DELETE', cookie: jonas }), 403);
    const kept = await ok<CommentDeletion>(call(server, `/comments/${root.id}`, { method: 'DELETE', cookie: anna }));
    assert.equal(kept.tombstone, true);
    let page = await thread(key);
    assert.deepEqual(page.items.map((c) => [c.id, c.state, c.text]), [[root.id, 'deleted', '']]);
    assert.deepEqual(page.items[0]!.replies.map((r) => r.id), [reply.id]);
    assert.equal(page.count, 1);

    await ok(call(server, `/comments/${reply.id}`, { method: 'DELETE', cookie: jonas }));
    page = await thread(key);
    assert.deepEqual(page.items, [], 'the placeholder went with its last reply');
    assert.equal(page.count, 0);
    await problem(call(server, `/comments/${root.id}`, { method: 'PATCH', cookie: anna, json: { text: 'zurück', version: 1 } }), 404);
  });

  test('counts for a list page: one request, in the order asked, unknown threads are empty', async () => {
    const { items } = await ok<ThreadSummaries>(call(server, '/threads/counts?keys=page:/news/unbekannt&keys=page:/news/kantine&keys=page:/news/kantine'));
    assert.deepEqual(items, [
      { key: 'page:/news/unbekannt', closed: false, count: 0 },
      { key: 'page:/news/kantine', closed: false, count: 6 },
    ]);
  });
});
