import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { topics, type Comment, type NotificationEvent, type NotificationPage, type RealtimePoll } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, signIn, threadPath, useTestServer } from './harness.ts';
import { isEvent, openSse, type SseClient, type SseMessage } from './sse.ts';

/**
 * Issue 20, item 3: `me:notifications` carries the signed-in person's own
 * notification events, live and on replay, and nobody else's: asking for
 * another person's logged topic gives nothing.
 */
describe('notification events on me:notifications', () => {
  const server = useTestServer({ heartbeatMs: 200 });
  const streams: SseClient[] = [];
  let ayse: string;
  let anna: string;
  let jonas: string;
  before(async () => {
    ayse = await signIn(server, 'ayse.demir');
    anna = await signIn(server, 'anna.lehmann');
    jonas = await signIn(server, 'jonas.richter');
  });
  after(() => {
    for (const stream of streams) stream.close();
  });

  const open = async (cookie: string, ...names: string[]) => {
    const query = names.map((name) => `topics=${encodeURIComponent(name)}`).join('&');
    const sse = await openSse(`${server.api}/events?${query}`, { cookie });
    streams.push(sse);
    await sse.next((m) => m.event === 'ready');
    return sse;
  };
  const data = (message: SseMessage) => JSON.parse(message.data!) as NotificationEvent;
  const mentionAyse = (key: string, text = 'Hallo') =>
    ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: `${text} @[Ayşe](person:ayse.demir)` } }));

  test('created, updated (a bundle), withdrawn and read reach the recipient live, with the unread count', async () => {
    const mine = await open(ayse, topics.notifications());
    const comment = await mentionAyse('page:/events/1');
    const created = data(await mine.next((m) => m.event === 'notification.created'));
    assert.equal(created.topic, 'me:notifications');
    assert.ok(created.type === 'notification.created');
    assert.equal(created.notification.target, `comment:${comment.id}`);
    const unread = created.unread;
    assert.equal(unread, (await ok<NotificationPage>(call(server, '/notifications', { cookie: ayse }))).unread);

    const own = await ok<Comment>(call(server, threadPath('page:/events/1'), { method: 'POST', cookie: ayse, json: { text: 'Meiner' } }));
    for (const cookie of [anna, jonas]) await ok(call(server, reactionPath(`comment:${own.id}`, 'like'), { method: 'PUT', cookie }));
    const updated = data(await mine.next((m) => m.event === 'notification.updated'));
    assert.ok(updated.type === 'notification.updated');
    assert.equal(updated.notification.count, 2);

    await ok(call(server, `/comments/${comment.id}`, { method: 'DELETE', cookie: anna }));
    const withdrawn = data(await mine.next((m) => m.event === 'notification.withdrawn'));
    assert.ok(withdrawn.type === 'notification.withdrawn');
    assert.equal(withdrawn.id, created.notification.id);

    await call(server, '/notifications/read', { method: 'POST', cookie: ayse, json: { all: true } });
    const read = data(await mine.next((m) => m.event === 'notification.read'));
    assert.ok(read.type === 'notification.read');
    assert.equal(read.all, true);
    assert.equal(read.unread, 0);
  });

  test('nobody hears someone else\'s: not through me:notifications, not through the logged topic', async () => {
    const jonasMine = await open(jonas, topics.notifications(), topics.comments('page:/events/2'));
    const spy = await open(jonas, 'notifications:ayse.demir', topics.comments('page:/events/2'));
    const anonymous = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.notifications())}&topics=${encodeURIComponent(topics.comments('page:/events/2'))}`);
    streams.push(anonymous);
    await mentionAyse('page:/events/2');
    // The comment's own event arrives on each stream; nothing of Ayşe's came with or before it.
    for (const sse of [jonasMine, spy, anonymous]) {
      await sse.next((m) => m.event === 'comment.created');
      assert.deepEqual(sse.messages.filter(isEvent).map((m) => m.event), ['comment.created']);
    }
    const poll = await ok<RealtimePoll>(call(server, `/events/poll?topics=notifications:ayse.demir&after=0`, { cookie: jonas }));
    assert.deepEqual(poll.events, []);
  });

  test('a stream resuming with Last-Event-ID replays the notifications it missed', async () => {
    const first = await open(ayse, topics.notifications());
    const ready = first.messages.find((m) => m.event === 'ready')!;
    first.close();
    await mentionAyse('page:/events/3', 'Verpasst');
    const again = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.notifications())}`, { cookie: ayse, 'last-event-id': ready.id! });
    streams.push(again);
    const replayed = data(await again.next((m) => m.event === 'notification.created'));
    assert.ok(replayed.type === 'notification.created');
    assert.match(replayed.notification.excerpt, /^Verpasst/);
  });
});
