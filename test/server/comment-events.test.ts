import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { topics, type Comment, type RealtimeEvent } from '../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { openSse, type SseClient, type SseMessage, isEvent } from './sse.ts';

const payload = (message: SseMessage) => JSON.parse(message.data ?? 'null') as RealtimeEvent;

/** Asserts an event's type and narrows it. */
function as<T extends RealtimeEvent['type']>(event: RealtimeEvent | undefined, type: T): Extract<RealtimeEvent, { type: T }> {
  assert.equal(event?.type, type);
  return event as Extract<RealtimeEvent, { type: T }>;
}

describe('realtime events of a thread', () => {
  let server: TestServer;
  let author: string;
  let moderator: string;
  const streams: SseClient[] = [];
  before(async () => {
    server = await startTestServer();
    author = await signIn(server, 'sophie.hartmann');
    moderator = await signIn(server, 'katharina.weber');
  });
  after(async () => {
    for (const stream of streams) stream.close();
    await server.close();
    assert.deepEqual(server.errors, []);
  });

  const subscribe = async (key: string) => {
    const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.comments(key))}`);
    streams.push(stream);
    await stream.next((m) => m.retry !== undefined);
    return stream;
  };
  /** Waits until `count` events arrived and returns them. */
  const events = async (stream: SseClient, count: number) => {
    await stream.next(() => stream.messages.filter(isEvent).length >= count);
    return stream.messages.filter(isEvent).map(payload);
  };

  test('posting, editing, hiding, restoring, deleting and closing each reach the thread topic', async () => {
    const key = 'page:/news/live-thread';
    const topic = topics.comments(key);
    const stream = await subscribe(key);
    const write = (path: string, method: string, json?: unknown, cookie = author) => ok<Comment>(call(server, path, { method, cookie, json }));

    const root = await write(threadPath(key), 'POST', { text: 'Live dabei, @[Elena](person:elena.jovanovic)?' });
    const reply = await write(threadPath(key), 'POST', { text: 'Ja!', parentId: root.id });
    await write(`/comments/${root.id}`, 'PATCH', { text: 'Live dabei?', version: 1 });
    await write(`/comments/${root.id}/hidden`, 'PUT', undefined, moderator);
    await write(`/comments/${root.id}/hidden`, 'DELETE', undefined, moderator);
    await write(`/comments/${root.id}`, 'DELETE');
    await write(`/comments/${reply.id}`, 'DELETE');
    await write(threadPath(key, '/closed'), 'PUT', undefined, moderator);

    const all = await events(stream, 9);
    assert.deepEqual(
      all.map((e) => [e.type, 'comment' in e ? e.comment.id : 'id' in e ? e.id : e.type === 'thread.changed' ? e.key : '', 'count' in e ? e.count : null]),
      [
        ['comment.created', root.id, 1],
        ['comment.created', reply.id, 2],
        ['comment.updated', root.id, 2],
        ['comment.updated', root.id, 1],
        ['comment.updated', root.id, 2],
        ['comment.deleted', root.id, 1],
        ['comment.deleted', reply.id, 0],
        ['comment.deleted', root.id, 0],
        ['thread.changed', key, 0],
      ],
    );
    assert.ok(all.every((e) => e.topic === topic));
    const [created, , edited, hid, , deletedRoot, deletedReply, placeholderGone] = all;
    // The comment as posted, without reactions: `mine` would be the poster's, not the receiver's.
    const { reactions: _, ...record } = root;
    assert.deepEqual(created, { type: 'comment.created', topic, comment: record, count: 1 });
    assert.deepEqual(record.mentions, ['elena.jovanovic']);
    assert.equal(as(edited, 'comment.updated').comment.version, 2);
    const hidden = as(hid, 'comment.updated');
    assert.deepEqual([hidden.comment.state, hidden.comment.text, hidden.comment.author], ['hidden', '', null], 'events show what every reader sees');
    assert.ok(!('actor' in hidden), 'readers learn that the moderation hid it, not who');
    assert.equal(as(deletedRoot, 'comment.deleted').tombstone, true, 'the root stays while its reply does');
    assert.deepEqual([as(deletedReply, 'comment.deleted').tombstone, as(deletedReply, 'comment.deleted').parentId], [false, root.id]);
    assert.equal(as(placeholderGone, 'comment.deleted').tombstone, false, 'the placeholder goes with its last reply');
    const closed = all[8]!;
    assert.deepEqual(closed, { type: 'thread.changed', topic, key, closed: true, count: 0 });
  });

  test('refused and repeated writes announce nothing', async () => {
    const key = 'page:/news/quiet-thread';
    const stream = await subscribe(key);
    const comment = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: author, json: { text: 'Erster' } }));
    await call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: author, json: { text: 'Veraltet', version: 7 } });
    await call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: author, json: { text: 'Erster', version: 1 } });
    await call(server, threadPath(key), { method: 'POST', cookie: author, json: { text: '@[Max](person:max.mustermann)' } });
    await call(server, threadPath(key, '/closed'), { method: 'DELETE', cookie: moderator });
    // A marker proves nothing else was queued before it.
    await ok(call(server, threadPath(key), { method: 'POST', cookie: author, json: { text: 'Marker' } }));
    const all = await events(stream, 2);
    assert.deepEqual(all.map((e) => e.type === 'comment.created' && e.comment.text), ['Erster', 'Marker']);
  });
});
