import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { topics, type Comment, type CommentThread, type ModerationLog, type Person, type RealtimePoll, type RealtimeEvent } from '../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from './harness.ts';
import { skipPostgres } from './postgres-server.ts';
import { isEvent, openSse } from './sse.ts';

/**
 * Issue 15, items 5 and 6: what an anonymous reader gets by replaying the
 * event log from its start (`after=0`, `Last-Event-ID: 0`) is never more than
 * the thread shows now: no words of a comment since hidden, edited or
 * deleted, no author of a comment the thread shows without one, no e-mail or
 * phone number, and no moderator's name. On PGlite and on PostgreSQL (where
 * several instances read the same log).
 */
const ENGINES = [
  { name: 'PGlite', skip: undefined as string | undefined, databaseUrl: async () => undefined },
  {
    name: 'PostgreSQL',
    skip: skipPostgres,
    databaseUrl: async () => (await import('./postgres-server.ts')).freshDatabase(),
  },
];

for (const engine of ENGINES) {
  describe(`event replay shows no more than the thread (${engine.name})`, { skip: engine.skip }, () => {
    let server: TestServer;
    let author: string;
    let moderator: string;
    let sophie: Person | undefined;
    before(async () => {
      server = await startTestServer({ databaseUrl: await engine.databaseUrl() });
      author = await signIn(server, 'sophie.hartmann');
      moderator = await signIn(server, 'katharina.weber');
      [sophie] = (await ok<{ items: Person[] }>(call(server, '/people?ids=sophie.hartmann'))).items;
      assert.ok(sophie?.email && sophie.phone, 'the seed gives her an e-mail address and a phone number');
    });
    after(async () => {
      await server.close();
      assert.deepEqual(server.errors, []);
    });

    const write = <T = Comment>(path: string, method: string, json?: unknown, cookie = author) => ok<T>(call(server, path, { method, cookie, json }));
    /** Everything an anonymous poll from the start of the log returns, every page of it. */
    const pollAll = async (topic: string): Promise<RealtimeEvent[]> => {
      const events: RealtimeEvent[] = [];
      let position = '0';
      for (let page = 0; page < 50; page++) {
        const answer = await ok<RealtimePoll>(call(server, `/events/poll?topics=${encodeURIComponent(topic)}&after=${position}`));
        events.push(...answer.events.map((e) => e.event));
        position = answer.lastEventId;
        if (!answer.more) return events;
      }
      throw new Error('the poll did not end within 50 pages');
    };
    /** What an anonymous stream resumed with `Last-Event-ID: 0` replays, `count` events of it. */
    const streamAll = async (topic: string, count: number): Promise<RealtimeEvent[]> => {
      const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent(topic)}`, { 'last-event-id': '0' });
      try {
        await stream.next(() => stream.messages.filter(isEvent).length >= count, 10_000);
        return stream.messages.filter(isEvent).map((m) => JSON.parse(m.data ?? 'null') as RealtimeEvent);
      } finally {
        stream.close();
      }
    };

    test('after hiding, editing and deleting, anonymous replay (poll and stream) has no old words, no hidden author, no e-mail or phone', async () => {
      const key = `page:/news/replay-leak-${engine.name}`;
      const topic = topics.comments(key);
      const hidden = await write(threadPath(key), 'POST', { text: 'Geheim-versteckt: die Kantine schließt' });
      const edited = await write(threadPath(key), 'POST', { text: 'Geheim-vorher: Tippfehler mit Telefonnummer' });
      const deleted = await write(threadPath(key), 'POST', { text: 'Geheim-gelöscht: doch nicht' });
      const kept = await write(threadPath(key), 'POST', { text: 'Bleibt stehen' });
      await write(`/comments/${hidden.id}/hidden`, 'PUT', undefined, moderator);
      await write(`/comments/${edited.id}`, 'PATCH', { text: 'Nachher ohne Nummer', version: 1 });
      await write(`/comments/${deleted.id}`, 'DELETE');

      const thread = await ok<CommentThread>(call(server, threadPath(key)));
      assert.deepEqual(
        thread.items.map((c) => [c.id, c.state, c.text, c.author?.id ?? null]),
        [
          [kept.id, 'published', 'Bleibt stehen', 'sophie.hartmann'],
          [edited.id, 'published', 'Nachher ohne Nummer', 'sophie.hartmann'],
          [hidden.id, 'hidden', '', null],
        ],
        'what the thread shows anonymous readers',
      );

      const polled = await pollAll(topic);
      const streamed = await streamAll(topic, polled.length);
      const feed = await pollAll(topics.activities('all'));
      for (const [how, events] of [['poll', polled], ['stream', streamed], ['activities poll', feed]] as const) {
        const text = JSON.stringify(events);
        for (const old of ['Geheim-versteckt', 'Geheim-vorher', 'Geheim-gelöscht']) assert.ok(!text.includes(old), `${how} replays "${old}": ${text}`);
        assert.ok(!text.includes(sophie!.email!), `${how} replays her e-mail address`);
        assert.ok(!text.includes(sophie!.phone!), `${how} replays her phone number`);
      }
      for (const events of [polled, streamed]) {
        // Every logged view of a comment is the thread's view of it now: the hidden one without its author.
        for (const event of events) {
          if (event.type !== 'comment.created' && event.type !== 'comment.updated') continue;
          const now = thread.items.find((c) => c.id === event.comment.id);
          if (now) assert.deepEqual([event.comment.state, event.comment.text, event.comment.author?.id ?? null], [now.state, now.text, now.author?.id ?? null]);
          else assert.deepEqual([event.comment.id, event.comment.text, event.comment.author], [deleted.id, '', null], 'only the deleted one is gone');
          assert.ok(!('actor' in event), 'the author is named by the comment, as the thread names them');
        }
      }
      assert.deepEqual(
        polled.map((e) => e.type),
        ['comment.created', 'comment.created', 'comment.created', 'comment.created', 'comment.updated', 'comment.updated', 'comment.deleted'],
        'the history itself stays: nothing a client needs to follow the thread went missing',
      );
    });

    test('a live comment event names its author as the thread does: id, name, role, picture; no e-mail or phone', async () => {
      const key = `page:/news/slim-events-${engine.name}`;
      const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.comments(key))}&topics=${encodeURIComponent(topics.activities('all'))}`);
      try {
        await stream.next((m) => m.retry !== undefined);
        const posted = await write(threadPath(key), 'POST', { text: 'Schlank' });
        await stream.next(() => stream.messages.filter(isEvent).length >= 2);
        const [created, activity] = stream.messages.filter(isEvent).map((m) => JSON.parse(m.data ?? 'null') as RealtimeEvent);
        assert.equal(created?.type, 'comment.created');
        const thread = await ok<CommentThread>(call(server, threadPath(key)));
        const author = created?.type === 'comment.created' ? created.comment.author : undefined;
        assert.deepEqual(author, thread.items[0]?.author, 'the same author object as the thread read');
        assert.deepEqual(Object.keys(author ?? {}).sort(), ['avatarUrl', 'id', 'name', 'role']);
        assert.deepEqual(posted.author, author, 'the answer to the post names its author the same way');
        assert.equal(activity?.type, 'activity.created');
        if (activity?.type === 'activity.created') assert.deepEqual(Object.keys(activity.activity.actor ?? {}).sort(), ['avatarUrl', 'id', 'name', 'role']);
      } finally {
        stream.close();
      }
    });

    test('hiding, restoring, deleting, closing and reopening name no moderator in any public event; the moderation record does', async () => {
      const key = `page:/news/anonymous-moderation-${engine.name}`;
      const first = await write(threadPath(key), 'POST', { text: 'Wird versteckt und wieder gezeigt' });
      const second = await write(threadPath(key), 'POST', { text: 'Wird von der Moderation gelöscht' });
      await write(`/comments/${first.id}/hidden`, 'PUT', undefined, moderator);
      await write(`/comments/${first.id}/hidden`, 'DELETE', undefined, moderator);
      await write(`/comments/${second.id}`, 'DELETE', undefined, moderator);
      await write(threadPath(key, '/closed'), 'PUT', undefined, moderator);
      await write(threadPath(key, '/closed'), 'DELETE', undefined, moderator);

      const events = [...(await pollAll(topics.comments(key))), ...(await pollAll(topics.activities('all')))];
      assert.deepEqual(
        events.filter((e) => e.topic === topics.comments(key)).map((e) => e.type),
        ['comment.created', 'comment.created', 'comment.updated', 'comment.updated', 'comment.deleted', 'thread.changed', 'thread.changed'],
      );
      const text = JSON.stringify(events);
      assert.ok(!text.includes('katharina.weber') && !text.includes('Katharina Weber'), `a public event names the moderator: ${text}`);

      const [row] = await server.db.query<{ done: string[]; by: string[] }>(
        `SELECT array_agg(action ORDER BY id) AS done, array_agg(DISTINCT actor_id) AS by
         FROM moderation_audit WHERE target = ANY($1::text[])`,
        [[`comment:${first.id}`, `comment:${second.id}`, key]],
      );
      assert.deepEqual(row?.by, ['katharina.weber']);
      assert.deepEqual(row?.done, ['hide', 'restore', 'delete', 'close', 'reopen'], 'who moderated is kept where only moderators look');

      const log = await ok<ModerationLog>(call(server, `/moderation/log?target=${encodeURIComponent(`comment:${first.id}`)}`, { cookie: moderator }));
      assert.deepEqual(
        log.items.map((entry) => [entry.action, entry.target, entry.moderator?.id]),
        [['restore', `comment:${first.id}`, 'katharina.weber'], ['hide', `comment:${first.id}`, 'katharina.weber']],
        'moderators read it, newest first',
      );
      const everything = await ok<ModerationLog>(call(server, '/moderation/log?limit=5', { cookie: moderator }));
      assert.deepEqual(everything.items.map((entry) => entry.action), ['reopen', 'close', 'delete', 'restore', 'hide']);
      assert.equal((await call(server, '/moderation/log', { cookie: author })).status, 403, 'an author is no moderator');
      assert.equal((await call(server, '/moderation/log')).status, 401);
    });
  });
}

