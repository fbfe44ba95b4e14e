import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, topics, type ReactionChangedEvent } from '../../src/core/protocol.ts';
import { call, ok, problem, reactionPath, signIn, startTestServer, type TestServer } from './harness.ts';
import { openSse, type SseClient, type SseMessage, isEvent } from './sse.ts';

const payload = (message: SseMessage) => JSON.parse(message.data ?? 'null') as ReactionChangedEvent;

describe('realtime events (SSE)', () => {
  let server: TestServer;
  let cookie: string;
  const streams: SseClient[] = [];
  const open = async (query: string, headers?: Record<string, string>) => {
    const stream = await openSse(`${server.api}/events?${query}`, headers);
    streams.push(stream);
    return stream;
  };
  const topicQuery = (...targets: string[]) => targets.map((t) => `topics=${encodeURIComponent(topics.reactions(t))}`).join('&');
  const react = (target: string, kind: string, method = 'PUT') => ok(call(server, reactionPath(target, kind), { method, cookie }));

  before(async () => {
    server = await startTestServer({ heartbeatMs: 200 });
    cookie = await signIn(server, 'mehmet.yilmaz');
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  test('the stream is unbuffered text/event-stream and starts with retry: 3000', async () => {
    const stream = await open(topicQuery('page:/news/stream'));
    assert.equal(stream.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.match(stream.response.headers.get('cache-control') ?? '', /no-cache/);
    assert.equal(stream.response.headers.get('content-encoding'), null);
    const first = await stream.next(() => true);
    assert.equal(first.retry, '3000');
    // A `ready` names the id the stream starts after, so a reconnect before any event misses nothing.
    const ready = await stream.next((m) => m.event === 'ready');
    assert.match(ready.id ?? '', /^\d+$/);
  });

  test('the stream opens with 2 KB of padding, past proxies that hold back the first kilobytes', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.api}/events?${topicQuery('page:/news/padded')}`, { signal: abort.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value ?? '';
    abort.abort();
    assert.ok(text.indexOf('retry:') >= 2048, `the first ${text.indexOf('retry:')} characters are padding`);
  });

  test('a subscriber receives the reaction.changed of a PUT, only for its topics', async () => {
    const target = 'page:/news/live';
    const stream = await open(topicQuery(target));
    await stream.next((m) => m.retry !== undefined);
    await react('page:/news/not-subscribed', 'like');
    await react(target, 'insight');

    const message = await stream.next(isEvent);
    assert.equal(message.event, 'reaction.changed');
    assert.match(message.id ?? '', /^\d+$/);
    assert.deepEqual(payload(message), {
      type: 'reaction.changed',
      topic: topics.reactions(target),
      target,
      kind: 'insight',
      active: true,
      actor: 'mehmet.yilmaz',
      counts: { like: 0, love: 0, celebrate: 0, insight: 1, surprise: 0 },
    });
    assert.equal(stream.messages.filter(isEvent).length, 1, 'the unsubscribed topic did not arrive');
  });

  test('only real changes are published: repeating a PUT or DELETE sends nothing', async () => {
    const target = 'page:/news/idempotent';
    const stream = await open(topicQuery(target));
    await react(target, 'love');
    await react(target, 'love');
    await react(target, 'love', 'DELETE');
    await react(target, 'love', 'DELETE');
    await stream.next((m) => isEvent(m) && payload(m).active === false);
    // A marker on the same topic proves nothing else was queued before it.
    await react(target, 'like');
    await stream.next((m) => isEvent(m) && payload(m).kind === 'like');
    assert.deepEqual(
      stream.messages.filter(isEvent).map((m) => [payload(m).kind, payload(m).active]),
      [['love', true], ['love', false], ['like', true]],
    );
  });

  test('reconnecting with Last-Event-ID replays what was missed, and then goes on live', async () => {
    const target = 'page:/news/replay';
    const first = await open(topicQuery(target));
    await react(target, 'like');
    const seen = await first.next(isEvent);
    first.close();

    await react(target, 'love'); // missed
    await react('page:/news/elsewhere', 'love'); // missed, but another topic
    await react(target, 'celebrate'); // missed

    const again = await open(topicQuery(target), { 'last-event-id': seen.id! });
    await again.next((m) => isEvent(m) && payload(m).kind === 'celebrate');
    await react(target, 'surprise'); // live
    await again.next((m) => isEvent(m) && payload(m).kind === 'surprise');

    const events = again.messages.filter(isEvent);
    assert.deepEqual(events.map((m) => payload(m).kind), ['love', 'celebrate', 'surprise']);
    const ids = events.map((m) => Number(m.id));
    assert.ok(ids.every((id, i) => id > Number(seen.id) && (i === 0 || id > ids[i - 1]!)), `ids go up: ${ids}`);

    // The library's first connect passes the id as a query parameter instead.
    const byQuery = await open(`${topicQuery(target)}&lastEventId=${seen.id}`);
    await byQuery.next((m) => isEvent(m) && payload(m).kind === 'surprise');
    assert.deepEqual(byQuery.messages.filter(isEvent).map((m) => payload(m).kind), ['love', 'celebrate', 'surprise']);
  });

  test('an idle stream gets heartbeat comments', async () => {
    const stream = await open(topicQuery('page:/news/quiet'));
    const beat = await stream.next((m) => m.comments.includes('heartbeat'), 3000);
    assert.deepEqual(beat.comments, ['heartbeat']);
  });

  test('topics and Last-Event-ID are validated', async () => {
    assert.equal((await problem(call(server, '/events'), 400)).field, 'topics');
    const bad = await problem(call(server, '/events?topics=x', { headers: { 'last-event-id': 'abc' } }), 400);
    assert.equal(bad.type, PROBLEM_TYPES.validation);
    assert.equal(bad.field, 'last-event-id');
  });

  test('closing the server ends open streams', async () => {
    const own = await startTestServer();
    const stream = await openSse(`${own.api}/events?topics=x`);
    await stream.next(() => true);
    await own.close();
    await stream.ended;
  });
});
