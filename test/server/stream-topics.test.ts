/**
 * Issue 16, item 5: a page keeps one event stream for its life. Topics are added to (and
 * removed from) the open stream with `POST /events/{stream}/topics`, the stream named by its
 * `ready` event; added topics replay what happened since the read they belong to. On several
 * instances the change reaches the one holding the stream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { topics, type ReactionChangedEvent, type StreamReady } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, startTestServer, type TestServer } from './harness.ts';
import { skipPostgres } from './postgres-server.ts';
import { isEvent, openSse, type SseClient, type SseMessage } from './sse.ts';
import { twoInstancesOnPostgres } from './two-instances.ts';

const payload = (message: SseMessage) => JSON.parse(message.data ?? 'null') as ReactionChangedEvent;
const topicQuery = (...targets: string[]) => targets.map((t) => `topics=${encodeURIComponent(topics.reactions(t))}`).join('&');

async function openStream(server: TestServer, streams: SseClient[], query: string, cookie?: string): Promise<{ sse: SseClient; id: string; from: string }> {
  const sse = await openSse(`${server.api}/events?${query}`, cookie ? { cookie } : {});
  streams.push(sse);
  const ready = await sse.next((m) => m.event === 'ready');
  return { sse, id: (JSON.parse(ready.data!) as StreamReady).stream, from: ready.id! };
}

const change = (server: TestServer, stream: string, body: unknown, cookie?: string) =>
  call(server, `/events/${stream}/topics`, { method: 'POST', json: body, cookie });

describe('topics added to an open event stream (one instance, PGlite)', () => {
  let server: TestServer;
  let cookie: string;
  const streams: SseClient[] = [];
  const react = (target: string, kind = 'like', method = 'PUT') => ok(call(server, reactionPath(target, kind), { method, cookie }));

  before(async () => {
    server = await startTestServer({ heartbeatMs: 200, rateLimit: 0, writeRateLimit: 0 });
    cookie = await signIn(server, 'mehmet.yilmaz');
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  test('ready names the stream; an added topic is live at once, a removed one falls silent', async () => {
    const { sse, id } = await openStream(server, streams, topicQuery('page:/stream-topics/first'), cookie);
    assert.match(id, /^[\w-]{16,64}$/);
    const res = await change(server, id, { add: [topics.reactions('page:/stream-topics/added')] }, cookie);
    assert.equal(res.status, 204);
    await react('page:/stream-topics/added');
    const live = await sse.next(isEvent);
    assert.equal(payload(live).target, 'page:/stream-topics/added');
    assert.match(live.id ?? '', /^\d+$/, 'live events keep their ids');
    assert.equal((await change(server, id, { remove: [topics.reactions('page:/stream-topics/added')] }, cookie)).status, 204);
    await react('page:/stream-topics/added', 'love');
    await react('page:/stream-topics/first');
    const next = await sse.next((m) => isEvent(m) && m !== live);
    assert.equal(payload(next).target, 'page:/stream-topics/first', 'the removed topic sent nothing');
  });

  test('an added topic replays its events after `after`, without ids, before its live ones', async () => {
    const { sse, id, from } = await openStream(server, streams, topicQuery('page:/stream-topics/other'), cookie);
    await react('page:/stream-topics/late');
    await react('page:/stream-topics/late', 'love');
    assert.equal((await change(server, id, { add: [topics.reactions('page:/stream-topics/late')], after: from }, cookie)).status, 204);
    await react('page:/stream-topics/late', 'celebrate');
    const kinds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const message = await sse.next((m) => isEvent(m) && !kinds.includes(payload(m).kind));
      kinds.push(payload(message).kind);
      assert.equal(message.id === undefined, i < 2, `event ${i + 1}: replayed ones carry no id, live ones do (${JSON.stringify(message)})`);
    }
    assert.deepEqual(kinds, ['like', 'love', 'celebrate']);
  });

  test('1,000 topics ride on one stream, added a hundred at a time', async () => {
    const { sse, id } = await openStream(server, streams, topicQuery('page:/stream-topics/many/0'));
    for (let i = 1; i < 1000; i += 100) {
      const add = Array.from({ length: Math.min(100, 1000 - i) }, (_, j) => topics.reactions(`page:/stream-topics/many/${i + j}`));
      assert.equal((await change(server, id, { add })).status, 204);
    }
    await react('page:/stream-topics/many/999');
    assert.equal(payload(await sse.next(isEvent)).target, 'page:/stream-topics/many/999');
  });

  test('only who opened a stream may change it; an unknown stream is a 404; lists are bounded', async () => {
    const { id } = await openStream(server, streams, topicQuery('page:/stream-topics/mine'), cookie);
    assert.equal((await problem(change(server, id, { add: ['people:ayse.demir'] }), 403)).field, 'stream');
    const other = await signIn(server, 'ayse.demir');
    await problem(change(server, id, { add: ['people:ayse.demir'] }, other), 403);
    await problem(change(server, 'no-such-stream-0000', { add: ['people:ayse.demir'] }, cookie), 404);
    const tooMany = Array.from({ length: 101 }, (_, i) => `people:p${i}`);
    await problem(change(server, id, { add: tooMany }, cookie), 400);
    await problem(change(server, id, { add: ['has space'] }, cookie), 400);
  });

  test('a comment reaction also arrives on its thread topic, so a thread needs no topic per comment', async () => {
    const thread = 'page:/stream-topics/thread';
    const posted = await ok<{ id: string }>(
      call(server, `/threads/${encodeURIComponent(thread)}/comments`, { method: 'POST', cookie, json: { text: 'Hallo' }, headers: { 'idempotency-key': 'st-1' } }),
    );
    const { sse } = await openStream(server, streams, `topics=${encodeURIComponent(topics.comments(thread))}`, cookie);
    await react(`comment:${posted.id}`);
    const message = await sse.next((m) => m.event === 'reaction.changed');
    assert.equal(payload(message).topic, topics.comments(thread));
    assert.equal(payload(message).target, `comment:${posted.id}`);
  });
});

describe('topics added through another instance (two instances on PostgreSQL)', { skip: skipPostgres }, () => {
  let a: TestServer;
  let b: TestServer;
  let cookie: string;
  const streams: SseClient[] = [];

  twoInstancesOnPostgres(streams, (pair) => ({ a, b, cookie } = pair));

  test('a change POSTed to B reaches the stream held by A, with its replay', async () => {
    const { sse, id, from } = await openStream(a, streams, topicQuery('page:/scale/first'), cookie);
    await ok(call(b, reactionPath('page:/scale/added', 'like'), { method: 'PUT', cookie }));
    const res = await change(b, id, { add: [topics.reactions('page:/scale/added')], after: from }, cookie);
    assert.equal(res.status, 202, 'sent on to the instance holding it');
    const replayed = await sse.next(isEvent, 5000);
    assert.equal(payload(replayed).target, 'page:/scale/added');
    await ok(call(b, reactionPath('page:/scale/added', 'love'), { method: 'PUT', cookie }));
    const live = await sse.next((m) => isEvent(m) && payload(m).kind === 'love', 5000);
    assert.match(live.id ?? '', /^\d+$/);
  });

  test("another person's change is not applied on the instance holding the stream", async () => {
    const { sse, id } = await openStream(a, streams, topicQuery('page:/scale/mine'), cookie);
    const other = await signIn(b, 'ayse.demir');
    assert.equal((await change(b, id, { add: [topics.reactions('page:/scale/theirs')] }, other)).status, 202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await ok(call(b, reactionPath('page:/scale/theirs', 'like'), { method: 'PUT', cookie }));
    await ok(call(b, reactionPath('page:/scale/mine', 'like'), { method: 'PUT', cookie }));
    assert.equal(payload(await sse.next(isEvent, 5000)).target, 'page:/scale/mine');
  });
});
