import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { topics, type ReactionChangedEvent } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, signIn, type TestServer } from './harness.ts';
import { skipPostgres, withClient } from './postgres-server.ts';
import { openSse, type SseClient, type SseMessage, isEvent } from './sse.ts';
import { twoInstancesOnPostgres } from './two-instances.ts';

const payload = (message: SseMessage) => JSON.parse(message.data ?? 'null') as ReactionChangedEvent;
const events = (stream: SseClient) => stream.messages.filter(isEvent);
const topicQuery = (...targets: string[]) => targets.map((t) => `topics=${encodeURIComponent(topics.reactions(t))}`).join('&');

/**
 * Two instances on one PostgreSQL behind no proxy: what one writes, the
 * other's clients see (LISTEN/NOTIFY), in id order, and a client may resume
 * on either.
 */
describe('two instances on one PostgreSQL', { skip: skipPostgres }, () => {
  let a: TestServer;
  let b: TestServer;
  let databaseUrl: string;
  let cookie: string;
  const streams: SseClient[] = [];
  const open = async (server: TestServer, query: string, headers?: Record<string, string>) => {
    const stream = await openSse(`${server.api}/events?${query}`, headers);
    streams.push(stream);
    await stream.next((m) => m.retry !== undefined);
    return stream;
  };
  const react = (server: TestServer, target: string, kind: string, as = cookie) =>
    ok(call(server, reactionPath(target, kind), { method: 'PUT', cookie: as }));

  twoInstancesOnPostgres(streams, (pair) => ({ a, b, databaseUrl, cookie } = pair));

  test('a reaction PUT through B reaches an event stream on A', async () => {
    const target = 'page:/news/scale-out';
    const onA = await open(a, topicQuery(target));
    const started = Date.now();
    await react(b, target, 'like');
    const message = await onA.next(isEvent);
    assert.equal(message.event, 'reaction.changed');
    assert.deepEqual(payload(message).counts.like, 1);
    assert.ok(Date.now() - started < 1000, 'through NOTIFY, not only the once-a-second poll');
  });

  test('resuming with Last-Event-ID on the other instance misses nothing and repeats nothing', async () => {
    const target = 'page:/news/resume-anywhere';
    const onA = await open(a, topicQuery(target));
    await react(a, target, 'like');
    const seen = await onA.next(isEvent);
    onA.close();

    // Missed, written through both instances.
    await react(b, target, 'love');
    await react(a, target, 'celebrate');
    await react(b, target, 'insight');

    const onB = await open(b, topicQuery(target), { 'last-event-id': seen.id! });
    await onB.next((m) => isEvent(m) && payload(m).kind === 'insight');
    await react(a, target, 'surprise'); // live, written on the other instance
    await onB.next((m) => isEvent(m) && payload(m).kind === 'surprise');
    assert.deepEqual(
      events(onB).map((m) => payload(m).kind),
      ['love', 'celebrate', 'insight', 'surprise'],
    );
    const ids = events(onB).map((m) => Number(m.id));
    assert.ok(ids.every((id, i) => id > Number(seen.id) && (i === 0 || id > ids[i - 1]!)), `ids go up: ${ids}`);
  });

  test('an id that commits after a higher one is neither skipped live nor on resume', async () => {
    const target = 'page:/news/out-of-order';
    const topic = topics.reactions(target);
    const onA = await open(a, topicQuery(target));
    await react(a, target, 'like');
    const before = await onA.next(isEvent);

    await withClient(databaseUrl, async (slow) => {
      // A writer that draws id g and takes its time to commit, while B commits g + 1.
      await slow.query('BEGIN');
      const event: ReactionChangedEvent = {
        type: 'reaction.changed',
        topic,
        target,
        kind: 'insight',
        active: true,
        actor: 'marie.klein',
        counts: { like: 1, love: 0, celebrate: 0, insight: 1, surprise: 0 },
      };
      const { rows } = await slow.query<{ id: string }>(
        'INSERT INTO events (topic, type, payload) VALUES ($1, $2, $3) RETURNING id',
        [topic, event.type, JSON.stringify(event)],
      );
      const slowId = Number(rows[0]!.id);
      await react(b, target, 'love');

      // A client resuming from before both, on B, while g is still in flight.
      const resumed = await open(b, topicQuery(target), { 'last-event-id': before.id! });
      await sleep(300);
      assert.deepEqual(events(onA).map((m) => payload(m).kind), ['like'], 'g + 1 waits for g');
      assert.deepEqual(events(resumed), [], 'the replay stops below the hole too');

      await slow.query('COMMIT');
      for (const stream of [onA, resumed]) {
        await stream.next((m) => isEvent(m) && payload(m).kind === 'love');
        const delivered = events(stream).filter((m) => Number(m.id) > Number(before.id));
        assert.deepEqual(
          delivered.map((m) => [Number(m.id), payload(m).kind]),
          [
            [slowId, 'insight'],
            [slowId + 1, 'love'],
          ],
        );
      }
    });
  });

  test('an id whose transaction rolls back holds nothing up for long', async () => {
    const target = 'page:/news/rolled-back';
    const topic = topics.reactions(target);
    const onA = await open(a, topicQuery(target));
    await withClient(databaseUrl, async (failing) => {
      await failing.query('BEGIN');
      await failing.query("INSERT INTO events (topic, type, payload) VALUES ($1, 'reaction.changed', '{}')", [topic]);
      await react(b, target, 'celebrate');
      await sleep(100);
      assert.deepEqual(events(onA), [], 'waits while the writer may still commit');
      const rolledBack = Date.now();
      await failing.query('ROLLBACK');
      await onA.next((m) => isEvent(m) && payload(m).kind === 'celebrate');
      assert.ok(Date.now() - rolledBack < 1500, `delivered ${Date.now() - rolledBack} ms after the rollback`);
    });
    assert.equal(events(onA).length, 1);
  });

  test('concurrent writes through both instances: a client on A gets each exactly once, in id order; a resume from the middle gets the rest', async () => {
    const targets = ['page:/news/burst-1', 'page:/news/burst-2', 'page:/news/burst-3', 'page:/news/burst-4'];
    const people = ['anna.lehmann', 'marie.klein', 'niklas.braun', 'petra.schulz', 'lea.neumann'];
    const kinds = ['like', 'love', 'celebrate', 'insight', 'surprise'];
    const cookies = await Promise.all(people.map((id) => signIn(b, id)));
    const onA = await open(a, topicQuery(...targets));

    const writes = targets.flatMap((target) => cookies.flatMap((as) => kinds.map((kind) => ({ target, kind, as }))));
    let next = 0;
    // 16 writers at a time, alternating instances, so commits race and ids commit out of order.
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        for (let i = next++; i < writes.length; i = next++) {
          const { target, kind, as } = writes[i]!;
          await react((i + lane) % 2 ? a : b, target, kind, as);
        }
      }),
    );
    const deadline = Date.now() + 10_000;
    while (events(onA).length < writes.length && Date.now() < deadline) await sleep(20);
    await sleep(200); // anything extra would show up now

    const ids = events(onA).map((m) => Number(m.id));
    assert.equal(ids.length, writes.length, 'one event per write');
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'strictly in id order');
    const changes = new Set(events(onA).map((m) => `${payload(m).target} ${payload(m).kind} ${payload(m).actor}`));
    assert.equal(changes.size, writes.length, 'every write, none twice');

    const middle = ids[Math.floor(ids.length / 2)]!;
    const resumed = await open(b, topicQuery(...targets), { 'last-event-id': String(middle) });
    await resumed.next((m) => Number(m.id) === ids[ids.length - 1]);
    assert.deepEqual(
      events(resumed).map((m) => Number(m.id)),
      ids.filter((id) => id > middle),
    );
  });
  test('a session ended on B can no longer write on A, though A may still answer reads from it for a moment', async () => {
    const leaving = await signIn(a, 'petra.schulz');
    const me = (server: TestServer) => ok<{ user: { id: string } | null }>(call(server, '/me', { cookie: leaving }));
    assert.equal((await me(a)).user?.id, 'petra.schulz');
    await ok(call(b, '/dev/session', { method: 'DELETE', cookie: leaving }));
    assert.equal((await me(b)).user, null, 'B forgot it at once');

    const write = await call(a, reactionPath('page:/news/signed-out-elsewhere', 'like'), { method: 'PUT', cookie: leaving });
    assert.equal(write.status, 401, 'every write looks the session up');
    assert.equal((await me(a)).user, null, 'and the reads after it on A know');
  });
});
