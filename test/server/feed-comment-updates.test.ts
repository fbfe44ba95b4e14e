import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { topics, type Activity, type ActivityPage, type Comment, type RealtimeEvent } from '../../src/core/protocol.ts';
import { FORMER_COLLEAGUE } from '../../server/store/erased-mentions.ts';
import { call, ok, signIn, threadPath, useTestServer } from './harness.ts';
import { openSse, type SseClient } from './sse.ts';

const data = (message: { data?: string }) => JSON.parse(message.data!) as RealtimeEvent;
const query = (...names: string[]) => names.map((name) => `topics=${encodeURIComponent(name)}`).join('&');
type Logged = { events: Array<{ event: RealtimeEvent }> };

/** The `activity.updated` events the stream carried for `id`, by topic. */
function updatesOf(stream: SseClient, id: string): Map<string, Activity> {
  const updates = new Map<string, Activity>();
  for (const message of stream.messages) {
    if (message.event !== 'activity.updated') continue;
    const event = data(message);
    if (event.type === 'activity.updated' && event.activity.id === id) updates.set(event.topic, event.activity);
  }
  return updates;
}

/**
 * The feed shows a comment's excerpt, so an open feed must learn when those
 * words change behind it: an erased colleague's mention relabelled, or the
 * author's own edit. Each goes out as `activity.updated` with the activity as
 * a reload would read it, on every topic the comment's `activity.created`
 * reached, and replays (poll, `Last-Event-ID`) carry the new words only.
 */
