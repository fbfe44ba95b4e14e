import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signUnsubscribeToken } from '../../server/delivery/unsubscribe-token.ts';
import { topics, type Comment, type RealtimePoll } from '../../src/core/protocol.ts';
import { call, reactionPath, signIn, startTestServer, threadPath, type CallOptions, type TestServer } from './harness.ts';
import { OpenApiConformance, type OpenApiDoc } from './openapi-conformance.ts';
import { openSse, type SseClient } from './sse.ts';

/**
 * What the server answers is what its OpenAPI document says: a walk through
 * every operation, as the library and a moderator use them, checks each real
 * answer (successes and problems) against the served document, and every
 * message the event stream and the poll carry, each realtime event kind,
 * `ready` and `reset` included.
 */

const KEY = 'page:/news/openapi-conformance';
const STREAM_TOPICS = [topics.comments(KEY), topics.reactions(KEY), topics.person('lea.neumann'), 'activities:all'];
// The walk's comment edit reaches the feed as `activity.updated` (decision 224).
const EVENT_KINDS = ['comment.created', 'comment.updated', 'comment.deleted', 'thread.changed', 'reaction.changed', 'follow.changed', 'activity.created', 'activity.updated', 'activity.deleted'];
const topicQuery = (list: string[]) => list.map((t) => `topics=${encodeURIComponent(t)}`).join('&');

