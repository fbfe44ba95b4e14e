import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { topics, type Activity, type ActivityPage, type Comment, type CommentThread, type PersonalDataExport, type RealtimeEvent } from '../../src/core/protocol.ts';
import { FORMER_COLLEAGUE } from '../../server/store/erased-mentions.ts';
import { call, ok, reactionPath, signIn, threadPath, useTestServer } from './harness.ts';
import { isEvent, openSse } from './sse.ts';

const data = (message: { data?: string }) => JSON.parse(message.data!) as RealtimeEvent;
const query = (...names: string[]) => names.map((name) => `topics=${encodeURIComponent(name)}`).join('&');

/**
 * Open pages see an erasure as it happens (DELETE /me): the person's
 * comments lose their author, their name leaves others' texts, and
 * `person.erased` tells cards and name tags to let go. Afterwards no read,
 * replay or export shows the name.
 */
describe('erasure: open pages update, and the name goes from others\' texts', () => {
  const server = useTestServer();

  test('DELETE /me announces the anonymised comments, relabels mentions everywhere, and publishes person.erased', async () => {
    const key = 'page:/news/erasure-live';
    const niklas = await signIn(server, 'niklas.braun');
    const heike = await signIn(server, 'heike.wolf');
    const own = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: niklas, json: { text: 'Ich bin bald weg.' } }));
    const mention = 'Danke, @[Niklas Braun](person:niklas.braun), für alles!';
    const thanks = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: heike, json: { text: mention } }));
    assert.deepEqual(thanks.mentions, ['niklas.braun']);
    const post = await ok<Activity>(call(server, '/activities', { method: 'POST', cookie: heike, json: { text: `Abschied von @[Niklas Braun](person:niklas.braun) heute` } }));
    const start = await ok<{ lastEventId: string }>(call(server, `/events/poll?${query(topics.comments(key))}`));

    const stream = await openSse(`${server.api}/events?${query(topics.comments(key), topics.person('niklas.braun'), topics.activities('all'))}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      await ok(call(server, '/me', { method: 'DELETE', cookie: niklas }));
      const erased = data(await stream.next((m) => m.event === 'person.erased'));
      assert.deepEqual(erased, { type: 'person.erased', topic: topics.person('niklas.braun'), person: 'niklas.braun' });
      const updated = stream.messages.filter((m) => m.event === 'comment.updated').map(data);
      const byId = new Map(updated.map((event) => [event.type === 'comment.updated' ? event.comment.id : '', event]));
      const anonymised = byId.get(own.id);
      assert.ok(anonymised?.type === 'comment.updated' && anonymised.comment.author === null, 'their comment, without author');
      const relabelled = byId.get(thanks.id);
      assert.ok(relabelled?.type === 'comment.updated');
      assert.equal(relabelled.comment.text, `Danke, ${FORMER_COLLEAGUE}, für alles!`);
      assert.deepEqual(relabelled.comment.mentions, []);
      assert.doesNotMatch(relabelled.comment.html, /Niklas/);
      assert.equal(relabelled.comment.author?.id, 'heike.wolf');
      assert.ok(stream.messages.filter(isEvent).some((m) => m.event === 'activity.deleted'), 'their feed entries leave open feeds');
    } finally {
      stream.close();
    }

    const thread = await ok<CommentThread>(call(server, threadPath(key, '/comments?sort=oldest')));
    assert.deepEqual(thread.items.map((c) => [c.author?.id ?? null, c.text]), [[null, 'Ich bin bald weg.'], ['heike.wolf', `Danke, ${FORMER_COLLEAGUE}, für alles!`]]);
    const feed = await ok<ActivityPage>(call(server, `/activities?${query()}scope=user:heike.wolf`));
    const status = feed.items.find((item) => item.id === post.id)!;
    assert.equal(status.text, `Abschied von ${FORMER_COLLEAGUE} heute`);
    assert.deepEqual(status.mentions, []);
    assert.doesNotMatch(status.html, /Niklas/);
    const exported = await ok<PersonalDataExport>(call(server, '/me/export', { cookie: heike }));
    assert.doesNotMatch(JSON.stringify(exported), /Niklas|niklas\.braun/);
    const replay = await ok<{ events: Array<{ event: RealtimeEvent }> }>(call(server, `/events/poll?${query(topics.comments(key))}&after=${start.lastEventId}`));
    assert.ok(replay.events.length > 0);
    const early = await ok<{ events: Array<{ event: RealtimeEvent }> }>(call(server, `/events/poll?${query(topics.comments(key), topics.activities('all'))}&after=0`));
    assert.doesNotMatch(JSON.stringify(early.events), /Niklas Braun/, 'no replay shows the name');
    const [stored] = await server.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM comments WHERE body LIKE '%Niklas Braun%' OR html LIKE '%Niklas Braun%')
        + (SELECT count(*) FROM activities WHERE body LIKE '%Niklas Braun%')
        + (SELECT count(*) FROM events WHERE payload::text LIKE '%Niklas Braun%') AS n`,
    );
    assert.equal(Number(stored!.n), 0, 'the name is nowhere in the database');
  });

  test('an anonymised status post is announced as activity.updated without its author, on shared feeds, and replays so', async () => {
    const space = 'page:/spaces/erasure-post';
    const lea = await signIn(server, 'lea.neumann');
    const heike = await signIn(server, 'heike.wolf');
    const post = await ok<Activity>(
      call(server, '/activities', { method: 'POST', cookie: lea, headers: { 'idempotency-key': crypto.randomUUID() }, json: { text: 'Mein letzter Tag', space } }),
    );
    assert.equal(post.actor?.id, 'lea.neumann');
    assert.ok((await call(server, reactionPath(`activity:${post.id}`, 'like'), { method: 'PUT', cookie: heike })).ok);

    const stream = await openSse(`${server.api}/events?${query(topics.activities('all'), topics.activities(`space:${space}`), topics.activities('following'))}`, { cookie: heike });
    try {
      await stream.next((m) => m.retry !== undefined);
      await ok(call(server, '/me', { method: 'DELETE', cookie: lea }));
      await stream.next((m) => m.event === 'activity.updated' && data(m).topic === topics.activities(`space:${space}`));
      const updates = stream.messages.filter((m) => m.event === 'activity.updated').map(data);
      for (const scope of ['all', `space:${space}`, 'following'] as const) {
        const event = updates.find((e) => e.topic === topics.activities(scope));
        assert.ok(event?.type === 'activity.updated', `announced on activities:${scope}`);
        assert.equal(event.activity.id, post.id);
        assert.equal(event.activity.actor, null, 'without its author');
        assert.equal(event.activity.text, 'Mein letzter Tag');
        assert.equal(event.activity.reactions?.counts.like, 1, 'with its reaction counts');
      }
      assert.doesNotMatch(JSON.stringify(stream.messages), /lea\.neumann|Lea Neumann/, 'nothing on the stream names her');
    } finally {
      stream.close();
    }

    const replay = await ok<{ events: Array<{ event: RealtimeEvent }> }>(call(server, `/events/poll?${query(topics.activities('all'))}&after=0`));
    assert.doesNotMatch(JSON.stringify(replay.events), /lea\.neumann|Lea Neumann/, 'no replay names her');
    assert.ok(replay.events.some(({ event }) => event.type === 'activity.updated' && event.activity.id === post.id && event.activity.actor === null));
    // Deleted later (by a moderator): the logged update goes with it, so no replay hands its words on.
    const moderator = await signIn(server, 'katharina.weber');
    assert.equal((await call(server, `/activities/${post.id}`, { method: 'DELETE', cookie: moderator })).status, 204);
    const after = await ok<{ events: Array<{ event: RealtimeEvent }> }>(call(server, `/events/poll?${query(topics.activities('all'))}&after=0`));
    assert.doesNotMatch(JSON.stringify(after.events), /Mein letzter Tag/);
  });
});
