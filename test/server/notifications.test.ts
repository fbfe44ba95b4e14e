import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Activity, Comment, PlazaNotification, NotificationPage, NotificationSettings, ThreadWatch } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, threadPath, useTestServer, type TestServer } from './harness.ts';

/**
 * Who is told of what (issue 20, item 1): written through the API as people
 * would, read back from each person's list. Julia and Katharina moderate
 * (the demo seed).
 */
describe('notifications', () => {
  const server = useTestServer();
  const cookies: Record<string, string> = {};
  const as = (id: string) => cookies[id]!;
  before(async () => {
    for (const id of ['ayse.demir', 'anna.lehmann', 'lukas.schneider', 'jonas.richter', 'julia.schmitt', 'katharina.weber', 'elena.jovanovic']) {
      cookies[id] = await signIn(server, id);
    }
  });

  let threadNo = 0;
  const freshThread = () => `page:/notify/${++threadNo}`;
  const post = (who: string, key: string, text: string, parentId?: string) =>
    ok<Comment>(
      call(server, threadPath(key), {
        method: 'POST',
        cookie: as(who),
        json: { text, parentId, page: { url: `https://intranet.example/news/${encodeURIComponent(key)}`, title: 'Kantine' } },
      }),
    );
  const list = (who: string) => ok<NotificationPage>(call(server, '/notifications', { cookie: as(who) }));
  const about = async (who: string, target: string) => (await list(who)).items.filter((item) => item.target === target);
  const mention = (id: string, name: string) => `@[${name}](person:${id})`;
  /**
   * A thread's watchers and a poster's followers are told after the write committed (decision 200):
   * read the list as a bell would, until `who` has entries about `target` (at most 10 s).
   */
  const told = async (who: string, target: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const items = await about(who, target);
      if (items.length > 0 || Date.now() > deadline) return items;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  test('a mention tells the person mentioned, once, with a permalink and an excerpt; the author hears nothing', async () => {
    const key = freshThread();
    const comment = await post('anna.lehmann', key, `Hallo ${mention('ayse.demir', 'Ayşe Demir')}, **bitte** prüfen`);
    const [item, ...more] = await about('ayse.demir', `comment:${comment.id}`);
    assert.equal(more.length, 0);
    assert.equal(item!.kind, 'mention');
    assert.deepEqual(item!.actors.map((actor) => actor.id), ['anna.lehmann']);
    assert.equal(item!.count, 1);
    assert.equal(item!.thread, key);
    assert.equal(item!.excerpt, 'Hallo @Ayşe Demir, bitte prüfen');
    assert.equal(item!.permalink, `https://intranet.example/news/${encodeURIComponent(key)}#comment-${comment.id}`);
    assert.equal(item!.readAt, null);
    assert.equal((await about('anna.lehmann', `comment:${comment.id}`)).length, 0);
  });

  test('a mention in a reply to me in a thread I watch is one notification, of the most specific kind', async () => {
    const key = freshThread();
    const root = await post('ayse.demir', key, 'Was meint ihr?');
    await post('lukas.schneider', key, 'Ich schaue mit.');
    const reply = await post('anna.lehmann', key, `Ja, ${mention('ayse.demir', 'Ayşe')} und ${mention('jonas.richter', 'Jonas')}`, root.id);
    const target = `comment:${reply.id}`;
    // Lukas only watches: told once the watchers are, in the same step as the watchers Ayşe and Jonas (after).
    assert.deepEqual((await told('lukas.schneider', target)).map((n) => n.kind), ['comment']);
    assert.deepEqual((await about('ayse.demir', target)).map((n) => n.kind), ['mention']);
    assert.deepEqual((await about('jonas.richter', target)).map((n) => n.kind), ['mention']);
    const plain = await post('jonas.richter', key, 'Danke!', root.id);
    assert.deepEqual((await told('lukas.schneider', `comment:${plain.id}`)).map((n) => n.kind), ['comment']);
    assert.deepEqual((await about('ayse.demir', `comment:${plain.id}`)).map((n) => n.kind), ['reply']);
    // Jonas was only mentioned, never wrote before: now he did, and watches.
    const later = await post('elena.jovanovic', key, 'Noch etwas');
    assert.deepEqual((await told('jonas.richter', `comment:${later.id}`)).map((n) => n.kind), ['comment']);
  });

  test('watching: PUT, GET, DELETE; an unwatched thread tells nothing until I write there again', async () => {
    const key = freshThread();
    const path = threadPath(key, '/watch');
    assert.deepEqual(await ok<ThreadWatch>(call(server, path, { cookie: as('elena.jovanovic') })), { key, watching: false });
    assert.deepEqual(await ok<ThreadWatch>(call(server, path, { method: 'PUT', cookie: as('elena.jovanovic') })), { key, watching: true });
    await ok<ThreadWatch>(call(server, path, { method: 'PUT', cookie: as('lukas.schneider') }));
    const first = await post('anna.lehmann', key, 'Erster');
    assert.deepEqual((await told('elena.jovanovic', `comment:${first.id}`)).map((n) => n.kind), ['comment']);
    assert.deepEqual(await ok<ThreadWatch>(call(server, path, { method: 'DELETE', cookie: as('elena.jovanovic') })), { key, watching: false });
    const second = await post('anna.lehmann', key, 'Zweiter');
    // Lukas still watches: once he is told, the watchers were, and Elena was not among them.
    assert.deepEqual((await told('lukas.schneider', `comment:${second.id}`)).map((n) => n.kind), ['comment']);
    assert.equal((await about('elena.jovanovic', `comment:${second.id}`)).length, 0);
    await problem(call(server, path, { method: 'PUT' }), 401);
  });

  test('a watcher who turned mentions off hears nothing of a comment that mentions them, not even as a watcher', async () => {
    const key = freshThread();
    for (const who of ['lukas.schneider', 'elena.jovanovic']) await ok<ThreadWatch>(call(server, threadPath(key, '/watch'), { method: 'PUT', cookie: as(who) }));
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: as('lukas.schneider'), json: { kinds: { mention: 'off' } } }));
    try {
      const comment = await post('anna.lehmann', key, `Was meinen Sie, ${mention('lukas.schneider', 'Lukas')}?`);
      // Elena only watches: once she is told, the watchers were.
      assert.deepEqual((await told('elena.jovanovic', `comment:${comment.id}`)).map((n) => n.kind), ['comment']);
      assert.equal((await about('lukas.schneider', `comment:${comment.id}`)).length, 0);
    } finally {
      await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: as('lukas.schneider'), json: { kinds: { mention: 'in-app' } } }));
    }
  });

  test('reactions to my comment bundle into one unread entry that counts up, down, and starts anew once read', async () => {
    const key = freshThread();
    const comment = await post('ayse.demir', key, 'Reagiert mal');
    const target = `comment:${comment.id}`;
    const react = (who: string, kind: string, method = 'PUT') => ok(call(server, reactionPath(target, kind), { method, cookie: as(who) }));
    await react('anna.lehmann', 'like');
    await react('lukas.schneider', 'like');
    await react('lukas.schneider', 'love');
    await react('jonas.richter', 'celebrate');
    await react('ayse.demir', 'like');
    const bundles = await about('ayse.demir', target);
    assert.equal(bundles.length, 1);
    let [bundle] = bundles;
    assert.equal(bundle!.kind, 'reaction');
    assert.equal(bundle!.count, 3);
    assert.deepEqual(bundle!.actors.map((a) => a.id), ['jonas.richter', 'lukas.schneider', 'anna.lehmann']);
    // Lukas still has one reaction: he stays in; Anna takes hers back: she leaves.
    await react('lukas.schneider', 'like', 'DELETE');
    await react('anna.lehmann', 'like', 'DELETE');
    [bundle] = await about('ayse.demir', target);
    assert.equal(bundle!.count, 2);
    await call(server, '/notifications/read', { method: 'POST', cookie: as('ayse.demir'), json: { ids: [bundle!.id] } });
    await react('elena.jovanovic', 'insight');
    const both = await about('ayse.demir', target);
    assert.deepEqual(both.map((n) => [n.count, n.readAt === null]), [[1, true], [2, false]]);
    // The last one out withdraws an unread bundle.
    await react('elena.jovanovic', 'insight', 'DELETE');
    assert.equal((await about('ayse.demir', target)).length, 1);
  });

  test('a follower tells the person followed; unfollowing withdraws it', async () => {
    const follow = (method: string) => ok(call(server, '/people/lukas.schneider/follow', { method, cookie: as('jonas.richter') }));
    const follows = async () => (await list('lukas.schneider')).items.filter((n) => n.kind === 'follow' && n.actors[0]?.id === 'jonas.richter');
    await follow('PUT');
    const [item] = await follows();
    assert.equal(item!.target, null);
    assert.equal(item!.excerpt, '');
    await follow('DELETE');
    assert.equal((await follows()).length, 0);
  });

  test('status posts of people I follow: off by default, on when chosen; a mention in one tells anyway', async () => {
    await ok(call(server, '/people/markus.wagner/follow', { method: 'PUT', cookie: as('elena.jovanovic') }));
    // Jonas follows Markus's posts too: once he is told of one, the followers were.
    await ok(call(server, '/people/markus.wagner/follow', { method: 'PUT', cookie: as('jonas.richter') }));
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: as('jonas.richter'), json: { kinds: { 'followed-post': 'in-app' } } }));
    const markus = await signIn(server, 'markus.wagner');
    const postStatus = (text: string) => ok<Activity>(call(server, '/activities', { method: 'POST', cookie: markus, json: { text } }));
    const quiet = await postStatus('Neue Tarife ab Januar');
    assert.deepEqual((await told('jonas.richter', `activity:${quiet.id}`)).map((n) => n.kind), ['followed-post']);
    assert.equal((await about('elena.jovanovic', `activity:${quiet.id}`)).length, 0);
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: as('elena.jovanovic'), json: { kinds: { 'followed-post': 'in-app' } } }));
    const heard = await postStatus(`Danke ${mention('elena.jovanovic', 'Elena')} und ${mention('anna.lehmann', 'Anna')}`);
    assert.deepEqual((await told('jonas.richter', `activity:${heard.id}`)).map((n) => n.kind), ['followed-post']);
    assert.deepEqual((await about('elena.jovanovic', `activity:${heard.id}`)).map((n) => n.kind), ['mention']);
    const plain = await postStatus('Noch ein Beitrag');
    assert.deepEqual((await told('elena.jovanovic', `activity:${plain.id}`)).map((n) => n.kind), ['followed-post']);
    // Deleting the post withdraws what told of it.
    assert.equal((await call(server, `/activities/${heard.id}`, { method: 'DELETE', cookie: markus })).status, 204);
    assert.equal((await about('anna.lehmann', `activity:${heard.id}`)).length, 0);
  });

  test('a report tells every moderator but the reporter; hiding withdraws the rest but keeps the reports; deleting withdraws all', async () => {
    const key = freshThread();
    const comment = await post('anna.lehmann', key, `Unfug, ${mention('ayse.demir', 'Ayşe')}`);
    const target = `comment:${comment.id}`;
    await ok(call(server, `/comments/${comment.id}/reports`, { method: 'POST', cookie: as('julia.schmitt'), json: { reason: 'Ton' } }));
    // Reporting again (another reason) tells nobody twice.
    await ok(call(server, `/comments/${comment.id}/reports`, { method: 'POST', cookie: as('julia.schmitt'), json: { reason: 'Ton!' } }));
    assert.deepEqual((await about('katharina.weber', target)).map((n) => [n.kind, n.actors[0]?.id]), [['report', 'julia.schmitt']]);
    assert.equal((await about('julia.schmitt', target)).length, 0);
    assert.equal((await about('jonas.richter', target)).length, 0);
    await ok(call(server, `/comments/${comment.id}/hidden`, { method: 'PUT', cookie: as('katharina.weber') }));
    assert.equal((await about('ayse.demir', target)).length, 0);
    assert.deepEqual((await about('katharina.weber', target)).map((n) => n.kind), ['report']);
    await ok(call(server, `/comments/${comment.id}`, { method: 'DELETE', cookie: as('katharina.weber') }));
    assert.equal((await about('katharina.weber', target)).length, 0);
  });

  test('an edit tells the people it newly mentions, once', async () => {
    const key = freshThread();
    const comment = await post('anna.lehmann', key, 'Entwurf');
    const edit = (text: string, version: number) => ok<Comment>(call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: as('anna.lehmann'), json: { text, version } }));
    await edit(`Entwurf für ${mention('lukas.schneider', 'Lukas')}`, 1);
    await edit(`Entwurf für ${mention('lukas.schneider', 'Lukas')}!`, 2);
    assert.deepEqual((await about('lukas.schneider', `comment:${comment.id}`)).map((n) => n.kind), ['mention']);
  });

  test('marking read: some ids (others\' ignored), then all; the unread count follows', async () => {
    const key = freshThread();
    for (const text of ['eins', 'zwei', 'drei']) await post('anna.lehmann', key, `${text} ${mention('jonas.richter', 'Jonas')}`);
    const before = await list('jonas.richter');
    assert.ok(before.unread >= 3);
    const [first] = before.items;
    const foreign = (await list('ayse.demir')).items.find((n) => n.readAt === null)!.id;
    const res = await call(server, '/notifications/read', { method: 'POST', cookie: as('jonas.richter'), json: { ids: [first!.id, foreign] } });
    assert.equal(res.status, 204);
    assert.equal((await list('jonas.richter')).unread, before.unread - 1);
    assert.equal((await list('ayse.demir')).items.find((n) => n.id === foreign)!.readAt, null);
    await call(server, '/notifications/read', { method: 'POST', cookie: as('jonas.richter'), json: { all: true } });
    const after = await list('jonas.richter');
    assert.equal(after.unread, 0);
    assert.ok(after.items.every((n: PlazaNotification) => n.readAt !== null));
    const both = await problem(call(server, '/notifications/read', { method: 'POST', cookie: as('jonas.richter'), json: { ids: [first!.id], all: true } }), 400);
    assert.equal(both.field, 'ids');
    await problem(call(server, '/notifications/read', { method: 'POST', cookie: as('jonas.richter'), json: { ids: ['abc'] } }), 400);
  });

  test('paging: newest first, with a cursor', async () => {
    const key = freshThread();
    for (let i = 0; i < 5; i++) await post('anna.lehmann', key, `${i} ${mention('elena.jovanovic', 'Elena')}`);
    const first = await ok<NotificationPage>(call(server, '/notifications?limit=2', { cookie: as('elena.jovanovic') }));
    const second = await ok<NotificationPage>(call(server, `/notifications?limit=2&cursor=${first.nextCursor}`, { cookie: as('elena.jovanovic') }));
    assert.deepEqual([...first.items, ...second.items].map((n) => n.excerpt.split(' ')[0]), ['4', '3', '2', '1']);
    await problem(call(server, '/notifications?cursor=bogus', { cookie: as('elena.jovanovic') }), 400);
    await problem(call(server, '/notifications'), 401);
  });

  test('settings: defaults without e-mail, a partial PUT, field errors, and off makes no entry', async () => {
    const cookie = as('lukas.schneider');
    const settings = await ok<NotificationSettings>(call(server, '/me/notification-settings', { cookie }));
    assert.deepEqual(settings, {
      kinds: { mention: 'in-app', reply: 'in-app', reaction: 'in-app', follow: 'in-app', 'followed-post': 'off', report: 'in-app' },
      channels: ['in-app', 'off'],
    });
    // A channel this server does not offer may be chosen (it is kept for when it does), and is still not offered.
    const changed = await ok<NotificationSettings>(call(server, '/me/notification-settings', { method: 'PUT', cookie, json: { kinds: { mention: 'off', reaction: 'teams' } } }));
    assert.equal(changed.kinds.mention, 'off');
    assert.equal(changed.kinds.reaction, 'teams');
    assert.deepEqual(changed.channels, ['in-app', 'off']);
    assert.equal(changed.kinds.reply, 'in-app');
    assert.equal((await problem(call(server, '/me/notification-settings', { method: 'PUT', cookie, json: { kinds: { mention: 'pigeon' } } }), 400)).field, 'kinds.mention');
    assert.equal((await problem(call(server, '/me/notification-settings', { method: 'PUT', cookie, json: { kinds: { telepathy: 'off' } } }), 400)).type, 'urn:plaza:problem:validation');
    const comment = await post('anna.lehmann', freshThread(), `Hallo ${mention('lukas.schneider', 'Lukas')}`);
    assert.equal((await about('lukas.schneider', `comment:${comment.id}`)).length, 0);
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie, json: { kinds: { mention: 'in-app' } } }));
  });

  test("erasure: a person's own notifications go, and they leave everyone else's", async () => {
    const key = freshThread();
    await post('anna.lehmann', key, `Hallo ${mention('elena.jovanovic', 'Elena')}`);
    const root = await post('ayse.demir', key, 'Frage');
    await post('elena.jovanovic', key, 'Antwort', root.id);
    await ok(call(server, '/people/ayse.demir/follow', { method: 'PUT', cookie: as('elena.jovanovic') }));
    await ok(call(server, '/me', { method: 'DELETE', cookie: as('elena.jovanovic') }));
    const rows = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = 'elena.jovanovic' OR 'elena.jovanovic' = ANY (actor_ids)`,
    );
    assert.equal(rows[0]!.n, 0);
    assert.ok((await list('ayse.demir')).items.every((n) => n.actors.every((actor) => actor.id !== 'elena.jovanovic')));
  });
});

describe('notification defaults with e-mail set up', () => {
  const server: TestServer = useTestServer({ emailConfigured: true });
  test('mentions and replies by mail at once, the rest in the digest, posts of people followed off', async () => {
    const cookie = await signIn(server, 'anna.lehmann');
    const settings = await ok<NotificationSettings>(call(server, '/me/notification-settings', { cookie }));
    assert.deepEqual(settings, {
      kinds: { mention: 'email', reply: 'email', reaction: 'digest', follow: 'digest', 'followed-post': 'off', report: 'digest' },
      channels: ['in-app', 'email', 'digest', 'off'],
    });
  });
});

describe('notification channels with Teams set up and without e-mail', () => {
  const server: TestServer = useTestServer({ teamsWebhookUrl: 'https://teams.example/workflows/plaza?sig=x' });
  test('Teams is offered, e-mail and the digest are not; the defaults stay the list', async () => {
    const cookie = await signIn(server, 'anna.lehmann');
    const settings = await ok<NotificationSettings>(call(server, '/me/notification-settings', { cookie }));
    assert.deepEqual(settings.channels, ['in-app', 'teams', 'off']);
    assert.equal(settings.kinds.mention, 'in-app');
  });
});
