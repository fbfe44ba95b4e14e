import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, optionsFromEnv } from '../../server/config.ts';
import { DatabaseUnavailableError, openPglite, openPostgres, type Database } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import { migrate } from '../../server/migrate.ts';
import { topics, type Comment, type CommentThread, type Person, type ReactionChangedEvent } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, signIn, startTestServer, summaries, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres, withClient } from './postgres-server.ts';
import { openSse, isEvent } from './sse.ts';


describe('DATABASE_URL', () => {
  test('switches to PostgreSQL; anything but a postgres:// URL is refused at startup', () => {
    assert.equal(optionsFromEnv({}).databaseUrl, undefined, 'PGlite stays the default');
    assert.equal(optionsFromEnv({ DATABASE_URL: '  ' }).databaseUrl, undefined);
    assert.equal(optionsFromEnv({ DATABASE_URL: 'postgres://plaza:pw@db:5432/plaza' }).databaseUrl, 'postgres://plaza:pw@db:5432/plaza');
    assert.equal(optionsFromEnv({ DATABASE_URL: 'postgresql://db/plaza' }).databaseUrl, 'postgresql://db/plaza');
    assert.throws(() => optionsFromEnv({ DATABASE_URL: 'mysql://db/plaza' }), ConfigError);
    assert.throws(() => optionsFromEnv({ PLAZA_DATABASE_POOL_SIZE: '0' }), /PLAZA_DATABASE_POOL_SIZE/);
    assert.throws(() => optionsFromEnv({ PLAZA_PGLITE_FSYNC: 'sometimes' }), /PLAZA_PGLITE_FSYNC/);
    assert.equal(optionsFromEnv({ PLAZA_PGLITE_FSYNC: 'off' }).pgliteFsync, false);
  });
});

describe('the same SQL on PostgreSQL and PGlite', { skip: skipPostgres }, () => {
  let postgres: Database;
  let pglite: Database;
  before(async () => {
    [postgres, pglite] = await Promise.all([openPostgres(await freshDatabase(), { logger: silentLogger }), openPglite('memory://')]);
  });
  after(async () => {
    await Promise.all([postgres?.close(), pglite?.close()]);
  });

  test('the migrations apply to PostgreSQL once each, and make the same tables as on PGlite', async () => {
    const applied = await migrate(postgres);
    assert.ok(applied.length >= 1 && applied[0]!.startsWith('001_'), `applied ${applied.join(', ')}`);
    assert.deepEqual(await migrate(postgres), [], 'a second start applies nothing');
    await migrate(pglite);

    const columns = `SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`;
    const indexes = `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`;
    assert.deepEqual(await postgres.query(columns), await pglite.query(columns));
    assert.deepEqual(await postgres.query(indexes), await pglite.query(indexes));
  });

  test('rows come back with the same JavaScript types', async () => {
    const sql = `SELECT 42::int2 AS small, 7::int4 AS int, 9007199254740991::int8 AS big, 9007199254740993::int8 AS huge,
      count(*) AS counted, 1.5::float8 AS float, 12.50::numeric AS exact, true AS yes, 'Grüße'::text AS text,
      '{"a":[1,{"b":null}]}'::jsonb AS json, ARRAY['x','y,z']::text[] AS texts, ARRAY[1,2]::int8[] AS bigs,
      '2026-03-01T12:34:56.789Z'::timestamptz AS at, '2026-03-01'::date AS day, '90 minutes'::interval AS span,
      NULL::text AS nothing, $1::text[] AS param, $2::timestamptz AS param_at
      FROM (VALUES (1), (2)) AS v(n)`;
    const params = [['a', 'b'], new Date('2026-01-02T03:04:05.678Z')];
    const [fromPostgres] = await postgres.query<Record<string, unknown>>(sql, params);
    const [fromPglite] = await pglite.query<Record<string, unknown>>(sql, params);
    assert.deepEqual(fromPostgres, fromPglite);
    assert.equal(fromPostgres!.big, 9007199254740991);
    assert.equal(fromPostgres!.huge, 9007199254740993n, 'beyond 2^53 an int8 stays exact');
    assert.equal(fromPostgres!.counted, 2, 'count(*) is a number on both');
    assert.deepEqual(fromPostgres!.day, new Date('2026-03-01T00:00:00Z'));
  });

  test('a transaction commits all or nothing, and sees its own writes', async () => {
    for (const db of [postgres, pglite]) {
      await db.query('CREATE TABLE IF NOT EXISTS tx_probe (n int PRIMARY KEY)');
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO tx_probe VALUES (1)');
          assert.equal((await tx.query('SELECT n FROM tx_probe')).length, 1);
          await tx.query('INSERT INTO tx_probe VALUES (1)'); // a duplicate: the whole transaction fails
        }),
        (error: Error & { code?: string }) => error.code === '23505',
        `${db.engine}: the unique violation surfaces with its SQLSTATE`,
      );
      assert.deepEqual(await db.query('SELECT n FROM tx_probe'), [], `${db.engine}: nothing was written`);
      assert.equal(await db.transaction(async (tx) => (await tx.query('INSERT INTO tx_probe VALUES (2) RETURNING n')).length), 1);
      assert.deepEqual(await db.query('SELECT n FROM tx_probe'), [{ n: 2 }]);
    }
  });

  test('refuses a server it cannot reach, and a database that is not UTF8, with a clear message', async () => {
    await assert.rejects(openPostgres('postgres://plaza@127.0.0.1:1/plaza', { logger: silentLogger }), (error: Error) => {
      assert.ok(error instanceof DatabaseUnavailableError);
      assert.match(error.message, /Cannot reach PostgreSQL at postgres:\/\/plaza@127\.0\.0\.1:1\/plaza/);
      return true;
    });
    const utf8 = new URL(await freshDatabase());
    const latin = `${utf8.pathname.slice(1)}_ascii`;
    await withClient(utf8.href, (client) => client.query(`CREATE DATABASE ${latin} ENCODING 'SQL_ASCII' TEMPLATE template0`));
    utf8.pathname = `/${latin}`;
    utf8.password = 'secret';
    await assert.rejects(openPostgres(utf8.href, { logger: silentLogger }), (error: Error) => {
      assert.match(error.message, /uses SQL_ASCII; Plaza needs UTF8/);
      assert.doesNotMatch(error.message, /secret/, 'the password is not printed');
      return true;
    });
  });
});