describe('feed entries of comments follow their words', () => {
  const server = useTestServer();

  test('erasure: the mention in a colleague\'s comment and status post is relabelled in open feeds, on every feed topic, and in replays', async () => {
    const key = 'page:/spaces/feed-relabel/news';
    const space = 'page:/spaces/feed-relabel';
    const dennis = await signIn(server, 'dennis.krause');
    const heike = await signIn(server, 'heike.wolf');
    const comment = await ok<Comment>(
      call(server, threadPath(key), { method: 'POST', cookie: heike, json: { text: 'Gute Reise, @[Dennis Krause](person:dennis.krause)!' } }),
    );
    const post = await ok<Activity>(
      call(server, '/activities', {
        method: 'POST',
        cookie: heike,
        headers: { 'idempotency-key': crypto.randomUUID() },
        json: { text: 'Danke an @[Dennis Krause](person:dennis.krause) für alles', space },
      }),
    );
    const feed = await ok<ActivityPage>(call(server, `/activities?scope=user:heike.wolf`));
    const entry = feed.items.find((item) => item.kind === 'comment' && item.commentId === comment.id);
    assert.ok(entry, 'the comment is in her feed');
    assert.match(entry.text, /Dennis Krause/);

    const feeds = [topics.activities('all'), topics.activities('user:heike.wolf'), topics.activities(`space:${space}`), topics.activities('following')];
    const stream = await openSse(`${server.api}/events?${query(...feeds)}`, { cookie: heike });
    try {
      await stream.next((m) => m.retry !== undefined);
      await ok(call(server, '/me', { method: 'DELETE', cookie: dennis }));
      await stream.next((m) => m.event === 'activity.updated' && data(m).topic === topics.activities('following') && (data(m) as { activity: Activity }).activity.id === entry.id);
      await stream.next((m) => m.event === 'activity.updated' && data(m).topic === topics.activities(`space:${space}`) && (data(m) as { activity: Activity }).activity.id === post.id);
      const comments = updatesOf(stream, entry.id);
      assert.deepEqual([...comments.keys()].sort(), [...feeds].sort(), 'the comment\'s entry on every feed topic');
      for (const activity of comments.values()) {
        assert.equal(activity.text, `Gute Reise, ${FORMER_COLLEAGUE}!`);
        assert.deepEqual(activity.mentions, []);
        assert.doesNotMatch(activity.html, /Dennis/);
        assert.equal(activity.actor?.id, 'heike.wolf', 'still hers');
        assert.equal(activity.commentId, comment.id);
      }
      const posts = updatesOf(stream, post.id);
      assert.deepEqual([...posts.keys()].sort(), [...feeds].sort(), 'her status post on every feed topic');
      for (const activity of posts.values()) {
        assert.equal(activity.text, `Danke an ${FORMER_COLLEAGUE} für alles`);
        assert.equal(activity.actor?.id, 'heike.wolf');
      }
      assert.equal(stream.messages.filter((m) => m.event === 'activity.updated' && data(m).topic === feeds[0]).length, 2, 'each announced once');
      assert.doesNotMatch(JSON.stringify(stream.messages), /Dennis Krause/);
    } finally {
      stream.close();
    }

    const replay = await ok<Logged>(call(server, `/events/poll?${query(topics.activities('all'), topics.activities('user:heike.wolf'))}&after=0`));
    assert.doesNotMatch(JSON.stringify(replay.events), /Dennis Krause/, 'no replay shows the name');
    const replayed = replay.events.filter(({ event }) => event.type === 'activity.updated' && event.activity.id === entry.id);
    assert.equal(replayed.length, 2, 'the update replays on both logged topics');
    const reloaded = await ok<ActivityPage>(call(server, `/activities?scope=user:heike.wolf`));
    assert.deepEqual(
      replayed.map(({ event }) => event.type === 'activity.updated' && event.activity),
      [reloaded.items.find((item) => item.id === entry.id), reloaded.items.find((item) => item.id === entry.id)],
      'the update is what a reload reads',
    );
  });

  test('an edit reaches open feeds as activity.updated; a second edit leaves no replay of the first; hiding announces only the removal', async () => {
    const key = 'page:/news/feed-edit';
    const sophie = await signIn(server, 'sophie.hartmann');
    const comment = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: sophie, json: { text: 'Kantine öffnet um 11' } }));
    const edit = (text: string, version: number) => ok<Comment>(call(server, `/comments/${comment.id}`, { method: 'PATCH', cookie: sophie, json: { text, version } }));
    const stream = await openSse(`${server.api}/events?${query(topics.activities('all'), topics.activities('user:sophie.hartmann'))}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      await edit('Kantine öffnet um 11:30', 1);
      const first = data(await stream.next((m) => m.event === 'activity.updated' && data(m).topic === topics.activities('user:sophie.hartmann')));
      assert.ok(first.type === 'activity.updated');
      assert.equal(first.activity.kind, 'comment');
      assert.equal(first.activity.commentId, comment.id);
      assert.equal(first.activity.text, 'Kantine öffnet um 11:30');
      assert.match(first.activity.html, /11:30/);
      await edit('Kantine öffnet um 12', 2);
      await stream.next((m) => m.event === 'activity.updated' && (data(m) as { activity: Activity }).activity.text === 'Kantine öffnet um 12');
      const replay = JSON.stringify((await ok<Logged>(call(server, `/events/poll?${query(topics.activities('all'), topics.activities('user:sophie.hartmann'))}&after=0`))).events);
      assert.doesNotMatch(replay, /öffnet um 11/, 'no replay of the words the edits replaced');
      assert.match(replay, /öffnet um 12/);

      const moderator = await signIn(server, 'katharina.weber');
      await ok(call(server, `/comments/${comment.id}/hidden`, { method: 'PUT', cookie: moderator }));
      const hidden = stream.messages.length;
      await stream.next((m) => m.event === 'activity.deleted' && data(m).topic === topics.activities('user:sophie.hartmann'));
      // A later write's event marks the point by which anything the hide announced has arrived.
      const later = await ok<Activity>(
        call(server, '/activities', { method: 'POST', cookie: sophie, headers: { 'idempotency-key': crypto.randomUUID() }, json: { text: 'Danach' } }),
      );
      await stream.next((m) => m.event === 'activity.created' && (data(m) as { activity: Activity }).activity.id === later.id);
      assert.ok(!stream.messages.slice(hidden).some((m) => m.event === 'activity.updated'), 'a hidden comment is not announced as an update');
    } finally {
      stream.close();
    }
  });
});
