import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';
import type { Comment, NotificationPage, PlazaNotification } from '../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';
import { openSse, type SseClient } from './sse.ts';
import { HttpReceiver } from './delivery/http-receiver.ts';
import { SmtpReceiver } from './delivery/smtp-receiver.ts';

/**
 * A thread's watchers are told of a new comment after it committed, by the
 * fan-out worker (server/projections/fan-out.ts, decision 200), in steps of
 * at most 100 people. What it promises, checked on PostgreSQL where instances
 * and crashes can race it: each watcher once, whichever instance wrote the
 * comment or ran the step; nothing for a comment gone before the worker got
 * to it; withdrawn when it goes after; mails at once queued once each; live
 * on the bell's stream.
 */
const WATCHERS = 250;
const watcher = (n: number) => `fan.w${String(n).padStart(4, '0')}`;

/** A database to read and write in the test: a server's own, or a client of its PostgreSQL (`over`). */
type Db = Pick<TestServer['db'], 'query'>;
const over = (client: pg.Client): Db => ({
  query: async <Row>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as Row[],
});

/** `count` colleagues who watch `thread`; the first `withMail` of them have an e-mail address. */
async function addWatchers(db: Db, thread: string, count: number, withMail = 0): Promise<void> {
  await db.query(
    `INSERT INTO people (id, name, email) SELECT 'fan.w' || lpad(i::text, 4, '0'), 'Beobachter ' || i,
       CASE WHEN i <= $2 THEN 'fan.w' || i || '@intranet.example' END
     FROM generate_series(1, $1::int) i ON CONFLICT DO NOTHING`,
    [count, withMail],
  );
  await db.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT DO NOTHING', [thread]);
  await db.query(
    `INSERT INTO thread_watches (thread_key, person_id, created_at) SELECT $1, 'fan.w' || lpad(i::text, 4, '0'), now() - interval '1 minute'
     FROM generate_series(1, $2::int) i`,
    [thread, count],
  );
}