describe('real answers match the OpenAPI document', () => {
  let server: TestServer;
  let conformance: OpenApiConformance;
  let stream: SseClient;
  let author: string;
  let moderator: string;
  let readyId = '';
  let streamId = '';
  const ids = { root: '', reply: '' };
  /** Every `event` name seen, on the stream and in polls. */
  const streamed = new Set<string>();
  const polled = new Set<string>();

  before(async () => {
    server = await startTestServer();
    conformance = new OpenApiConformance((await (await fetch(`${server.api}/openapi.json`)).json()) as OpenApiDoc);
    stream = await openSse(`${server.api}/events?${topicQuery(STREAM_TOPICS)}`);
    const ready = await stream.next((m) => m.event === 'ready');
    readyId = ready.id!;
    streamId = (JSON.parse(ready.data!) as { stream: string }).stream;
  });
  after(async () => {
    stream?.close();
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  /** A request whose answer must have `status` and match the document; returns the body. `body` is sent as it is. */
  async function expect<T = unknown>(status: number, method: string, path: string, options: CallOptions & { body?: string } = {}): Promise<T> {
    const response =
      options.body === undefined
        ? await call(server, path, { ...options, method })
        : await fetch(server.api + path, { method, body: options.body, headers: { ...options.headers, cookie: options.cookie ?? '' } });
    const body = await conformance.response(method, path, response.clone());
    assert.equal(response.status, status, `${method} ${path}: ${JSON.stringify(body)}`);
    return body as T;
  }

  test('sign-in, people and follows', async () => {
    await expect(200, 'GET', '/dev/users');
    await expect(200, 'GET', '/me');
    author = await signIn(server, 'sophie.hartmann');
    moderator = await signIn(server, 'katharina.weber');
    await expect(200, 'POST', '/dev/session', { json: { userId: 'jonas.richter' } });
    await expect(404, 'POST', '/dev/session', { json: { userId: 'nobody.here' } });
    await expect(200, 'PATCH', '/dev/people/marie.klein', { json: { role: 'Chemielaborantin' } });
    await expect(400, 'PATCH', '/dev/people/marie.klein', { json: { name: '' } });
    await expect(404, 'PATCH', '/dev/people/nobody.here', { json: { role: 'Niemand' } });
    await expect(200, 'GET', '/me', { cookie: author });
    await expect(200, 'GET', '/people?ids=lea.neumann,ayse.demir');
    await expect(200, 'GET', '/profiles?ids=lea.neumann,ayse.demir');
    await expect(200, 'GET', `/people?q=${encodeURIComponent('müller')}`);
    await expect(400, 'GET', '/people');
    await expect(200, 'GET', '/people/lea.neumann', { cookie: author });
    await expect(404, 'GET', '/people/nobody.here');
    await expect(200, 'PUT', '/people/lea.neumann/follow', { cookie: author });
    await expect(200, 'DELETE', '/people/lea.neumann/follow', { cookie: author });
    await expect(401, 'PUT', '/people/lea.neumann/follow');
    await expect(400, 'GET', '/people/%E0%A4%A');
  });

  test('reactions', async () => {
    await expect(200, 'PUT', reactionPath(KEY, 'like'), { cookie: author });
    await expect(200, 'GET', `/reactions?targets=${encodeURIComponent(KEY)}`, { cookie: author });
    await expect(200, 'GET', `${reactionPath(KEY, 'like')}/people`);
    await expect(200, 'DELETE', reactionPath(KEY, 'like'), { cookie: author });
    await expect(400, 'PUT', reactionPath(KEY, 'no-such-kind'), { cookie: author });
  });

  test('comments, replies, edits and their problems', async () => {
    const root = await expect<Comment>(201, 'POST', threadPath(KEY), {
      cookie: author,
      json: { text: 'Gilt das auch für @[Lea Neumann](person:lea.neumann)?', page: { url: 'https://intranet.example/news/openapi', title: 'OpenAPI' } },
    });
    const reply = await expect<Comment>(201, 'POST', threadPath(KEY), { cookie: moderator, json: { text: 'Ja.', parentId: root.id } });
    const res = await call(server, threadPath(KEY), { cookie: author });
    await res.arrayBuffer();
    await expect(200, 'GET', threadPath(KEY), { cookie: author });
    await expect(304, 'GET', threadPath(KEY), { cookie: author, headers: { 'if-none-match': res.headers.get('etag')! } });
    await expect(200, 'GET', `/threads/counts?keys=${encodeURIComponent(KEY)}`);
    await expect(200, 'GET', `/comments/${root.id}/replies`);
    await expect(200, 'PATCH', `/comments/${root.id}`, { cookie: author, json: { text: 'Gilt das auch hier?', version: root.version } });
    await expect(409, 'PATCH', `/comments/${root.id}`, { cookie: author, json: { text: 'Veraltet', version: root.version } });
    await expect(403, 'PATCH', `/comments/${reply.id}`, { cookie: author, json: { text: 'Nicht meins', version: 1 } });
    await expect(400, 'POST', threadPath(KEY), { cookie: author, json: { text: 42 } });
    await expect(415, 'POST', threadPath(KEY), { cookie: author, headers: { 'content-type': 'text/plain' }, body: 'Hallo' });
    await expect(413, 'POST', threadPath(KEY), { cookie: author, json: { text: 'x'.repeat(70_000) } });
    await expect(401, 'POST', threadPath(KEY), { json: { text: 'Anonym' } });
    await expect(200, 'POST', '/preview', { cookie: author, json: { text: 'Wie *sieht* das aus?' } });
    await expect(400, 'POST', '/preview', { cookie: author, json: { text: '' } });
    await expect(401, 'POST', '/preview', { json: { text: 'Anonym' } });
    await expect(413, 'POST', '/preview', { cookie: author, json: { text: 'x'.repeat(70_000) } });
    await expect(404, 'GET', '/comments/01JQ3V6Z5X8M2N4P6R8T0V2X4Z/replies');
    await expect(201, 'POST', `/comments/${reply.id}/reports`, { cookie: author, json: { reason: 'Zu knapp.' }, headers: { 'idempotency-key': 'report-1' } });
    await expect(200, 'POST', `/comments/${reply.id}/reports`, { cookie: author, json: { reason: 'Zu knapp, wirklich.' } });
    await expect(422, 'POST', `/comments/${reply.id}/reports`, { cookie: author, json: { reason: 'Anders' }, headers: { 'idempotency-key': 'report-1' } });
    ids.root = root.id;
    ids.reply = reply.id;
  });

  test('moderation', async () => {
    await expect(200, 'GET', '/moderation/reports', { cookie: moderator });
    await expect(403, 'GET', '/moderation/reports', { cookie: author });
    await expect(401, 'GET', '/moderation/log');
    await expect(200, 'PUT', `/comments/${ids.reply}/hidden`, { cookie: moderator, json: { reason: 'Ton' } });
    await expect(200, 'DELETE', `/comments/${ids.reply}/hidden`, { cookie: moderator });
    await expect(200, 'GET', `/moderation/audit?thread=${encodeURIComponent(KEY)}&limit=1`, { cookie: moderator });
    await expect(200, 'GET', '/moderation/audit?format=csv&action=hide', { cookie: moderator });
    await expect(400, 'GET', '/moderation/audit?from=gestern', { cookie: moderator });
    await expect(401, 'GET', '/moderation/audit');
    await expect(403, 'GET', '/moderation/audit', { cookie: author });
    await expect(200, 'PUT', threadPath(KEY, '/closed'), { cookie: moderator });
    await expect(403, 'POST', threadPath(KEY), { cookie: author, json: { text: 'Zu spät' } });
    await expect(200, 'DELETE', threadPath(KEY, '/closed'), { cookie: moderator });
    await expect(404, 'DELETE', threadPath('page:/news/never-written', '/closed'), { cookie: moderator });
    await expect(200, 'GET', `/moderation/log?target=${encodeURIComponent(KEY)}`, { cookie: moderator });
    await expect(200, 'GET', '/moderation/deliveries', { cookie: moderator });
    await expect(403, 'GET', '/moderation/deliveries', { cookie: author });
  });

  test('the unsubscribe link of a mail', async () => {
    const [secret] = await server.db.query<{ value: string }>(`SELECT value FROM server_secrets WHERE name = 'links'`);
    const token = encodeURIComponent(signUnsubscribeToken(secret!.value, { personId: 'lea.neumann', kind: 'reply', locale: 'en' }));
    await expect(200, 'GET', `/unsubscribe?token=${token}`);
    await expect(400, 'GET', '/unsubscribe?token=forged');
    await expect(400, 'POST', '/unsubscribe?token=forged');
    await expect(200, 'POST', `/unsubscribe?token=${token}`);
    const chosen = await server.db.query(`SELECT channel FROM notification_settings WHERE person_id = 'lea.neumann' AND kind = 'reply'`);
    assert.deepEqual(chosen, [{ channel: 'in-app' }], 'the stored preferences: e-mail for replies stops, the list stays');
    await expect(200, 'DELETE', `/comments/${ids.reply}`, { cookie: author === moderator ? author : moderator });
    await expect(200, 'DELETE', `/comments/${ids.root}`, { cookie: author });
  });

  test('activities and status posts', async () => {
    const post = await expect<{ id: string }>(201, 'POST', '/activities', { cookie: author, json: { text: 'Wer kommt mit zum Firmenlauf?' } });
    await expect(200, 'GET', '/activities');
    await expect(200, 'GET', '/activities?scope=following', { cookie: author });
    await expect(200, 'GET', `/activities?scope=${encodeURIComponent('space:page:/news/')}&kinds=comment,status`);
    await expect(401, 'GET', '/activities?scope=following');
    await expect(404, 'GET', '/activities?scope=user:nobody.here');
    await expect(400, 'GET', '/activities?limit=0');
    await expect(204, 'DELETE', `/activities/${post.id}`, { cookie: author });
    await expect(404, 'DELETE', `/activities/${post.id}`, { cookie: author });
  });

  test('notifications, their settings, watching, and their events', async () => {
    const ayse = await signIn(server, 'ayse.demir');
    const mine = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.notifications())}`, { cookie: ayse });
    try {
      await mine.next((m) => m.event === 'ready');
      const watch = threadPath(KEY, '/watch');
      await expect(200, 'PUT', watch, { cookie: ayse });
      await expect(200, 'GET', watch, { cookie: ayse });
      await expect(401, 'GET', watch);
      const comment = await expect<Comment>(201, 'POST', threadPath(KEY), { cookie: author, json: { text: 'Hallo @[Ayşe](person:ayse.demir)' } });
      const own = await expect<Comment>(201, 'POST', threadPath(KEY), { cookie: ayse, json: { text: 'Selbst' } });
      await expect(200, 'PUT', reactionPath(`comment:${own.id}`, 'like'), { cookie: author });
      await expect(200, 'PUT', reactionPath(`comment:${own.id}`, 'like'), { cookie: moderator });
      await expect(200, 'DELETE', `/comments/${comment.id}`, { cookie: author });
      await expect(200, 'DELETE', watch, { cookie: ayse });
      await expect(200, 'GET', '/notifications?limit=5', { cookie: ayse });
      await expect(400, 'GET', '/notifications?cursor=x', { cookie: ayse });
      await expect(401, 'GET', '/notifications');
      await expect(204, 'POST', '/notifications/read', { cookie: ayse, json: { all: true } });
      await expect(400, 'POST', '/notifications/read', { cookie: ayse, json: {} });
      await expect(401, 'POST', '/notifications/read', { json: { all: true } });
      await expect(200, 'GET', '/me/notification-settings', { cookie: ayse });
      await expect(200, 'PUT', '/me/notification-settings', { cookie: ayse, json: { kinds: { reaction: 'off' } } });
      await expect(400, 'PUT', '/me/notification-settings', { cookie: ayse, json: { kinds: { reaction: 'sometimes' } } });
      await expect(401, 'GET', '/me/notification-settings');
      await mine.next((m) => m.event === 'notification.read');
      const kinds = new Set<string>();
      for (const message of mine.messages.filter((m) => m.event !== undefined)) {
        conformance.streamMessage(message);
        kinds.add(message.event!);
      }
      assert.deepEqual([...kinds].sort(), ['notification.created', 'notification.read', 'notification.updated', 'notification.withdrawn', 'ready']);
    } finally {
      mine.close();
    }
  });

  test('personal data: export, erasure, signing out', async () => {
    const leaving = await signIn(server, 'jonas.richter');
    await expect(200, 'GET', '/me/export', { cookie: leaving });
    await expect(401, 'GET', '/me/export');
    await expect(200, 'DELETE', '/me', { cookie: leaving });
    await expect(200, 'DELETE', '/dev/session', { cookie: author });
  });

  test('the event stream carries every event kind, each as documented', async () => {
    await expect(200, 'PUT', reactionPath(KEY, 'like'), { cookie: moderator });
    await expect(200, 'PUT', '/people/lea.neumann/follow', { cookie: moderator });
    await stream.next((m) => m.event === 'follow.changed');
    for (const message of stream.messages.filter((m) => m.event !== undefined)) {
      conformance.streamMessage(message);
      streamed.add(message.event!);
    }
    assert.deepEqual([...streamed].sort(), [...EVENT_KINDS, 'ready'].sort());
  });

  test('topics are added to the open stream, and removed', async () => {
    await expect(204, 'POST', `/events/${streamId}/topics`, { json: { add: ['activities:user:lea.neumann'], after: readyId } });
    await expect(204, 'POST', `/events/${streamId}/topics`, { json: { remove: ['activities:user:lea.neumann'] } });
    await expect(404, 'POST', '/events/no-such-stream/topics', { json: { add: ['activities:all'] } });
    await expect(400, 'POST', `/events/${streamId}/topics`, { json: { add: ['has space'] } });
  });

  test('a poll carries the same events, each as documented', async () => {
    let after = readyId;
    for (let page = 0; page < 10; page++) {
      const poll = await expect<RealtimePoll>(200, 'GET', `/events/poll?${topicQuery(STREAM_TOPICS)}&after=${after}`);
      for (const { event } of poll.events) polled.add(event.type);
      after = poll.lastEventId;
      if (!poll.more) break;
    }
    assert.deepEqual([...polled].sort(), [...EVENT_KINDS].sort());
    await expect(400, 'GET', '/events/poll');
    await expect(400, 'GET', `/events/poll?${topicQuery(STREAM_TOPICS)}&after=x`);
  });

  test('every operation in the document was answered as documented', () => {
    const operations = Object.values(conformance.doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId!));
    const answered = new Set([...conformance.covered].map((entry) => entry.split(' ')[0]));
    // The stream itself is opened by openSse; its messages are checked above.
    answered.add('streamEvents');
    assert.deepEqual(operations.filter((id) => !answered.has(id)), []);
  });
});

describe('a reader too far behind is told to reset, and a writer too fast to wait, as documented', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ replayMaxEvents: 1, writeRateLimit: 5 });
  });
  after(async () => {
    await server?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('the stream sends `reset` and the poll answers `reset: true`', async () => {
    const conformance = new OpenApiConformance((await (await fetch(`${server.api}/openapi.json`)).json()) as OpenApiDoc);
    const cookie = await signIn(server, 'anna.lehmann');
    const topic = topics.comments(KEY);
    const before = await conformance.response('GET', '/events/poll', await call(server, `/events/poll?topics=${encodeURIComponent(topic)}&within=0`));
    for (const text of ['Eins', 'Zwei', 'Drei']) await call(server, threadPath(KEY), { method: 'POST', cookie, json: { text } });
    const from = (before as RealtimePoll).lastEventId;
    const path = `/events/poll?topics=${encodeURIComponent(topic)}&after=${from}`;
    const poll = (await conformance.response('GET', path, await call(server, path))) as RealtimePoll;
    assert.equal(poll.reset, true);
    const sse = await openSse(`${server.api}/events?topics=${encodeURIComponent(topic)}`, { 'last-event-id': from });
    try {
      const reset = await sse.next((m) => m.event === 'reset');
      conformance.streamMessage(reset);
      conformance.streamMessage(sse.messages.find((m) => m.event === 'ready')!);
    } finally {
      sse.close();
    }
  });

  test('a write over the rate limit answers 429', async () => {
    const conformance = new OpenApiConformance((await (await fetch(`${server.api}/openapi.json`)).json()) as OpenApiDoc);
    const cookie = await signIn(server, 'anna.lehmann');
    const statuses: number[] = [];
    for (let i = 0; i < 10 && !statuses.includes(429); i++) {
      const response = await call(server, reactionPath(KEY, 'like'), { method: 'PUT', cookie });
      await conformance.response('PUT', reactionPath(KEY, 'like'), response.clone());
      statuses.push(response.status);
    }
    assert.ok(statuses.includes(429), `statuses: ${statuses.join(', ')}`);
  });
});
