import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_PRIVACY_OPTIONS, type PrivacyOptions } from '../../server/config/privacy.ts';
import { PROBLEM_TYPES, type ActivityPage, type Me, type RealtimePoll } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';

/**
 * Issue 19, item 3: who sees behaviour. `PLAZA_WHO_REACTED`,
 * `PLAZA_PERSONAL_FEED` and `PLAZA_FOLLOWERS_VISIBLE` hold for the feed and
 * for the realtime events that carry the same (a poll replays them), and
 * nothing in the database records who looked at what.
 */

const KEY = 'page:/news/behaviour-privacy';
const ACTOR = 'lea.neumann';
const OTHER = 'sophie.hartmann';

async function withServer(options: Partial<PrivacyOptions>, run: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer({ ...DEFAULT_PRIVACY_OPTIONS, readAccess: 'public', ...options });
  try {
    await run(server);
  } finally {
    await server.close();
  }
  assert.deepEqual(server.errors, []);
}

/** Lea comments, posts a status, reacts and follows: one of everything a personal feed could show. */
async function behave(server: TestServer): Promise<string> {
  const lea = await signIn(server, ACTOR);
  await ok(call(server, threadPath(KEY), { method: 'POST', cookie: lea, json: { text: 'Ein Kommentar' } }));
  await ok(call(server, '/activities', { method: 'POST', cookie: lea, json: { text: 'Ein Status' } }));
  await ok(call(server, reactionPath(KEY, 'like'), { method: 'PUT', cookie: lea }));
  await ok(call(server, '/people/ayse.demir/follow', { method: 'PUT', cookie: lea }));
  return lea;
}

const kindsIn = (page: ActivityPage) => [...new Set(page.items.map((item) => item.kind))].sort();
const poll = (server: TestServer, topics: string[], cookie?: string) =>
  ok<RealtimePoll>(call(server, `/events/poll?within=60&${topics.map((t) => `topics=${encodeURIComponent(t)}`).join('&')}`, { cookie }));

describe('PLAZA_WHO_REACTED', () => {
  for (const [setting, anonymous, colleague] of [['names', 200, 200], ['signed-in', 401, 200], ['counts', 403, 403]] as const) {
    test(`${setting}: nobody ${anonymous}, a colleague ${colleague}; /me says so; events and feed follow`, () =>
      withServer({ whoReacted: setting }, async (server) => {
        await behave(server);
        const viewer = await signIn(server, OTHER);
        const path = `${reactionPath(KEY, 'like')}/people`;
        for (const [cookie, status] of [[undefined, anonymous], [viewer, colleague]] as const) {
          if (status === 200) assert.equal((await ok<{ total: number }>(call(server, path, { cookie }))).total, 1);
          else assert.equal((await problem(call(server, path, { cookie }), status)).type, status === 401 ? PROBLEM_TYPES.unauthenticated : PROBLEM_TYPES.forbidden);
          const me = await ok<Me>(call(server, '/me', { cookie }));
          assert.equal(me.can.seeWhoReacted, status === 200, `/me for ${cookie ? 'a colleague' : 'nobody'}`);
          const events = (await poll(server, [`reactions:${KEY}`], cookie)).events.map(({ event }) => event);
          assert.deepEqual(events.map((event) => (event.type === 'reaction.changed' ? event.actor : '?')), [status === 200 ? ACTOR : '']);
          const feed = await ok<ActivityPage>(call(server, '/activities?scope=all', { cookie }));
          assert.equal(kindsIn(feed).includes('reaction'), status === 200, 'reaction activities in the shared feed');
        }
        // The reader's own reaction is theirs to see, whatever the setting.
        const lea = await signIn(server, ACTOR);
        const own = (await poll(server, [`reactions:${KEY}`], lea)).events[0]?.event;
        assert.equal(own?.type === 'reaction.changed' && own.actor, ACTOR);
      }));
  }
});

