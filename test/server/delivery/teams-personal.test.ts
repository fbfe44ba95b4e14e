import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Comment } from '../../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from '../harness.ts';
import { HttpReceiver } from './http-receiver.ts';

/*
 * Issue 20, item 6: someone who chose Teams for a kind gets an Adaptive Card through the Workflows
 * webhook, addressed to them (their directory e-mail, for "post card in a chat with a user"), once,
 * in a shape a channel-only Workflow cannot post into the channel (no `attachments`).
 */
describe('personal notifications in Microsoft Teams', () => {
  let teams: HttpReceiver;
  let server: TestServer;

  before(async () => {
    teams = await HttpReceiver.start();
    server = await startTestServer({ teamsWebhookUrl: teams.url('/workflows/plaza'), publicUrl: 'https://intranet.example/', deliveryPollMs: 50 });
  });
  after(async () => {
    await server?.close();
    await teams?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('a mention reaches the person who chose Teams as one card addressed to them, linking to the comment', async () => {
    const ayse = await signIn(server, 'ayse.demir');
    const anna = await signIn(server, 'anna.lehmann');
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: ayse, json: { kinds: { mention: 'teams' } } }));
    const comment = await ok<Comment>(
      call(server, threadPath('page:/news/teams-personal'), {
        method: 'POST',
        cookie: anna,
        json: { text: 'Kannst du das *bitte* prüfen, @[Ayşe Demir](person:ayse.demir)?', page: { url: 'https://intranet.example/news/teams', title: 'Neue Dienstwagen' } },
      }),
    );
    // Someone who did not choose Teams (Elena: the list) gets nothing there.
    await ok(call(server, threadPath('page:/news/teams-personal'), { method: 'POST', cookie: anna, json: { text: 'Und @[Elena Jovanović](person:elena.jovanovic)' } }));
    const [call1] = await teams.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(teams.calls.length, 1, 'one card, for Ayşe only');
    assert.equal(call1!.path, '/workflows/plaza');
    const body = JSON.parse(call1!.raw) as {
      type: string;
      attachments?: unknown;
      recipient: { id: string; name: string; email: string };
      card: { type: string; version: string; body: Array<{ text: string }>; actions: Array<{ type: string; url: string }> };
    };
    assert.equal(body.type, 'plaza.personal');
    assert.equal(body.attachments, undefined, 'not the channel shape');
    assert.equal(body.recipient.id, 'ayse.demir');
    assert.equal(body.recipient.name, 'Ayşe Demir');
    assert.match(body.recipient.email, /^ayse\.demir@/);
    assert.equal(body.card.type, 'AdaptiveCard');
    assert.equal(body.card.version, '1.4');
    assert.equal(body.card.body[0]!.text, 'Anna Lehmann hat Sie in „Neue Dienstwagen“ erwähnt');
    assert.equal(body.card.body[1]!.text, 'Kannst du das bitte prüfen, @Ayşe Demir?');
    assert.deepEqual(body.card.actions.map((a) => [a.type, a.url]), [['Action.OpenUrl', `https://intranet.example/news/teams#comment-${comment.id}`]]);
  });

  test("erasing a person removes their personal cards from the send queue (they carry their name and address)", async () => {
    const lukas = await signIn(server, 'lukas.schneider');
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: lukas, json: { kinds: { follow: 'teams' } } }));
    await ok(call(server, '/people/lukas.schneider/follow', { method: 'PUT', cookie: await signIn(server, 'anna.lehmann') }));
    await teams.waitFor(2);
    const rows = async () =>
      (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE channel = 'teams' AND payload::text LIKE '%lukas.schneider%'`))[0]!.n;
    assert.equal(await rows(), 1);
    const res = await call(server, '/me', { method: 'DELETE', cookie: lukas });
    assert.ok(res.ok, `DELETE /me: ${res.status}`);
    assert.equal(await rows(), 0);
  });
});
