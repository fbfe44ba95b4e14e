import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, type Comment, type CommentThread, type ModerationReports, type ThreadSummary } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

describe('moderation', () => {
  let server: TestServer;
  let author: string;
  let reader: string;
  let moderator: string;
  before(async () => {
    server = await startTestServer();
    author = await signIn(server, 'dennis.krause');
    reader = await signIn(server, 'marie.klein');
    moderator = await signIn(server, 'julia.schmitt');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const post = (key: string, text: string, cookie = author) => ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie, json: { text } }));
  const thread = (key: string, cookie?: string) => ok<CommentThread>(call(server, threadPath(key), { cookie }));
  const hidden = (id: string, method: 'PUT' | 'DELETE', cookie = moderator) => call(server, `/comments/${id}/hidden`, { method, cookie });

  test('only moderators hide, close and read reports: 401 signed out, 403 for everyone else', async () => {
    const comment = await post('page:/news/mod-rights', 'Hallo');
    const attempts = [
      { path: `/comments/${comment.id}/hidden`, method: 'PUT' },
      { path: `/comments/${comment.id}/hidden`, method: 'DELETE' },
      { path: threadPath('page:/news/mod-rights', '/closed'), method: 'PUT' },
      { path: threadPath('page:/news/mod-rights', '/closed'), method: 'DELETE' },
      { path: '/moderation/reports', method: 'GET' },
    ];
    for (const { path, method } of attempts) {
      assert.equal((await problem(call(server, path, { method }), 401)).type, PROBLEM_TYPES.unauthenticated, `${method} ${path}`);
      assert.equal((await problem(call(server, path, { method, cookie: reader }), 403)).type, PROBLEM_TYPES.forbidden, `${method} ${path}`);
    }
  });

  test('a hidden comment is a placeholder for readers, readable for moderators, and can be restored', async () => {
    const key = 'page:/news/hiding';
    const comment = await post(key, 'Unfreundlicher Ton');
    const hid = await ok<Comment>(hidden(comment.id, 'PUT'));
    assert.equal(hid.state, 'hidden');
    assert.equal(hid.text, 'Unfreundlicher Ton', 'the moderator still sees it');

    const forReader = (await thread(key, reader)).items[0]!;
    assert.deepEqual([forReader.state, forReader.text, forReader.author], ['hidden', '', null]);
    const forModerator = (await thread(key, moderator)).items[0]!;
    assert.deepEqual([forModerator.state, forModerator.text, forModerator.author?.id], ['hidden', 'Unfreundlicher Ton', 'dennis.krause']);
    assert.equal((await thread(key)).count, 0, 'hidden comments do not count');
    const edit = await problem(call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: author, json: { text: 'Freundlich', version: 1 } }), 403);
    assert.equal(edit.type, PROBLEM_TYPES.forbidden);

    const restored = await ok<Comment>(hidden(comment.id, 'DELETE'));
    assert.equal(restored.state, 'published');
    assert.equal((await thread(key, reader)).items[0]!.text, 'Unfreundlicher Ton');
    assert.equal((await thread(key)).count, 1);
  });

  test('reports reach the moderators; acting on the comment resolves them', async () => {
    const first = await post('page:/news/reported', 'Das ist doch Unsinn!');
    const second = await post('page:/news/reported', 'Und das auch.');
    await ok(call(server, `/comments/${first.id}/reports`, { method: 'POST', cookie: reader, json: { reason: 'Beleidigend' } }));
    await ok(call(server, `/comments/${first.id}/reports`, { method: 'POST', cookie: await signIn(server, 'frank.zimmermann'), json: { reason: 'Spam' } }));
    await ok(call(server, `/comments/${second.id}/reports`, { method: 'POST', cookie: reader, json: { reason: 'Off-topic' } }));

    const open = await ok<ModerationReports>(call(server, '/moderation/reports?limit=2', { cookie: moderator }));
    assert.deepEqual(open.items.map((r) => [r.commentId, r.reason, r.reporter?.id]), [
      [first.id, 'Beleidigend', 'marie.klein'],
      [first.id, 'Spam', 'frank.zimmermann'],
    ]);
    assert.equal(open.items[0]!.comment.text, 'Das ist doch Unsinn!');
    assert.equal(open.items[0]!.comment.author?.id, 'dennis.krause');
    const rest = await ok<ModerationReports>(call(server, `/moderation/reports?cursor=${encodeURIComponent(open.nextCursor!)}`, { cookie: moderator }));
    assert.deepEqual(rest.items.map((r) => r.reason), ['Off-topic']);

    await ok(hidden(first.id, 'PUT'));
    await ok(hidden(second.id, 'DELETE')); // restoring a visible comment dismisses its reports
    const after = await ok<ModerationReports>(call(server, '/moderation/reports', { cookie: moderator }));
    assert.deepEqual(after.items.filter((r) => [first.id, second.id].includes(r.commentId)), []);
  });

  test('a closed thread refuses posts and edits with thread-closed; deleting and reopening still work', async () => {
    const key = 'page:/news/closing';
    const mine = await post(key, 'Noch schnell ein Kommentar');
    const closed = await ok<ThreadSummary>(call(server, threadPath(key, '/closed'), { method: 'PUT', cookie: moderator }));
    assert.deepEqual(closed, { key, closed: true, count: 1 });
    assert.equal((await thread(key)).closed, true);

    const refused = await problem(call(server, threadPath(key), { method: 'POST', cookie: author, json: { text: 'Zu spät' } }), 403);
    assert.equal(refused.type, PROBLEM_TYPES.threadClosed);
    const edit = await problem(call(server, `/comments/${mine.id}`, { method: 'PATCH', cookie: author, json: { text: 'Geändert', version: 1 } }), 403);
    assert.equal(edit.type, PROBLEM_TYPES.threadClosed);
    await problem(call(server, threadPath(key), { method: 'POST', cookie: moderator, json: { text: 'Auch Moderatoren nicht' } }), 403);

    await ok(call(server, `/comments/${mine.id}`, { method: 'DELETE', cookie: author }));
    const reopened = await ok<ThreadSummary>(call(server, threadPath(key, '/closed'), { method: 'DELETE', cookie: moderator }));
    assert.deepEqual(reopened, { key, closed: false, count: 0 });
    await post(key, 'Wieder offen');
  });

  test('closing a thread nobody wrote in creates it closed; reopening one is a 404', async () => {
    const early = await ok<ThreadSummary>(call(server, threadPath('page:/news/vorab', '/closed'), { method: 'PUT', cookie: moderator }));
    assert.deepEqual(early, { key: 'page:/news/vorab', closed: true, count: 0 });
    const missing = await problem(call(server, threadPath('page:/news/nie-gesehen', '/closed'), { method: 'DELETE', cookie: moderator }), 404);
    assert.equal(missing.field, 'key');
  });

  test("moderators delete anyone's comment; a deleted comment cannot be hidden", async () => {
    const comment = await post('page:/news/mod-delete', 'Werbung für meinen Flohmarkt');
    await ok(call(server, `/comments/${comment.id}`, { method: 'DELETE', cookie: moderator }));
    assert.equal((await problem(hidden(comment.id, 'PUT'), 404)).field, 'id');
  });
});