describe('event replay on two instances of one PostgreSQL', { skip: skipPostgres }, () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    const databaseUrl = await (await import('./postgres-server.ts')).freshDatabase();
    a = await startTestServer({ databaseUrl });
    b = await startTestServer({ databaseUrl });
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    assert.deepEqual([...(a?.errors ?? []), ...(b?.errors ?? [])], []);
  });

  test('a comment hidden through one instance and edited through the other replays on both as the thread shows it', async () => {
    const key = 'page:/news/replay-two-instances';
    const topic = encodeURIComponent(topics.comments(key));
    const author = await signIn(a, 'sophie.hartmann');
    const moderator = await signIn(b, 'katharina.weber');
    const hidden = await ok<Comment>(call(a, threadPath(key), { method: 'POST', cookie: author, json: { text: 'Geheim-A, über A geschrieben' } }));
    const edited = await ok<Comment>(call(a, threadPath(key), { method: 'POST', cookie: author, json: { text: 'Geheim-B, vor der Änderung' } }));
    // B may not have read A's events yet: its replay stops at its own watermark, so wait until it shows both.
    const replayOn = async (server: TestServer, count: number) => {
      for (let tries = 0; tries < 100; tries++) {
        const { events } = await ok<RealtimePoll>(call(server, `/events/poll?topics=${topic}&after=0`));
        if (events.length >= count) return events.map((e) => e.event);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`fewer than ${count} events on ${server.url} after 5 s`);
    };
    assert.match(JSON.stringify(await replayOn(b, 2)), /Geheim-A/, 'B has read A\'s events');
    await ok(call(b, `/comments/${hidden.id}/hidden`, { method: 'PUT', cookie: moderator }));
    await ok(call(b, `/comments/${edited.id}`, { method: 'PATCH', cookie: await signIn(b, 'sophie.hartmann'), json: { text: 'Jetzt harmlos', version: 1 } }));
    for (const server of [a, b]) {
      const text = JSON.stringify(await replayOn(server, 4));
      assert.ok(!text.includes('Geheim'), `${server.url} replays old words: ${text}`);
      assert.ok(!text.includes('katharina.weber'), `${server.url} names the moderator`);
      assert.match(text, /Jetzt harmlos/);
    }
  });
});
