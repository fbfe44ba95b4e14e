import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ACTIVITY_KINDS,
  PROBLEM_TYPES,
  topics,
  type Activity,
  type ActivityPage,
  type Comment,
  type ErasureReceipt,
  type PersonalDataExport,
  type RealtimeEvent,
} from '../../src/core/protocol.ts';
import type { WriteEvent } from '../../server/events/types.ts';
import { PROJECTORS } from '../../server/projections/index.ts';
import { project } from '../../server/projections/projector.ts';
import { recordActivity } from '../../server/store/activities.ts';
import { postComment, type CommentDraft } from '../../server/store/comments.ts';
import { threadPageOf } from '../../server/store/thread-pages.ts';
import { call, ok, problem, reactionPath, rowCounts, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { isEvent, openSse, type SseClient, type SseMessage } from './sse.ts';

const payload = (message: SseMessage) => JSON.parse(message.data ?? 'null') as RealtimeEvent;

describe('activities', () => {
  let server: TestServer;
  const cookies = new Map<string, string>();
  const streams: SseClient[] = [];
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  /** The session of `id`, signed in once. */
  const as = async (id: string) => {
    if (!cookies.has(id)) cookies.set(id, await signIn(server, id));
    return cookies.get(id)!;
  };
  const feed = async (query: string, cookie?: string) => ok<ActivityPage>(call(server, `/activities?${query}`, { cookie }));
  const scope = (value: string) => `scope=${encodeURIComponent(value)}`;
  const status = async (who: string, text: string, extra: Record<string, unknown> = {}) =>
    ok<Activity>(call(server, '/activities', { method: 'POST', cookie: await as(who), json: { text, ...extra } }));
  const comment = async (who: string, key: string, json: Record<string, unknown>) =>
    ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: await as(who), json }));
  const follow = async (who: string, whom: string, method = 'PUT') => ok(call(server, `/people/${whom}/follow`, { method, cookie: await as(who) }));
  const react = async (who: string, target: string, kind: string, method = 'PUT') =>
    ok(call(server, reactionPath(target, kind), { method, cookie: await as(who) }));
  const open = async (query: string, headers: Record<string, string> = {}) => {
    const stream = await openSse(`${server.api}/events?${query}`, headers);
    streams.push(stream);
    await stream.next((m) => m.event === 'ready');
    return stream;
  };
  const topicQuery = (...names: string[]) => names.map((t) => `topics=${encodeURIComponent(t)}`).join('&');

  test('the seeded feed paints in one request: every kind, people, pages, reactions', async () => {
    const page = await feed('limit=50');
    assert.equal(page.items.length, 50);
    assert.ok(page.nextCursor);
    const times = page.items.map((a) => a.createdAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    const latest = page.items.find((a) => a.kind === 'status')!;
    assert.equal(latest.actor?.name, 'Stefan Fischer');
    assert.deepEqual(latest.mentions, ['andreas.schroeder']);

    const everything: Activity[] = [...page.items];
    for (let cursor: string | null = page.nextCursor; cursor; ) {
      const next = await feed(`limit=50&cursor=${cursor}`);
      everything.push(...next.items);
      cursor = next.nextCursor;
    }
    assert.deepEqual(new Set(everything.map((a) => a.kind)), new Set(ACTIVITY_KINDS));
    const kantine = everything.find((a) => a.kind === 'comment' && a.target?.key === 'page:/news/kantine')!;
    assert.deepEqual(kantine.target?.page, { url: `${server.url}demo/news/kantine.html`, title: 'Neue Speisekarte in der Kantine' });
    assert.match(kantine.commentId ?? '', /^[0-9A-Z]{26}$/);
    const welcome = everything.find((a) => a.kind === 'status' && a.actor?.id === 'monika.schaefer')!;
    assert.equal(welcome.reactions?.target, `activity:${welcome.id}`);
    assert.equal(welcome.reactions?.counts.love, 2);
    const followed = everything.filter((a) => a.kind === 'follow' && a.actor?.id === 'anna.lehmann');
    assert.deepEqual(followed.map((a) => a.subject?.id), ['sabine.krueger', 'ayse.demir'], 'newest first');
    assert.ok(everything.some((a) => a.kind === 'joined' && a.actor?.id === 'anna.lehmann'));
    assert.ok(!everything.some((a) => a.kind === 'comment' && a.text === ''), 'the deleted seeded comment is not in the feed');
    assert.ok(!everything.some((a) => a.target?.key.startsWith('activity:')), 'reactions to status posts are no activities');
  });

  test('each kind appears in all and in user:<id>, newest first', async () => {
    const who = 'mehmet.yilmaz';
    const key = 'page:/news/each-kind';
    const posted = await status(who, 'Zählerwechsel im Neubaugebiet erledigt, @[Lukas Schneider](person:lukas.schneider) 💪');
    assert.equal(posted.kind, 'status');
    assert.deepEqual(posted.mentions, ['lukas.schneider']);
    assert.deepEqual(posted.reactions, { target: `activity:${posted.id}`, counts: { like: 0, love: 0, celebrate: 0, insight: 0, surprise: 0 }, mine: [] });
    const written = await comment(who, key, { text: 'Gibt es dazu schon einen Termin?' });
    await react(who, key, 'insight');
    await react(who, `comment:${written.id}`, 'like');
    await follow(who, 'frank.zimmermann');
    await recordActivity(server.db, null, { kind: 'joined', actorId: who });

    for (const query of ['limit=6', `${scope(`user:${who}`)}&limit=6`]) {
      const items = (await feed(query)).items;
      assert.deepEqual(items.map((a) => a.kind), ['joined', 'follow', 'reaction', 'reaction', 'comment', 'status'], query);
      assert.ok(items.every((a) => a.actor?.id === who));
      const [, followed, onComment, onPage, commented] = items;
      assert.equal(followed!.subject?.name, 'Frank Zimmermann');
      assert.deepEqual([onComment!.reaction, onComment!.target?.key, onComment!.commentId], ['like', key, written.id]);
      assert.deepEqual([onPage!.reaction, onPage!.target, onPage!.commentId], ['insight', { key, page: null }, null]);
      assert.deepEqual([commented!.text, commented!.commentId, commented!.target?.key], ['Gibt es dazu schon einen Termin?', written.id, key]);
    }
    assert.equal((await problem(call(server, `/activities?${scope('user:max.mustermann')}`), 404)).field, 'scope');
  });

  test('kinds filter, repeated or comma-separated', async () => {
    for (const query of ['kinds=status,follow&limit=40', 'kinds=status&kinds=follow&limit=40']) {
      const items = (await feed(query)).items;
      assert.ok(items.length > 20);
      assert.ok(items.every((a) => a.kind === 'status' || a.kind === 'follow'), query);
    }
    const p = await problem(call(server, '/activities?kinds=status,dislike'), 400);
    assert.equal(p.field, 'kinds.1');
  });

  test('following: their items and your own; unfollowing takes theirs away at once', async () => {
    const viewer = 'claudia.hoffmann';
    await follow(viewer, 'petra.schulz');
    const theirs = await status('petra.schulz', 'Der Jahresabschluss ist testiert. Danke, Team Finanzen!');
    const mine = await status(viewer, 'Ich bin diese Woche im Wasserwerk Nord zu erreichen.');
    await status('markus.wagner', 'Vertriebsrunde am Donnerstag fällt aus.');

    const items = (await feed(`${scope('following')}&limit=50`, await as(viewer))).items;
    assert.deepEqual(items.slice(0, 3).map((a) => a.id), [mine.id, theirs.id, items[2]!.id]);
    assert.deepEqual([items[2]!.kind, items[2]!.subject?.id], ['follow', 'petra.schulz'], 'your own follow too');
    assert.ok(items.every((a) => a.actor?.id === viewer || a.actor?.id === 'petra.schulz'));
    assert.ok(items.some((a) => a.kind === 'reaction' && a.actor?.id === 'petra.schulz'), 'their history too');

    await follow(viewer, 'petra.schulz', 'DELETE');
    const after = (await feed(`${scope('following')}&limit=50`, await as(viewer))).items;
    assert.equal(after[0]!.id, mine.id);
    assert.ok(after.every((a) => a.actor?.id === viewer), 'only your own');
    assert.ok(!after.some((a) => a.kind === 'follow'), 'the follow went with the unfollow');
    assert.equal((await problem(call(server, `/activities?${scope('following')}`), 401)).type, PROBLEM_TYPES.unauthenticated);
  });

  test('cursor paging stays stable while new activities arrive', async () => {
    const who = 'ursula.walter';
    const first = (await feed(`${scope(`user:${who}`)}&limit=50`)).items.map((a) => a.id);
    assert.ok(first.length > 3 && first.length < 40, 'the seed gave them a few');
    for (let i = 1; i <= 5; i++) await status(who, `Beleg ${i} ist verbucht.`);
    const before = (await feed(`${scope(`user:${who}`)}&limit=50`)).items.map((a) => a.id);
    assert.equal(before.length, first.length + 5);

    const seen: string[] = [];
    let page = await feed(`${scope(`user:${who}`)}&limit=3`);
    for (let round = 0; ; round++) {
      seen.push(...page.items.map((a) => a.id));
      if (!page.nextCursor) break;
      // New posts between pages land before the cursor: nothing repeats, nothing is skipped.
      await status(who, `Nachzügler ${round}`);
      page = await feed(`${scope(`user:${who}`)}&limit=3&cursor=${page.nextCursor}`);
    }
    assert.deepEqual(seen, before);
    assert.equal((await problem(call(server, '/activities?cursor=garbage'), 400)).field, 'cursor');
  });

  test('a status post is checked like a comment, and nothing is written when it is refused', async () => {
    const cookie = await as('lea.neumann');
    const refused = [
      { json: { text: ' \n ' }, type: 'validation' },
      { json: { text: 'x'.repeat(10_001) }, type: 'validation' },
      { json: { text: 'Hallo @[Max](person:max.mustermann)' }, type: 'unknownMention' },
      { json: { text: Array.from({ length: 21 }, (_, i) => `@[P${i}](person:p${i})`).join(' ') }, type: 'validation' },
    ] as const;
    for (const { json, type } of refused) {
      const before = await rowCounts(server);
      const p = await problem(call(server, '/activities', { method: 'POST', cookie, json }), 400);
      assert.deepEqual([p.type, p.field], [PROBLEM_TYPES[type], 'text']);
      assert.deepEqual(await rowCounts(server), before);
    }
    await problem(call(server, '/activities', { method: 'POST', json: { text: 'Hallo' } }), 401);
  });

  test('a retried status post (same Idempotency-Key) posts once', async () => {
    const send = async () =>
      call(server, '/activities', { method: 'POST', cookie: await as('jonas.richter'), headers: { 'idempotency-key': 'status-1' }, json: { text: 'Drucker im 2. OG geht wieder.' } });
    const first = await send();
    const again = await send();
    assert.deepEqual([first.status, again.status, again.headers.get('idempotent-replayed')], [201, 201, 'true']);
    assert.deepEqual(await again.json(), await first.json());
    const [row] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE body = 'Drucker im 2. OG geht wieder.'`);
    assert.equal(row!.n, 1);
  });

  test('undoing removes the item: a reaction taken back, a deleted comment, a deleted status post', async () => {
    const who = 'goekhan.oezdemir';
    const key = 'page:/news/undo';
    const mine = () => feed(`${scope(`user:${who}`)}&limit=5`).then((p) => p.items);
    const before = (await mine()).map((a) => a.id);

    await react(who, key, 'love');
    assert.equal((await mine())[0]!.reaction, 'love');
    await react(who, key, 'love', 'DELETE');
    assert.deepEqual((await mine()).map((a) => a.id), before);

    const written = await comment(who, key, { text: 'Kommt noch.' });
    await react('petra.schulz', `comment:${written.id}`, 'like');
    await ok(call(server, `/comments/${written.id}`, { method: 'DELETE', cookie: await as(who) }));
    assert.deepEqual((await mine()).map((a) => a.id), before);
    assert.ok(!(await feed(`${scope('user:petra.schulz')}&limit=5`)).items.some((a) => a.commentId === written.id), 'reactions to it go too');

    const post = await status(who, 'Bitte ignorieren.');
    await react('petra.schulz', `activity:${post.id}`, 'like');
    assert.equal((await problem(call(server, `/activities/${post.id}`, { method: 'DELETE', cookie: await as('petra.schulz') }), 403)).type, PROBLEM_TYPES.forbidden);
    const deleted = await call(server, `/activities/${post.id}`, { method: 'DELETE', cookie: await as(who) });
    assert.equal(deleted.status, 204);
    assert.deepEqual((await mine()).map((a) => a.id), before);
    assert.equal((await server.db.query(`SELECT 1 FROM reactions WHERE target = $1`, [`activity:${post.id}`])).length, 0);
    assert.equal((await problem(call(server, `/activities/${post.id}`, { method: 'DELETE', cookie: await as(who) }), 404)).field, 'id');

    const other = await status('petra.schulz', 'Moderation darf das löschen.');
    assert.equal((await call(server, `/activities/${other.id}`, { method: 'DELETE', cookie: await as('katharina.weber') })).status, 204);
    const notStatus = (await feed(`${scope(`user:${who}`)}&kinds=reaction&limit=1`)).items[0]!;
    await problem(call(server, `/activities/${notStatus.id}`, { method: 'DELETE', cookie: await as(who) }), 403);
  });

  test('a hidden comment leaves every feed: its text never reaches anyone, not even on replay', async () => {
    const secret = 'Vertraulich: die Gehaltsliste liegt im Drucker.';
    const key = 'page:/team/hidden/thread';
    const all = await open(topicQuery(topics.activities('all')));
    const from = all.messages.find((m) => m.event === 'ready')!.id!;
    const written = await comment('dennis.krause', key, { text: secret });
    await all.next((m) => isEvent(m) && payload(m).type === 'activity.created');
    await ok(call(server, `/comments/${written.id}/hidden`, { method: 'PUT', cookie: await as('julia.schmitt') }));
    const removed = payload(await all.next((m) => isEvent(m) && payload(m).type === 'activity.deleted'));
    assert.deepEqual(removed, { type: 'activity.deleted', topic: 'activities:all', id: removed.type === 'activity.deleted' ? removed.id : '' }, 'naming no moderator');

    for (const cookie of [undefined, await as('dennis.krause'), await as('julia.schmitt')]) {
      for (const query of ['limit=50', `${scope('user:dennis.krause')}&limit=50`, `${scope('space:page:/team/hidden/')}`]) {
        assert.ok(!JSON.stringify(await feed(query, cookie)).includes('Gehaltsliste'), query);
      }
    }
    await react('lukas.schneider', `comment:${written.id}`, 'like');
    assert.ok(!(await feed(`${scope('user:lukas.schneider')}&limit=3`)).items.some((a) => a.commentId === written.id), 'no reaction activity either');

    const replay = await open(topicQuery(topics.activities('all')), { 'last-event-id': from });
    await replay.next((m) => isEvent(m) && payload(m).type === 'activity.deleted');
    assert.ok(!replay.messages.some((m) => m.data?.includes('Gehaltsliste')), 'the logged event with the text is gone');

    await ok(call(server, `/comments/${written.id}/hidden`, { method: 'DELETE', cookie: await as('julia.schmitt') }));
    assert.equal((await feed(`${scope('user:dennis.krause')}&limit=1`)).items[0]!.text, secret, 'restored, it is back');
  });

  test('space:<key> takes status posts to it and activity on threads whose key starts with it', async () => {
    const space = 'page:/team/netz/';
    const posted = await status('juergen.mueller', 'Dienstplan für die Feiertage steht.', { space });
    assert.equal(posted.space, space);
    const written = await comment('lukas.schneider', 'page:/team/netz/dienstplan', { text: 'Ich tausche gern den 26.' });
    await react('mehmet.yilmaz', 'page:/team/netz/dienstplan', 'like');
    await comment('lukas.schneider', 'page:/team/netzwerk', { text: 'Anderer Bereich.' });
    await comment('lukas.schneider', 'page:/team/netzXdienst', { text: 'Auch woanders.' });
    await status('juergen.mueller', 'Nicht im Bereich.');

    const items = (await feed(scope(`space:${space}`))).items;
    assert.deepEqual(items.map((a) => [a.kind, a.actor?.id]), [['reaction', 'mehmet.yilmaz'], ['comment', 'lukas.schneider'], ['status', 'juergen.mueller']]);
    assert.equal(items[1]!.commentId, written.id);
    const wider = (await feed(scope('space:page:/team/netz'))).items;
    assert.ok(wider.some((a) => a.target?.key === 'page:/team/netzwerk'), 'a plain prefix: without the slash, netzwerk belongs');
    assert.deepEqual((await feed(scope('space:page:/team/netz_'))).items, [], 'LIKE wildcards are characters');
  });

  test('a comment names its page: only absolute http(s) URLs, titles cut to 200 characters', async () => {
    assert.deepEqual(threadPageOf({ url: 'https://intranet.example/news/a?x=1#c', title: '  Neue\u0007 Speisekarte \n ' }), {
      url: 'https://intranet.example/news/a?x=1#c',
      title: 'Neue Speisekarte',
    });
    for (const url of ['javascript:alert(1)', '/news/relative', 'ftp://intranet.example/a', 'https://user:pw@intranet.example/', 'nonsense']) {
      assert.equal(threadPageOf({ url }), null, url);
    }
    assert.equal(threadPageOf({ url: 'http://intranet.example/', title: 'x'.repeat(300) })!.title!.length, 200);
    assert.equal(threadPageOf({ url: 'http://intranet.example/', title: `${'x'.repeat(199)}😀` })!.title, 'x'.repeat(199), 'never half an emoji');
    assert.deepEqual(threadPageOf({ url: 'http://intranet.example/', title: '   ' }), { url: 'http://intranet.example/' });

    const cookie = await as('sophie.hartmann');
    const bad = await problem(call(server, threadPath('page:/news/paged'), { method: 'POST', cookie, json: { text: 'Hallo', page: { url: 42 } } }), 400);
    assert.equal(bad.field, 'page.url');
    await problem(call(server, threadPath('page:/news/paged'), { method: 'POST', cookie, json: { text: 'Hallo', page: { url: 'https://a.example/', icon: 'x' } } }), 400);

    // The store keeps the latest good page of a thread, whoever posts; the feed projects each post, unannounced.
    const stored = 'page:/news/paged-in-store';
    const draft = { threadKey: stored, parentId: null, authorId: 'sophie.hartmann', mentions: [] };
    const post = async (text: string, page: CommentDraft['page']) => {
      const events: WriteEvent[] = [];
      await postComment(server.db, async (event) => void events.push(event), { ...draft, text, page });
      await project(server.db, PROJECTORS, events, false);
    };
    await post('Eins', { url: 'https://intranet.example/a', title: 'A' });
    await post('Zwei', { url: 'data:text/html,x' });
    assert.deepEqual((await feed(`${scope(`space:${stored}`)}&limit=1`)).items[0]!.target?.page, { url: 'https://intranet.example/a', title: 'A' });
    await post('Drei', { url: 'https://intranet.example/b' });
    assert.deepEqual((await feed(`${scope(`space:${stored}`)}&limit=1`)).items[0]!.target?.page, { url: 'https://intranet.example/b' });

    const key = 'page:/news/paged';
    await comment('sophie.hartmann', key, { text: 'Erster', page: { url: 'https://intranet.example/news/paged', title: 'Alte Adresse' } });
    await comment('sophie.hartmann', key, { text: 'Zweiter', page: { url: 'javascript:alert(1)', title: 'Böse' } });
    const [latest] = (await feed(`${scope('user:sophie.hartmann')}&limit=1`)).items;
    assert.deepEqual(latest!.target?.page, { url: 'https://intranet.example/news/paged', title: 'Alte Adresse' }, 'a dropped URL keeps the last good one');
    await comment('sophie.hartmann', key, { text: 'Dritter', page: { url: 'https://intranet.example/neu/paged' } });
    const [moved] = (await feed(`${scope('user:sophie.hartmann')}&limit=1`)).items;
    assert.deepEqual(moved!.target?.page, { url: 'https://intranet.example/neu/paged' }, 'the latest page wins');
  });

  test('reactions to a status post: summary with `mine`, and not an activity', async () => {
    const post = await status('andreas.schroeder', 'Neue Pumpe im Hochbehälter läuft.');
    await react('marie.klein', `activity:${post.id}`, 'celebrate');
    const seen = (await feed(`${scope('user:andreas.schroeder')}&limit=1`, await as('marie.klein'))).items[0]!;
    assert.deepEqual([seen.reactions?.counts.celebrate, seen.reactions?.mine], [1, ['celebrate']]);
    assert.notEqual((await feed(`${scope('user:marie.klein')}&limit=1`)).items[0]?.target?.key, `activity:${post.id}`);
  });

  describe('realtime', () => {
    test('activities:all and activities:user:<id> carry new and removed activities', async () => {
      const stream = await open(topicQuery(topics.activities('all'), topics.activities('user:thomas.becker')));
      const post = await status('thomas.becker', 'Neue WLAN-Zugangsdaten hängen am Empfang aus.');
      assert.equal((await call(server, `/activities/${post.id}`, { method: 'DELETE', cookie: await as('thomas.becker') })).status, 204);
      await stream.next(() => stream.messages.filter(isEvent).length >= 4);
      const events = stream.messages.filter(isEvent).map(payload);
      assert.deepEqual(
        events.map((e) => [e.type, e.topic]),
        [
          ['activity.created', 'activities:all'],
          ['activity.created', 'activities:user:thomas.becker'],
          ['activity.deleted', 'activities:all'],
          ['activity.deleted', 'activities:user:thomas.becker'],
        ],
      );
      const created = events[0]!;
      assert.ok(created.type === 'activity.created');
      assert.deepEqual(created.activity, post);
      assert.deepEqual(events[2], { type: 'activity.deleted', topic: 'activities:all', id: post.id });
    });

    test('activities:following: followed colleagues live, a follow or unfollow mid-stream takes effect at once', async () => {
      const viewer = 'karl-heinz.vogel';
      const cookie = await as(viewer);
      await follow(viewer, 'stefan.fischer');
      const stream = await open(topicQuery(topics.activities('following')), { cookie });
      const arrived = () => stream.messages.filter(isEvent).map(payload).flatMap((e) => (e.type === 'activity.created' ? [e.activity.text] : []));
      const waitFor = (text: string) => stream.next((m) => isEvent(m) && (payload(m) as { activity?: Activity }).activity?.text === text);

      await status('andreas.schroeder', 'Nicht gefolgt (1).');
      await status('stefan.fischer', 'Gefolgt (1).');
      const message = await waitFor('Gefolgt (1).');
      assert.equal(payload(message).topic, 'activities:following');

      await follow(viewer, 'andreas.schroeder');
      await status('andreas.schroeder', 'Jetzt gefolgt (2).');
      await waitFor('Jetzt gefolgt (2).');
      await follow(viewer, 'stefan.fischer', 'DELETE');
      await status('stefan.fischer', 'Nicht mehr gefolgt (3).');
      await status(viewer, 'Eigener Beitrag (4).');
      await waitFor('Eigener Beitrag (4).');
      assert.deepEqual(arrived().filter((t) => t !== ''), ['Gefolgt (1).', 'Jetzt gefolgt (2).', 'Eigener Beitrag (4).']);
      assert.deepEqual(
        stream.messages.filter(isEvent).map(payload).filter((e) => e.type === 'activity.created').map((e) => e.type === 'activity.created' && e.activity.kind),
        ['status', 'follow', 'status', 'status'],
        'own follow activity too',
      );
      assert.ok(stream.messages.filter(isEvent).map(payload).some((e) => e.type === 'activity.deleted'), 'and the unfollow removes it');
      assert.ok(stream.messages.filter(isEvent).every((m) => payload(m).topic === 'activities:following'));
    });

    test('activities:following: a post shown before an unfollow still leaves when it is deleted', async () => {
      const viewer = 'frank.zimmermann';
      const cookie = await as(viewer);
      await follow(viewer, 'heike.wolf');
      const stream = await open(topicQuery(topics.activities('following')), { cookie });
      const post = await status('heike.wolf', 'Gleich wieder weg.');
      await stream.next((m) => isEvent(m) && (payload(m) as { activity?: Activity }).activity?.id === post.id);
      await follow(viewer, 'heike.wolf', 'DELETE');
      assert.equal((await call(server, `/activities/${post.id}`, { method: 'DELETE', cookie: await as('heike.wolf') })).status, 204);
      const gone = payload(await stream.next((m) => isEvent(m) && (payload(m) as { id?: string }).id === post.id));
      assert.deepEqual([gone.type, gone.topic], ['activity.deleted', 'activities:following']);
      await status(viewer, 'Danach.');
      await stream.next((m) => isEvent(m) && (payload(m) as { activity?: Activity }).activity?.text === 'Danach.');
      const deletions = stream.messages.filter(isEvent).map(payload).filter((e) => e.type === 'activity.deleted' && (e as { id: string }).id === post.id);
      assert.equal(deletions.length, 1, 'once, not once per topic');
    });

    test('activities:following on replay: each event judged by the follows of its moment', async () => {
      const viewer = 'sabine.krueger';
      const cookie = await as(viewer);
      const first = await open(topicQuery(topics.activities('following')), { cookie });
      await status(viewer, 'Marke.');
      const mark = await first.next(isEvent);
      first.close();

      await status('elena.jovanovic', 'Vor dem Folgen.');
      await follow(viewer, 'elena.jovanovic');
      await status('elena.jovanovic', 'Nach dem Folgen.');
      await follow(viewer, 'elena.jovanovic', 'DELETE');
      await status('elena.jovanovic', 'Nach dem Entfolgen.');
      await follow(viewer, 'elena.jovanovic');

      const again = await open(topicQuery(topics.activities('following')), { cookie, 'last-event-id': mark.id! });
      await status('elena.jovanovic', 'Live.');
      await again.next((m) => isEvent(m) && (payload(m) as { activity?: Activity }).activity?.text === 'Live.');
      const created = again.messages.filter(isEvent).map(payload).flatMap((e) => (e.type === 'activity.created' ? [e.activity] : []));
      // The first follow was undone: its activity is gone from the log, only its deletion replays.
      assert.deepEqual(
        created.map((a) => (a.kind === 'status' ? a.text : `${a.kind} ${a.subject?.id}`)),
        ['Nach dem Folgen.', 'follow elena.jovanovic', 'Live.'],
      );
      assert.equal(again.messages.filter(isEvent).map(payload).filter((e) => e.type === 'activity.deleted').length, 1);
    });

    test('polling (GET /events/poll) resolves activities:following and spaces like the stream', async () => {
      const viewer = 'petra.schulz';
      const cookie = await as(viewer);
      await follow(viewer, 'markus.wagner');
      const start = await ok<{ lastEventId: string }>(call(server, `/events/poll?${topicQuery(topics.activities('following'))}`, { cookie }));
      await status('markus.wagner', 'Angebot für die Stadtbäder ist raus.', { space: 'page:/vertrieb/' });
      await status('juergen.mueller', 'Nicht gefolgt.');
      const query = topicQuery(topics.activities('following'), topics.activities('space:page:/vertrieb/'));
      const answer = await ok<{ events: Array<{ id: string; event: RealtimeEvent }> }>(
        call(server, `/events/poll?${query}&after=${start.lastEventId}`, { cookie }),
      );
      assert.deepEqual(
        answer.events.map(({ event }) => [event.topic, event.type === 'activity.created' && event.activity.text]),
        [
          ['activities:space:page:/vertrieb/', 'Angebot für die Stadtbäder ist raus.'],
          ['activities:following', 'Angebot für die Stadtbäder ist raus.'],
        ],
      );
    });

    test('signed out, activities:following carries nothing; the stream’s other topics work', async () => {
      const stream = await open(topicQuery(topics.activities('following'), topics.activities('user:birgit.koch')));
      await status('birgit.koch', 'Sprechstunde heute bis 15 Uhr.');
      await stream.next(isEvent);
      await status('birgit.koch', 'Und morgen ab 9.');
      await stream.next(() => stream.messages.filter(isEvent).length >= 2);
      assert.deepEqual(stream.messages.filter(isEvent).map((m) => payload(m).topic), ['activities:user:birgit.koch', 'activities:user:birgit.koch']);
    });

    test('activities:space:<key> carries what belongs to the space, under its own name', async () => {
      const space = 'page:/bereich/wasser/';
      const stream = await open(topicQuery(topics.activities(`space:${space}`)));
      await comment('marie.klein', 'page:/bereich/strom/a', { text: 'Anderer Bereich.' });
      await comment('marie.klein', 'page:/bereich/wasser/labor', { text: 'Neue Proben sind da.' });
      await status('marie.klein', 'Laborwoche!', { space });
      await stream.next(() => stream.messages.filter(isEvent).length >= 2);
      const events = stream.messages.filter(isEvent).map(payload);
      assert.deepEqual(
        events.map((e) => e.type === 'activity.created' && [e.topic, e.activity.text]),
        [
          [`activities:space:${space}`, 'Neue Proben sind da.'],
          [`activities:space:${space}`, 'Laborwoche!'],
        ],
      );
    });
  });

  test('export lists status posts; erasure (anonymise) keeps them without author and removes the rest', async () => {
    const who = 'niklas.braun';
    const cookie = await as(who);
    const post = await status(who, 'Mein erster Tag im Betriebshof – danke @[Birgit Koch](person:birgit.koch)!');
    await react('birgit.koch', `activity:${post.id}`, 'love');
    await follow(who, 'heike.wolf');
    await follow('heike.wolf', who);

    const data = await ok<PersonalDataExport>(call(server, '/me/export', { cookie }));
    assert.deepEqual(data.statusPosts.at(-1), { id: post.id, text: post.text, mentions: ['birgit.koch'], space: null, createdAt: post.createdAt });

    const receipt = await ok<ErasureReceipt>(call(server, '/me', { method: 'DELETE', cookie }));
    assert.equal(receipt.statusPosts, 1);
    const kept = (await feed('kinds=status&limit=50')).items.find((a) => a.id === post.id)!;
    assert.deepEqual([kept.actor, kept.text, kept.reactions?.counts.love], [null, post.text, 1]);
    const [left] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activities WHERE $1 IN (actor_id, subject_id)`,
      [who],
    );
    assert.equal(left!.n, 0);
    // Their person.erased is the one event left that names them (privacy.test.ts, rowsAbout).
    const [logged] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE payload::text LIKE '%niklas.braun%' AND type <> 'person.erased'`);
    assert.equal(logged!.n, 0);
    await problem(call(server, `/activities?${scope(`user:${who}`)}`), 404);
  });
});

describe('activities: erasure with PLAZA_ERASE_MODE=delete', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ eraseMode: 'delete' });
  });
  after(async () => {
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  test('status posts go, with the reactions to them, and so do the comments’ activities', async () => {
    const cookie = await signIn(server, 'dennis.krause');
    const other = await signIn(server, 'sophie.hartmann');
    const post = await ok<Activity>(call(server, '/activities', { method: 'POST', cookie, json: { text: 'Bis bald!' } }));
    await ok(call(server, reactionPath(`activity:${post.id}`, 'like'), { method: 'PUT', cookie: other }));
    const written = await ok<Comment>(call(server, threadPath('page:/news/bye'), { method: 'POST', cookie, json: { text: 'Tschüss' } }));
    await ok(call(server, reactionPath(`comment:${written.id}`, 'like'), { method: 'PUT', cookie: other }));

    const receipt = await ok<ErasureReceipt>(call(server, '/me', { method: 'DELETE', cookie }));
    assert.equal(receipt.statusPosts, 1);
    const [left] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM activities WHERE kind = 'status' AND body = 'Bis bald!' OR comment_id = $1`,
      [written.id],
    );
    assert.equal(left!.n, 0);
    assert.equal((await server.db.query('SELECT 1 FROM reactions WHERE target = $1', [`activity:${post.id}`])).length, 0);
  });
});