describe('a server on PostgreSQL', { skip: skipPostgres }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ databaseUrl: await freshDatabase(), rateLimit: 0, writeRateLimit: 0 });
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors ?? [], []);
  });

  test('seeds the demo once, even when two instances start on an empty database together', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([startTestServer({ databaseUrl: url }), startTestServer({ databaseUrl: url })]);
    try {
      const people = await ok<{ items: Person[] }>(call(a, '/dev/users'));
      assert.ok(people.items.length >= 20);
      assert.deepEqual(await ok<{ items: Person[] }>(call(b, '/dev/users')), people, 'the same people, once');
      const [kantine] = await summaries(b, ['page:/news/kantine']);
      assert.equal(kantine!.counts.like, 7, 'seeded reactions once');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    assert.deepEqual([...a.errors, ...b.errors], []);
  });

  test('/healthz says whether the database answers, and recovers with it', async () => {
    const healthy = await fetch(`${server.url}healthz`);
    assert.equal(healthy.status, 200);
    assert.deepEqual(await healthy.json(), { status: 'ok', database: 'postgres' });

    const databaseUrl = await freshDatabase();
    const name = new URL(databaseUrl).pathname.slice(1);
    const own = await startTestServer({ databaseUrl, seed: 'none' });
    const admin = new URL(databaseUrl);
    admin.pathname = '/plaza';
    try {
      // The database goes away: no new connections, the open ones cut.
      await withClient(admin.href, async (client) => {
        await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      });
      const down = await fetch(`${own.url}healthz`);
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), { status: 'unavailable', database: 'postgres' });

      await withClient(admin.href, (client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
      const up = await fetch(`${own.url}healthz`);
      assert.equal(up.status, 200, 'the pool reconnects by itself');
    } finally {
      await own.close();
    }
  });

  test('reactions, comments and the event stream work as on PGlite', async () => {
    const cookie = await signIn(server, 'ayse.demir');
    const target = 'page:/news/postgres';
    const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.reactions(target))}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      const summary = await ok<{ counts: Record<string, number>; mine: string[] }>(
        call(server, reactionPath(target, 'celebrate'), { method: 'PUT', cookie }),
      );
      assert.equal(summary.counts.celebrate, 1);
      assert.deepEqual(summary.mine, ['celebrate']);
      const live = await stream.next(isEvent);
      assert.equal((JSON.parse(live.data!) as ReactionChangedEvent).kind, 'celebrate');

      const thread = 'page:/news/postgres-thread';
      const path = `/threads/${encodeURIComponent(thread)}/comments`;
      const posted = await ok<Comment>(call(server, path, { method: 'POST', cookie, json: { text: 'Läuft auch auf **PostgreSQL**.' } }));
      const page = await ok<CommentThread>(call(server, path));
      assert.deepEqual(
        page.items.map((c) => [c.id, c.text]),
        [[posted.id, 'Läuft auch auf **PostgreSQL**.']],
      );
    } finally {
      stream.close();
    }
  });
});
