import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PlazaOptions } from '../../server/config.ts';
import { openPostgres } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import { upsertPeople } from '../../server/store/people.ts';
import type { ActivityPage, Me } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, startTestServer, useTestServer, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres, withClient } from './postgres-server.ts';
import { isEvent, openSse } from './sse.ts';

/**
 * A newcomer's first sign-in (server/auth/directory.ts, PLAZA_AUTO_CREATE_PEOPLE=on)
 * adds them to the directory and records one "joined" activity, however
 * many of their first requests race; people the directory knows join nobody.
 */

// No session cache: every racing request then looks the newcomer up and tries to add them itself.
const PROXY: Partial<PlazaOptions> = { auth: 'proxy', trustedProxies: ['127.0.0.1'], sessionCacheSeconds: 0 };
const as = (user: string) => ({ headers: { 'X-Remote-User': user } });

/** The "joined" activities of `id`, as the feed shows them. */
async function joined(server: TestServer, id: string): Promise<ActivityPage['items']> {
  const page = await ok<ActivityPage>(call(server, `/activities?scope=${encodeURIComponent(`user:${id}`)}&kinds=joined`));
  return page.items;
}

async function joinedCount(server: TestServer): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE kind = 'joined'`);
  return row!.n;
}

/** `count` first requests of one newcomer at once, reads and writes mixed. */
async function firstRequests(server: TestServer, name: string, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      i % 2 === 0 ? ok<Me>(call(server, '/me', as(name))) : ok(call(server, reactionPath('page:/news/newcomers', 'like'), { method: 'PUT', ...as(name) })),
    ),
  );
}

async function assertJoinedOnce(server: TestServer, id: string, name = id): Promise<void> {
  const [people] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE id = $1', [id]);
  assert.equal(people!.n, 1);
  const items = await joined(server, id);
  assert.equal(items.length, 1, JSON.stringify(items));
  assert.deepEqual([items[0]!.kind, items[0]!.actor?.id, items[0]!.actor?.name], ['joined', id, name]);
}

describe('newcomers join the feed once', () => {
  const server = useTestServer(PROXY);

  test('the first requests add the person and record one "joined" activity, in every feed', async () => {
    await firstRequests(server, 'MUSTER\\Neu.Kollegin', 6);
    await assertJoinedOnce(server, 'neu.kollegin');
    const all = await ok<ActivityPage>(call(server, '/activities?kinds=joined&limit=1'));
    assert.equal(all.items[0]?.actor?.id, 'neu.kollegin', 'the newest in the all feed');

    await ok<Me>(call(server, '/me', as('MUSTER\\Neu.Kollegin')));
    assert.equal((await joined(server, 'neu.kollegin')).length, 1, 'later requests record nothing');
  });

  test('the joining is announced live to open feeds', async () => {
    const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent('activities:all')}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      await ok<Me>(call(server, '/me', as('MUSTER\\Live.Neuling')));
      const message = await stream.next(isEvent);
      const event = JSON.parse(message.data ?? 'null') as { activity?: { kind: string; actor?: { id: string } } };
      assert.deepEqual([event.activity?.kind, event.activity?.actor?.id], ['joined', 'live.neuling']);
    } finally {
      stream.close();
    }
  });

  test('people the directory knows record nothing when they sign in', async () => {
    const before = await joinedCount(server);
    for (const name of ['MUSTER\\ayse.demir', 'anna.lehmann@MUSTER.LOCAL']) assert.ok((await ok<Me>(call(server, '/me', as(name)))).user, name);
    assert.equal(await joinedCount(server), before);
  });
});

// PGlite runs one statement at a time, so only a PostgreSQL pool lets first requests really overlap.
describe('newcomers racing on PostgreSQL', { skip: skipPostgres }, () => {
  let server: TestServer | undefined;
  let url: string;
  before(async () => {
    url = await freshDatabase();
    server = await startTestServer({ ...PROXY, databaseUrl: url });
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('first requests that all found nobody add the person once and record one "joined" activity', async () => {
    const racers = 4; // below the pool's 10 connections, which the waiting inserts hold
    await withClient(url, async (locker) => {
      // Readers pass, writers to people wait: every request finds nobody, then all of them try to add the newcomer.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE people IN SHARE MODE');
      const requests = firstRequests(server!, 'MUSTER\\Neu.Kollege', racers);
      requests.catch(() => {}); // awaited below, once the lock is gone
      // pg_locks, not pg_stat_activity: that one is read once per transaction, and this one stays open.
      const waiting = async () =>
        (await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'people'::regclass AND NOT granted`)).rows[0]!.n;
      for (let i = 0; (await waiting()) < racers; i++) {
        if (i === 500) throw new Error(`only ${await waiting()} of ${racers} requests reached the insert`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await locker.query('COMMIT');
      await requests;
    });
    await assertJoinedOnce(server!, 'neu.kollege');
  });

  test('an import that read the directory before a newcomer signed in does not record them joining again', async () => {
    const importer = await openPostgres(url, { logger: silentLogger });
    try {
      await withClient(url, async (locker) => {
        // The import reads the people it names, locking them; holding one of them stalls it after its snapshot.
        await locker.query('BEGIN');
        await locker.query(`SELECT id FROM people WHERE id = 'lea.neumann' FOR UPDATE`);
        const importing = upsertPeople(importer, [
          { id: 'nina.neu', name: 'Nina Neu' },
          { id: 'lea.neumann', name: 'Lea Neumann', role: 'Teamleiterin SharePoint' },
        ]);
        importing.catch(() => {}); // awaited below, once the lock is gone
        const waiting = async () => (await locker.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted')).rows[0]!.n;
        for (let i = 0; (await waiting()) === 0; i++) {
          if (i === 500) throw new Error('the import never waited for the locked row');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        // Meanwhile the newcomer signs in, is added and joins.
        assert.equal((await ok<Me>(call(server!, '/me', as('MUSTER\\nina.neu')))).user?.name, 'nina.neu');
        await locker.query('COMMIT');
        const result = await importing;
        assert.deepEqual(result.created, ['nina.neu'], 'the import had not seen her');
      });
    } finally {
      await importer.close();
    }
    await assertJoinedOnce(server!, 'nina.neu', 'Nina Neu');
  });
});