/** How many entries tell the watchers of comment `id`. */
async function told(db: Db, id: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE source = $1 AND recipient_id LIKE 'fan.w%'`, [`comment:${id}`]);
  return row!.n;
}

async function until(what: string, done: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('fan-out after commit: two instances on one PostgreSQL', { skip: skipPostgres }, () => {
  const thread = 'page:/fan-out/two';
  let smtp: SmtpReceiver;
  let a: TestServer;
  let b: TestServer;
  let databaseUrl: string;
  const streams: SseClient[] = [];
  const cookies: Record<string, string> = {};

  before(async () => {
    smtp = await SmtpReceiver.start();
    databaseUrl = await freshDatabase();
    const settings = { databaseUrl, smtpUrl: smtp.url, mailFrom: 'plaza@intranet.example', publicUrl: 'https://intranet.example/', mailMaxPerHour: 0 };
    a = await startTestServer(settings);
    b = await startTestServer(settings);
    await addWatchers(a.db, thread, WATCHERS, 10);
    cookies.anna = await signIn(a, 'anna.lehmann');
    cookies.jonas = await signIn(b, 'jonas.richter');
    cookies.julia = await signIn(a, 'julia.schmitt');
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([a?.close(), b?.close()]);
    await smtp?.close();
    assert.deepEqual([...(a?.errors ?? []), ...(b?.errors ?? [])], []);
  });

  const post = (server: TestServer, cookie: string, text: string) =>
    ok<Comment>(call(server, threadPath(thread), { method: 'POST', cookie, json: { text, page: { url: 'https://intranet.example/fan-out', title: 'Fan-out' } } }));

  test('comments written on both instances at once: every watcher told of each once, live, and mailed once', async () => {
    const bellCookie = await signIn(b, watcher(1));
    const bell = await openSse(`${b.api}/events?topics=${encodeURIComponent('me:notifications')}`, { cookie: bellCookie });
    streams.push(bell);
    const comments = await Promise.all(
      Array.from({ length: 6 }, (_, n) => (n % 2 ? post(a, cookies.anna!, `A ${n}`) : post(b, cookies.jonas!, `B ${n}`))),
    );
    for (const comment of comments) await until(`the watchers of ${comment.id} told`, async () => (await told(a.db, comment.id)) === WATCHERS);
    const events = await a.db.query<{ events: number; entries: number }>(
      `SELECT count(*)::int AS events, count(DISTINCT payload->'notification'->>'id')::int AS entries FROM events
       WHERE type = 'notification.created' AND topic LIKE 'notifications:fan.w%' AND payload->'notification'->>'target' = ANY ($1::text[])`,
      [comments.map((comment) => `comment:${comment.id}`)],
    );
    assert.deepEqual(events, [{ events: 6 * WATCHERS, entries: 6 * WATCHERS }], 'one notification.created per entry, from one instance');
    const mails = await a.db.query<{ queued: number; keys: number }>(
      `SELECT count(*)::int AS queued, count(DISTINCT dedupe_key)::int AS keys FROM deliveries
       WHERE channel = 'email' AND recipient LIKE 'fan.w%' AND dedupe_key IN (
         SELECT 'mail:notification:' || id FROM notifications WHERE source = ANY ($1::text[]))`,
      [comments.map((comment) => `comment:${comment.id}`)],
    );
    assert.deepEqual(mails, [{ queued: 6 * 10, keys: 6 * 10 }], 'a mail at once for each entry of the ten with an address');
    // The bell on B hears of all six, whichever instance wrote the comment and whichever told the watchers.
    await until('six notification.created on the bell', async () => bell.messages.filter((m) => m.event === 'notification.created').length >= 6);
    const heard = bell.messages.filter((m) => m.event === 'notification.created').map((m) => (JSON.parse(m.data!) as { notification: PlazaNotification }).notification);
    assert.deepEqual(heard.map((n) => n.target).sort(), comments.map((comment) => `comment:${comment.id}`).sort());
    // What the bell heard is what its list shows (the worker reads a page's alike entries once).
    const list = await ok<NotificationPage>(call(b, '/notifications?limit=50', { cookie: bellCookie }));
    for (const notification of heard) assert.deepEqual(notification, list.items.find((item) => item.id === notification.id));
  });

  test('nothing for a comment deleted or hidden before the worker got to it, nor to who watched only after it; what it told of a comment deleted after is withdrawn', async () => {
    // Holding the cursor keeps both workers away, as a long step on another instance would.
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM fan_out_cursor FOR UPDATE');
      const deleted = await post(a, cookies.anna!, 'Gleich wieder weg');
      const hidden = await post(b, cookies.jonas!, 'Wird ausgeblendet');
      const kept = await post(a, cookies.anna!, 'Bleibt');
      await ok(call(a, `/comments/${deleted.id}`, { method: 'DELETE', cookie: cookies.anna }));
      await ok(call(a, `/comments/${hidden.id}/hidden`, { method: 'PUT', cookie: cookies.julia }));
      // Elena starts watching after `kept` was written: she hears of what comes after, not of it.
      const elena = await signIn(b, 'elena.jovanovic');
      await ok(call(b, threadPath(thread, '/watch'), { method: 'PUT', cookie: elena }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await told(a.db, kept.id), 0, 'nobody is told while the cursor is held');
      await holder.query('COMMIT');
      // Woken by the next comment (or the poll): the three wait in the log.
      const next = await post(b, cookies.jonas!, 'Weiter');
      for (const comment of [kept, next]) await until(`the watchers of ${comment.id} told`, async () => (await told(a.db, comment.id)) === WATCHERS);
      assert.equal(await told(a.db, deleted.id), 0, 'nothing for the deleted comment');
      assert.equal(await told(a.db, hidden.id), 0, 'nothing for the hidden comment');
      const elenas = await a.db.query<{ source: string }>(`SELECT source FROM notifications WHERE recipient_id = 'elena.jovanovic' AND kind = 'comment'`);
      assert.deepEqual(elenas.map((row) => row.source), [`comment:${next.id}`], 'a new watcher is told of what came after she watched');

      const bell = await openSse(`${a.api}/events?topics=${encodeURIComponent('me:notifications')}`, { cookie: await signIn(a, watcher(2)) });
      streams.push(bell);
      await ok(call(b, `/comments/${kept.id}`, { method: 'DELETE', cookie: cookies.anna }));
      assert.equal(await told(a.db, kept.id), 0, 'withdrawn with the comment');
      await bell.next((m) => m.event === 'notification.withdrawn');
    } finally {
      await holder.end();
    }
  });
});

describe('fan-out after commit: kill -9 in the middle', { skip: skipPostgres }, () => {
  const thread = 'page:/fan-out/crash';
  const servers: ServerProcess[] = [];
  after(async () => {
    for (const server of servers) await server.kill();
  });

  test('a server killed while telling 3,000 watchers: the next one goes on from the cursor, and each is told once', async (t) => {
    const many = 3000;
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, PLAZA_SEED: 'demo' };
    const first = await startServerProcess({ env });
    servers.push(first);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const db = over(client);
    try {
      await addWatchers(db, thread, many);
      const server = { api: `${first.url}api/v1` };
      const cookie = await signIn(server, 'anna.lehmann');
      const comment = await ok<Comment>(call(server, threadPath(thread), { method: 'POST', cookie, json: { text: 'Alle mal herhören' } }));
      await until('the first steps', async () => (await told(db, comment.id)) > 0);
      await first.kill('SIGKILL');
      const atKill = await told(db, comment.id);
      assert.ok(atKill < many, `killed before the end (${atKill} of ${many} told)`);
      t.diagnostic(`killed with ${atKill} of ${many} told`);

      const second = await startServerProcess({ env });
      servers.push(second);
      await until(`all ${many} told`, async () => (await told(db, comment.id)) === many, 60_000);
      const rows = await db.query(
        `SELECT count(*)::int AS events, count(DISTINCT payload->'notification'->>'id')::int AS entries FROM events
         WHERE type = 'notification.created' AND payload->'notification'->>'target' = $1`,
        [`comment:${comment.id}`],
      );
      assert.deepEqual(rows, [{ events: many, entries: many }], 'one notification.created per entry: none lost, none twice');
      assert.equal(await second.stop(), 0, second.output());
    } finally {
      await client.end();
    }
  });
});

describe('fan-out after commit: what the worker publishes stays in Plaza', () => {
  let hooks: HttpReceiver;
  let server: TestServer;
  before(async () => {
    hooks = await HttpReceiver.start();
    server = await startTestServer({ webhooks: [{ url: hooks.url(), secret: 'a long webhook secret', events: ['*'] }], deliveryPollMs: 50 });
  });
  after(async () => {
    await server?.close();
    await hooks?.close();
    assert.deepEqual(server?.errors, []);
  });

  test("a webhook for every event gets the comment, never a watcher's notification nor its reading", async () => {
    const thread = 'page:/fan-out/webhooks';
    await addWatchers(server.db, thread, 3);
    const comment = await ok<Comment>(call(server, threadPath(thread), { method: 'POST', cookie: await signIn(server, 'anna.lehmann'), json: { text: 'Für alle' } }));
    await until('the watchers told', async () => (await told(server.db, comment.id)) === 3);
    // A watcher reading theirs publishes notification.read from the route, where projectors see it.
    const [watcher] = await server.db.query<{ personId: string }>(`SELECT recipient_id AS "personId" FROM notifications WHERE comment_id = $1 LIMIT 1`, [comment.id]);
    const read = await call(server, '/notifications/read', { method: 'POST', cookie: await signIn(server, watcher!.personId), json: { all: true } });
    assert.ok(read.ok, `read: ${read.status}`);
    await until('the comment at the webhook', async () => hooks.calls.some((c) => (JSON.parse(c.raw) as { type: string }).type === 'comment.created'));
    // Longer than the delivery poll: a notification queued for the webhook would be there by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const types = hooks.calls.map((c) => (JSON.parse(c.raw) as { type: string }).type);
    assert.deepEqual(types.filter((type) => type.startsWith('notification.')), [], `sent: ${types.join(', ')}`);
  });
});

describe('fan-out after commit: the event log keeps what the worker has still to do', { skip: skipPostgres }, () => {
  const thread = 'page:/fan-out/held';
  const AUDIENCE = 5;
  let server: TestServer;
  let holder: pg.Client;
  let databaseUrl: string;
  before(async () => {
    databaseUrl = await freshDatabase();
    server = await startTestServer({ databaseUrl });
    await addWatchers(server.db, thread, AUDIENCE);
    holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
  });
  after(async () => {
    await holder?.end();
    await server?.close();
    assert.deepEqual(server?.errors ?? [], []);
  });

  /** `count` events nobody fans out, logged as another instance's writes would be. */
  const log = (count: number) =>
    server.db.query(
      `INSERT INTO events (topic, type, payload) SELECT 'test:filler', 'test.filler', jsonb_build_object('type', 'test.filler', 'topic', 'test:filler', 'n', i)
       FROM generate_series(1, $1::int) i`,
      [count],
    );
  const eventOf = async (commentId: string) =>
    (await server.db.query<{ id: number }>(`SELECT id::float8 AS id FROM events WHERE type = 'comment.created' AND payload->'comment'->>'id' = $1`, [commentId]))[0]?.id;
  const rows = async (where = 'true') => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE ${where}`))[0]!.n;

  test("a comment's event and all after it outlive the 10,000-row cap while the worker is held before it; once told, the cap holds again", async () => {
    // The worker's step takes the cursor with SKIP LOCKED: while this holds it, the worker is as good as stuck.
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM fan_out_cursor FOR UPDATE');
    await log(10_001);
    const comment = await ok<Comment>(call(server, threadPath(thread), { method: 'POST', cookie: await signIn(server, 'anna.lehmann'), json: { text: 'Neue Öffnungszeiten' } }));
    await log(10_001);
    const held = (await eventOf(comment.id))!;
    assert.ok(held, 'the comment is logged');

    const purged = await server.retention.run();
    assert.ok(purged && purged.events >= 10_001, `the events before the comment go (${purged?.events})`);
    assert.equal(await eventOf(comment.id), held, "the comment's event stays for the worker");
    assert.equal(await rows(`id < ${held}`), 0, 'nothing before it is kept');
    assert.ok((await rows()) > 10_000, 'all after it is kept, beyond the cap');

    await holder.query('ROLLBACK');
    await until('every watcher told', async () => (await told(server.db, comment.id)) === AUDIENCE);
    await server.retention.run();
    assert.equal(await eventOf(comment.id), undefined, "told, the comment's event goes with the cap");
    assert.ok((await rows()) <= 10_000, 'the cap holds again');
  });
});