describe('PLAZA_PERSONAL_FEED and PLAZA_FOLLOWERS_VISIBLE', () => {
  test('defaults (writing, self): a colleague\'s feed shows what they wrote, not their reactions and follows; live events the same', () =>
    withServer({}, async (server) => {
      const lea = await behave(server);
      const viewer = await signIn(server, OTHER);
      const feed = await ok<ActivityPage>(call(server, `/activities?scope=user:${ACTOR}`, { cookie: viewer }));
      assert.deepEqual(kindsIn(feed), ['comment', 'status']);
      const asked = await ok<ActivityPage>(call(server, `/activities?scope=user:${ACTOR}&kinds=reaction,follow`, { cookie: viewer }));
      assert.deepEqual(asked.items, [], 'asking for the kinds does not bring them back');
      const events = (await poll(server, [`activities:user:${ACTOR}`, 'activities:all'], viewer)).events;
      const shown = events.flatMap(({ event }) => (event.type === 'activity.created' ? [`${event.topic} ${event.activity.kind}`] : []));
      assert.ok(!shown.some((line) => /reaction|follow/.test(line.split(' ')[1]!) && line.startsWith('activities:user:')), shown.join(', '));
      assert.ok(!shown.some((line) => line.endsWith(' follow')), `no follow activity anywhere: ${shown.join(', ')}`);
      // Her own feed is hers: all of it.
      const own = await ok<ActivityPage>(call(server, `/activities?scope=user:${ACTOR}`, { cookie: lea }));
      assert.deepEqual(kindsIn(own), ['comment', 'follow', 'reaction', 'status']);
    }));

  test('defaults: who follows whom reaches only the two concerned, as counts elsewhere', () =>
    withServer({}, async (server) => {
      await behave(server);
      const viewer = await signIn(server, OTHER);
      const followee = await signIn(server, 'ayse.demir');
      const actorOf = async (cookie: string) => {
        const [event] = (await poll(server, ['people:ayse.demir'], cookie)).events.map((e) => e.event);
        return event?.type === 'follow.changed' ? event.actor : undefined;
      };
      assert.equal(await actorOf(viewer), '');
      assert.equal(await actorOf(followee), ACTOR);
      const all = await ok<ActivityPage>(call(server, '/activities?scope=all', { cookie: viewer }));
      const followsShown = (page: ActivityPage) => page.items.filter((item) => item.kind === 'follow').map((item) => [item.actor?.id, item.subject?.id]);
      assert.deepEqual(followsShown(all).filter((pair) => !pair.includes(OTHER)), [], 'a colleague sees only follows they are part of');
      const followeesFeed = await ok<ActivityPage>(call(server, '/activities?scope=all', { cookie: followee }));
      assert.ok(followsShown(followeesFeed).some(([actor, subject]) => actor === ACTOR && subject === 'ayse.demir'), 'the one followed sees it');
      const card = await ok<{ followers: number }>(call(server, '/people/ayse.demir', { cookie: viewer }));
      assert.ok(card.followers >= 1, 'the count stays');
    }));

  test('all, all: everything shows, as before', () =>
    withServer({ personalFeed: 'all', followersVisible: 'all' }, async (server) => {
      await behave(server);
      const viewer = await signIn(server, OTHER);
      const feed = await ok<ActivityPage>(call(server, `/activities?scope=user:${ACTOR}`, { cookie: viewer }));
      assert.deepEqual(kindsIn(feed), ['comment', 'follow', 'reaction', 'status']);
    }));
});

describe('nothing records who viewed what', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  /**
   * Names that would betray per-person read tracking, and the only ones allowed, each with its reason.
   * Issue 20 adds notifications with a read flag: that is the recipient's own notification state
   * (what they have dealt with in their own inbox), never shown to anyone else; allow it there by name.
   */
  const TRACKING = /view|visit|read_at|seen|impression/i;
  const ALLOWED: Record<string, string> = {
    'notifications.read_at': 'the recipient’s own notification state: when they dealt with an entry of their own inbox, shown to nobody else (issue 20)',
  };

  test('no table or column after all migrations is named like a view, visit, read_at, seen or impression', async () => {
    const rows = await server.db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    assert.ok(rows.length > 20, `the query sees the schema (${rows.length} columns)`);
    const found = rows
      .flatMap(({ table_name, column_name }) => [table_name, `${table_name}.${column_name}`])
      .filter((name) => TRACKING.test(name.split('.').pop()!) && !(name in ALLOWED));
    assert.deepEqual([...new Set(found)], []);
  });
});
