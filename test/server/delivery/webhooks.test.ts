import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REALTIME_EVENT_TYPES, type Comment, type DeliveryLog, type Person } from '../../../src/core/protocol.ts';
import { DEFAULT_PRIVACY_OPTIONS } from '../../../server/config/privacy.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from '../harness.ts';
import { HttpReceiver, type ReceivedCall } from './http-receiver.ts';

const SECRET = 'hook-secret-0123456789';
const THREAD = 'page:/news/webhooks';

type Verify = (rawBody: Buffer, signature: unknown, secret: string) => boolean;

/** The receiver's check exactly as docs/notifications.md shows it (its Node code block, run as a module). */
async function documentedCheck(): Promise<Verify> {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/notifications.md', import.meta.url)), 'utf8');
  const code = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((block) => block.includes('export function verifyPlazaWebhook'));
  assert.ok(code, 'docs/notifications.md has the Node example');
  const file = join(mkdtempSync(join(tmpdir(), 'plaza-doc-')), 'verify.mjs');
  writeFileSync(file, code);
  return ((await import(pathToFileURL(file).href)) as { verifyPlazaWebhook: Verify }).verifyPlazaWebhook;
}

describe('webhooks and Teams alerts through the outbox', () => {
  let hooks: HttpReceiver;
  /** A webhook that asked for every event type. */
  let everything: HttpReceiver;
  let teams: HttpReceiver;
  let server: TestServer;
  let author: string;
  let verify: Verify;
  const verified = (call: ReceivedCall, secret: string) => verify(Buffer.from(call.raw), call.headers['plaza-signature'], secret);

  before(async () => {
    verify = await documentedCheck();
    hooks = await HttpReceiver.start();
    everything = await HttpReceiver.start();
    teams = await HttpReceiver.start();
    server = await startTestServer({
      webhooks: [
        { url: hooks.url('/plaza?token=private'), secret: SECRET, events: ['comment.created'] },
        { url: everything.url(), secret: SECRET, events: ['*'] },
      ],
      teamsWebhookUrl: teams.url('/workflows/abc?sig=teams-secret'),
      publicUrl: 'https://intranet.example/',
      deliveryPollMs: 100,
      deliveryRetryBaseMs: 20,
      deliveryMaxAttempts: 3,
    });
    author = await signIn(server, 'jonas.richter');
  });
  after(async () => {
    await server?.close();
    await hooks?.close();
    await everything?.close();
    await teams?.close();
    assert.deepEqual(server?.errors, []);
  });

  const post = (text: string) =>
    ok<Comment>(call(server, threadPath(THREAD), { method: 'POST', cookie: author, json: { text, page: { url: 'https://intranet.example/news/webhooks', title: 'Webhooks im Test' } } }));

  test('a comment reaches the webhook once, as its public event, signed over the raw body, with id and time', async () => {
    const comment = await post('Hallo Webhook');
    const [first] = await hooks.waitFor(1);
    assert.ok(verified(first!, SECRET), 'the signature verifies');
    assert.ok(!verified(first!, 'another-secret-123456'), 'and only under the right secret');
    assert.ok(!verify(Buffer.from(first!.raw.replace('Hallo', 'Hallo!')), first!.headers['plaza-signature'], SECRET), 'and only for this body');
    assert.equal(first!.path, '/plaza?token=private');
    const body = JSON.parse(first!.raw) as { id: string; type: string; timestamp: string; attempt: number; event: { type: string; comment: Comment } };
    assert.equal(body.type, 'comment.created');
    assert.equal(body.event.comment.id, comment.id);
    assert.equal(body.attempt, 1);
    assert.equal(first!.headers['plaza-delivery'], body.id, 'the id header is the signed id');
    assert.equal(first!.headers['plaza-timestamp'], body.timestamp);
    assert.ok(Math.abs(Date.parse(body.timestamp) - Date.now()) < 60_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(hooks.calls.length, 1, 'thread.changed was not asked for, and nothing goes twice');
  });

  test('a failing receiver is retried with backoff, then the delivery is marked failed; the log says why, without secrets', async () => {
    hooks.calls.length = 0;
    hooks.statuses = [500, 503, 500];
    await post('Dreimal daneben');
    await hooks.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(hooks.calls.length, 3, 'no fourth attempt');
    const ids = new Set(hooks.calls.map((c) => c.headers['plaza-delivery']));
    assert.equal(ids.size, 1, 'every attempt is the same delivery');
    assert.deepEqual(hooks.calls.map((c) => (JSON.parse(c.raw) as { attempt: number }).attempt), [1, 2, 3]);

    const moderator = await signIn(server, 'julia.schmitt');
    const log = await ok<DeliveryLog>(call(server, '/moderation/deliveries', { cookie: moderator }));
    const failed = log.items.find((item) => item.id === [...ids][0]);
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.attempts, 3);
    assert.match(failed?.lastError ?? '', /answered 500/);
    assert.equal(failed?.destination, new URL(hooks.url()).origin, 'the URL shows only its origin');
    assert.doesNotMatch(JSON.stringify(log), /private|teams-secret|hook-secret/);
    assert.equal((await call(server, '/moderation/deliveries', { cookie: author })).status, 403);
    assert.equal((await call(server, '/moderation/deliveries')).status, 401);
  });

  test('a new report posts one Adaptive Card to the Teams Workflows webhook; reporting again does not', async () => {
    const comment = await post('Ein *fragwürdiger* [Link](https://evil.example)');
    const reporter = await signIn(server, 'marie.klein');
    for (const reason of ['Beleidigend', 'Beleidigend und falsch']) {
      const res = await call(server, `/comments/${comment.id}/reports`, { method: 'POST', cookie: reporter, json: { reason } });
      assert.ok(res.ok, await res.text());
    }
    const [card] = await teams.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(teams.calls.length, 1, 'a changed reason is no new report');
    assert.equal(card!.path, '/workflows/abc?sig=teams-secret');
    const message = JSON.parse(card!.raw) as { type: string; attachments: Array<{ contentType: string; content: { type: string; body: Array<Record<string, unknown>>; actions: Array<{ url: string }> } }> };
    assert.equal(message.type, 'message');
    assert.equal(message.attachments[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
    const content = message.attachments[0]!.content;
    assert.equal(content.type, 'AdaptiveCard');
    assert.equal(content.body[0]!.text, 'Neue Meldung zu einem Kommentar in „Webhooks im Test“');
    assert.equal(content.body[1]!.text, 'Ein \\*fragwürdiger\\* \\[Link\\](https://evil.example)', 'what people wrote shows as written, never as a link');
    assert.deepEqual(content.actions.map((a) => a.url), [`https://intranet.example/news/webhooks#comment-${comment.id}`]);
    // The report itself is private: a webhook asking for everything gets the public events only.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const types = new Set(everything.calls.map((c) => (JSON.parse(c.raw) as { type: string }).type));
    assert.ok(types.has('comment.created'), [...types].join());
    assert.ok([...types].every((type) => (REALTIME_EVENT_TYPES as readonly string[]).includes(type)), [...types].join());
    assert.ok(everything.calls.every((c) => !/Beleidigend|marie\.klein/.test(c.raw)), 'no reason, no reporter');
  });
});

describe('webhooks show people as colleagues see them, unless one asks for whole entries', () => {
  let shown: HttpReceiver;
  let full: HttpReceiver;
  let server: TestServer;

  before(async () => {
    shown = await HttpReceiver.start();
    full = await HttpReceiver.start();
    server = await startTestServer({
      // PLAZA_PROFILE_FIELDS as by default: no e-mail, no phone.
      profileFields: DEFAULT_PRIVACY_OPTIONS.profileFields,
      webhooks: [
        { url: shown.url(), secret: SECRET, events: ['person.updated'] },
        { url: full.url(), secret: SECRET, events: ['person.updated'], profile: 'full' },
      ],
      deliveryPollMs: 100,
    });
  });
  after(async () => {
    await server?.close();
    await shown?.close();
    await full?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('person.updated leaves without e-mail and phone by default, whole with "profile": "full"', async () => {
    // The directory import's write, on the server's bus (the dev route; decision 225).
    await ok(call(server, '/dev/people/lukas.schneider', { method: 'PATCH', json: { role: 'Vorarbeiter Netzbetrieb' } }));
    const person = (received: ReceivedCall) => (JSON.parse(received.raw) as { event: { type: string; person: Person } }).event;
    const [asShown] = await shown.waitFor(1);
    const [whole] = await full.waitFor(1);
    assert.equal(person(asShown!).type, 'person.updated');
    assert.equal(person(asShown!).person.role, 'Vorarbeiter Netzbetrieb', 'what colleagues see goes out');
    assert.equal(person(asShown!).person.department, 'Netzbetrieb');
    assert.deepEqual([person(asShown!).person.email, person(asShown!).person.phone], [null, null]);
    assert.doesNotMatch(asShown!.raw, /@stadtwerke-musterstadt|\+49/, 'no contact details anywhere in the call');
    assert.equal(person(whole!).person.email, 'lukas.schneider@stadtwerke-musterstadt.example');
    assert.match(person(whole!).person.phone ?? '', /^\+49/);
  });
});
