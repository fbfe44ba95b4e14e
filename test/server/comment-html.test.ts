import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, topics, type Activity, type ActivityPage, type Comment, type CommentThread, type Preview, type RealtimePoll } from '../../src/core/protocol.ts';
import { markdownToHtml, MARKDOWN_RENDERER_VERSION } from '../../server/markdown/render.ts';
import { call, ok, problem, rowCounts, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * The server renders a comment's Markdown once, when it is written, and
 * stores the HTML with the renderer's version (decisions 105, 106); rows it
 * did not render with the current renderer are rendered when read. Drafts
 * are rendered by `POST /preview` (decision 107).
 */
describe('comment html rendered by the server', () => {
  let server: TestServer;
  let anna: string;
  let moderator: string;
  before(async () => {
    server = await startTestServer();
    anna = await signIn(server, 'anna.lehmann');
    moderator = await signIn(server, 'katharina.weber');
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const post = (key: string, text: string) => ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text } }));
  const stored = async (id: string) =>
    (await server.db.query<{ html: string | null; html_version: number | null }>('SELECT html, html_version FROM comments WHERE id = $1', [id]))[0]!;
  const replies = (parentId: string, cookie?: string) => ok<{ items: Comment[] }>(call(server, `/comments/${parentId}/replies`, { cookie }));

  test('a new comment is stored with its html and the renderer version, and answered with it', async () => {
    const text = 'Bitte **bis Freitag** an @[Jonas Richter](person:jonas.richter) melden.';
    const comment = await post('page:/html/neu', text);
    assert.equal(comment.html, markdownToHtml(text));
    assert.match(comment.html, /<strong>bis Freitag<\/strong>/);
    assert.match(comment.html, /<span class="mention" data-person-id="jonas.richter">@Jonas Richter<\/span>/);
    assert.deepEqual(await stored(comment.id), { html: comment.html, html_version: MARKDOWN_RENDERER_VERSION });
    const thread = await ok<CommentThread>(call(server, threadPath('page:/html/neu')));
    assert.equal(thread.items[0]!.html, comment.html, 'the thread page carries the stored html');
  });

  test('an edit stores the new html; the old words are nowhere', async () => {
    const comment = await post('page:/html/edit', 'Erst *so*');
    const edited = await ok<Comment>(call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: anna, json: { text: 'Dann ~~so~~ anders', version: 1 } }));
    assert.equal(edited.html, markdownToHtml('Dann ~~so~~ anders'));
    assert.deepEqual(await stored(comment.id), { html: edited.html, html_version: MARKDOWN_RENDERER_VERSION });
  });

  test('a row without html, or rendered by another renderer version, is rendered when read', async () => {
    const root = await post('page:/html/alt', 'Oben');
    const reply = (text: string) => ok<Comment>(call(server, threadPath('page:/html/alt'), { method: 'POST', cookie: anna, json: { text, parentId: root.id } }));
    const never = await reply('Von *vorher*');
    const older = await reply('Von **gestern**');
    // As migration 006 leaves existing rows, and as a row rendered by the previous renderer looks.
    await server.db.query('UPDATE comments SET html = NULL, html_version = NULL WHERE id = $1', [never.id]);
    await server.db.query("UPDATE comments SET html = '<p>ALT</p>', html_version = $2 WHERE id = $1", [older.id, MARKDOWN_RENDERER_VERSION - 1]);
    const shown = (await replies(root.id)).items;
    assert.deepEqual(
      shown.map((c) => c.html),
      [markdownToHtml('Von *vorher*'), markdownToHtml('Von **gestern**')],
    );
    assert.deepEqual(await stored(never.id), { html: null, html_version: null }, 'a read is not a write: nothing is written back');
  });

  test('text changed behind Plaza\'s back drops the stored html, so the old words never show', async () => {
    const comment = await post('page:/html/skript', 'Vorher');
    await server.db.query("UPDATE comments SET body = 'Nachher' WHERE id = $1", [comment.id]);
    assert.deepEqual(await stored(comment.id), { html: null, html_version: null });
  });

  test('hidden and deleted comments: html is empty exactly when text is', async () => {
    const root = await post('page:/html/moderiert', 'Oben');
    const hidden = await ok<Comment>(call(server, threadPath('page:/html/moderiert'), { method: 'POST', cookie: anna, json: { text: 'Gemein *hier*', parentId: root.id } }));
    const deleted = await ok<Comment>(call(server, threadPath('page:/html/moderiert'), { method: 'POST', cookie: anna, json: { text: 'Weg *damit*', parentId: root.id } }));
    await ok(call(server, `/comments/${hidden.id}/hidden`, { method: 'PUT', cookie: moderator }));
    await ok(call(server, `/comments/${deleted.id}`, { method: 'DELETE', cookie: anna }));
    const [asReader] = (await replies(root.id)).items;
    assert.deepEqual([asReader!.state, asReader!.text, asReader!.html], ['hidden', '', '']);
    const [asModerator] = (await replies(root.id, moderator)).items;
    assert.deepEqual([asModerator!.text, asModerator!.html], ['Gemein *hier*', markdownToHtml('Gemein *hier*')]);
    assert.deepEqual(await stored(deleted.id), { html: null, html_version: null }, 'deleting wipes the html with the text');
  });

  test('comment.created and comment.updated carry the html; a replay shows the edited html', async () => {
    const key = 'page:/html/events';
    const topic = topics.comments(key);
    const start = await ok<RealtimePoll>(call(server, `/events/poll?topics=${encodeURIComponent(topic)}`));
    const comment = await post(key, 'Erst *so*');
    await ok(call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: anna, json: { text: 'Dann **so**', version: 1 } }));
    const poll = await ok<RealtimePoll>(call(server, `/events/poll?topics=${encodeURIComponent(topic)}&after=${start.lastEventId}`));
    const shown = poll.events.flatMap(({ event }) => ('comment' in event ? [[event.type, event.comment.html]] : []));
    const now = markdownToHtml('Dann **so**');
    assert.deepEqual(shown, [['comment.created', now], ['comment.updated', now]]);
  });

  test('feed items carry html: a status post rendered when read, a comment with its stored html', async () => {
    const status = await ok<Activity>(call(server, '/activities', { method: 'POST', cookie: anna, json: { text: 'Heute *Sommerfest*!' } }));
    assert.equal(status.html, markdownToHtml('Heute *Sommerfest*!'));
    const comment = await post('page:/html/feed', 'Ein **Kommentar**');
    const feed = await ok<ActivityPage>(call(server, '/activities?scope=user:anna.lehmann&limit=5'));
    const item = feed.items.find((a) => a.commentId === comment.id)!;
    assert.equal(item.html, comment.html);
    const reaction = feed.items.find((a) => a.kind !== 'status' && a.kind !== 'comment');
    if (reaction) assert.equal(reaction.html, '', 'items without text have no html');
  });

  describe('POST /preview', () => {
    test('renders a draft as posting would, and stores nothing', async () => {
      const before = await rowCounts(server);
      const text = 'Vorschau mit *Betonung* und @[Jonas Richter](person:jonas.richter)';
      const preview = await ok<Preview>(call(server, '/preview', { method: 'POST', cookie: anna, json: { text } }));
      assert.deepEqual(preview, { html: markdownToHtml(text), mentions: ['jonas.richter'] });
      assert.deepEqual(await rowCounts(server), before);
    });

    test('signed out: 401', async () => {
      const refused = await problem(call(server, '/preview', { method: 'POST', json: { text: 'Hallo' } }), 401);
      assert.equal(refused.type, PROBLEM_TYPES.unauthenticated);
    });

    test('what posting refuses: empty, too long, an unknown mention (400 with the field)', async () => {
      for (const text of ['  ', 'x'.repeat(10_001), '@[Niemand](person:gibt.es.nicht)']) {
        const refused = await problem(call(server, '/preview', { method: 'POST', cookie: anna, json: { text } }), 400);
        assert.equal(refused.field, 'text', text.slice(0, 20));
      }
    });

    test('a body over the server\'s limit: 413', async () => {
      await problem(call(server, '/preview', { method: 'POST', cookie: anna, json: { text: 'x'.repeat(70_000) } }), 413);
    });
  });
});
