import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Comment } from '../../../src/core/protocol.ts';
import { call, ok, signIn, startTestServer, threadPath, type TestServer } from '../harness.ts';
import { SmtpReceiver } from './smtp-receiver.ts';

/*
 * Issue 20: a notification whose recipient chose "e-mail at once" (the default for mentions and
 * replies where SMTP is set up) goes to the send queue in the write's transaction and reaches a real
 * SMTP server once, in German, with the comment's permalink and the unsubscribe link.
 */
describe('notifications by e-mail, from the comment to the mailbox', () => {
  let smtp: SmtpReceiver;
  let server: TestServer;
  let anna: string;

  before(async () => {
    smtp = await SmtpReceiver.start();
    server = await startTestServer({
      smtpUrl: smtp.url,
      mailFrom: 'Plaza <plaza@intranet.example>',
      publicUrl: 'https://intranet.example/',
      secret: 'test-secret-test-secret-test-secret-0123',
      deliveryPollMs: 100,
    });
    anna = await signIn(server, 'anna.lehmann');
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('a mention sends the person mentioned exactly one mail with a working permalink; the author gets none', async () => {
    const key = 'page:/news/kantine-mail';
    const comment = await ok<Comment>(
      call(server, threadPath(key), {
        method: 'POST',
        cookie: anna,
        json: { text: 'Frage an @[Ayşe Demir](person:ayse.demir): gibt es Suppe?', page: { url: 'https://intranet.example/news/kantine', title: 'Kantine ab Montag' } },
      }),
    );
    const [mail] = await smtp.waitFor(1);
    assert.equal(mail!.to.length, 1);
    assert.match(mail!.to[0]!, /^ayse\.demir@/);
    assert.equal(mail!.subject, 'Anna Lehmann hat Sie in „Kantine ab Montag“ erwähnt');
    assert.ok(mail!.text.includes(`https://intranet.example/news/kantine#comment-${comment.id}`), mail!.text);
    assert.match(mail!.headers.get('list-unsubscribe') ?? '', /^<https:\/\/intranet\.example\/api\/v1\/unsubscribe\?token=/);
    // Nothing else follows: not a second mail for the same mention, none for the author.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(smtp.mails.length, 1, smtp.mails.map((m) => `${m.to.join()} ${m.subject}`).join('\n'));
  });

  test('someone who chose "only here" for mentions gets no mail', async () => {
    const ayse = await signIn(server, 'ayse.demir');
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: ayse, json: { kinds: { mention: 'in-app' } } }));
    const before = smtp.mails.length;
    await ok(call(server, threadPath('page:/news/kantine-mail-2'), { method: 'POST', cookie: anna, json: { text: 'Und @[Ayşe Demir](person:ayse.demir)?' } }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(smtp.mails.length, before);
  });
});
