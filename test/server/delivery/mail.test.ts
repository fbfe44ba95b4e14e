import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Queryable } from '../../../server/db.ts';
import { notificationMail, type MailNotification } from '../../../server/delivery/mail.ts';
import { enqueue } from '../../../server/delivery/outbox.ts';
import type { NotificationChannel } from '../../../server/delivery/preferences-port.ts';
import { signUnsubscribeToken, unsubscribeUrl } from '../../../server/delivery/unsubscribe-token.ts';
import { startTestServer, type TestServer } from '../harness.ts';
import { SmtpReceiver } from './smtp-receiver.ts';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const PUBLIC_URL = 'https://intranet.example/';

describe('e-mail through the outbox, to a real SMTP server', () => {
  let smtp: SmtpReceiver;
  let server: TestServer;
  /** What the unsubscribe link asked of the preferences (a stand-in for h12-notify's table). */
  const changed: Array<{ personId: string; kind: string; channel: NotificationChannel }> = [];

  before(async () => {
    smtp = await SmtpReceiver.start();
    server = await startTestServer(
      { smtpUrl: smtp.url, mailFrom: 'Plaza <plaza@intranet.example>', publicUrl: PUBLIC_URL, secret: SECRET, deliveryPollMs: 100 },
      {
        setNotificationChannel: async (_tx, personId, kind, channel) => {
          changed.push({ personId, kind, channel });
        },
      },
    );
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    assert.deepEqual(server?.errors, []);
  });

  const mention = (overrides: Partial<MailNotification> = {}): MailNotification => ({
    recipient: { name: 'Ayşe Demir', email: 'ayse.demir@stadtwerke.example', locale: 'de' },
    kind: 'mention',
    actors: ['Jonas Richter'],
    count: 1,
    targetTitle: 'Kantine ab Montag',
    permalink: 'https://intranet.example/news/kantine#comment-01J0000000000000000000000A',
    excerpt: 'Frage an @Ayşe: <b>gibt</b> es Suppe?',
    unsubscribeUrl: unsubscribeUrl(PUBLIC_URL, SECRET, { personId: 'ayse.demir', kind: 'mention', locale: 'de' }),
    ...overrides,
  });

  test('a queued mail arrives once, in German, with the permalink and a one-click unsubscribe header', async () => {
    const fresh = await queue(server.db, 'mail:mention:1', mention());
    assert.equal(fresh, true);
    assert.equal(await queue(server.db, 'mail:mention:1', mention()), false, 'the same cause queues nothing twice');
    const [mail] = await smtp.waitFor(1);
    assert.deepEqual(mail!.to, ['ayse.demir@stadtwerke.example']);
    assert.equal(mail!.subject, 'Jonas Richter hat Sie in „Kantine ab Montag“ erwähnt');
    assert.match(mail!.text, /^Guten Tag Ayşe Demir,/);
    assert.ok(mail!.text.includes('https://intranet.example/news/kantine#comment-01J0000000000000000000000A'), mail!.text);
    assert.ok(mail!.html.includes('href="https://intranet.example/news/kantine#comment-01J0000000000000000000000A"'), 'the button links to the permalink');
    assert.ok(mail!.html.includes('Frage an @Ayşe: &lt;b&gt;gibt&lt;/b&gt; es Suppe?'), 'what people wrote is escaped');
    assert.match(mail!.headers.get('list-unsubscribe') ?? '', /^<https:\/\/intranet\.example\/api\/v1\/unsubscribe\?token=[\w.-]+>$/);
    assert.equal(mail!.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.match(mail!.headers.get('message-id') ?? '', /^<[0-9A-Z]{26}@intranet\.example>$/);
    // Nothing more arrives: the row is sent, and neither the timer nor another wake sends it again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(smtp.mails.length, 1);
    const [row] = await server.db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM deliveries WHERE dedupe_key = 'mail:mention:1'`);
    assert.deepEqual(row, { status: 'sent', attempts: 1 });
  });

  test('the unsubscribe link works signed out: GET asks, POST (RFC 8058 one-click) turns e-mail for that kind off', async () => {
    const link = new URL(mention().unsubscribeUrl);
    const local = `${server.api}/unsubscribe${link.search}`;
    const page = await fetch(local);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Keine E-Mails mehr zu Erwähnungen\?/);
    assert.match(html, /<form method="post"/);
    assert.deepEqual(changed, [], 'opening the link (as a mail scanner does) changes nothing');

    const oneClick = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 200, await oneClick.clone().text());
    assert.match(await oneClick.text(), /Erledigt/);
    assert.deepEqual(changed, [{ personId: 'ayse.demir', kind: 'mention', channel: 'in-app' }]);
  });

  test('a forged or altered token is refused and changes nothing', async () => {
    changed.length = 0;
    const genuine = signUnsubscribeToken(SECRET, { personId: 'ayse.demir', kind: 'mention', locale: 'de' });
    const [, signature] = genuine.split('.');
    const otherPerson = `${Buffer.from(JSON.stringify(['jonas.richter', 'mention', 'de'])).toString('base64url')}.${signature}`;
    const otherKind = `${Buffer.from(JSON.stringify(['ayse.demir', 'reply', 'de'])).toString('base64url')}.${signature}`;
    const wrongKey = signUnsubscribeToken('another-secret-another-secret-another', { personId: 'ayse.demir', kind: 'mention', locale: 'de' });
    for (const token of [otherPerson, otherKind, wrongKey, `${genuine}x`, 'nonsense', '']) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${server.api}/unsubscribe?token=${encodeURIComponent(token)}`, { method });
        assert.equal(res.status, 400, `${method} ${token}`);
        assert.match(await res.text(), /ungültig/);
      }
    }
    assert.deepEqual(changed, []);
  });

  test('a mail whose links are relative is refused when it is made, not sent broken', () => {
    assert.throws(() => notificationMail(mention({ permalink: '/news/kantine#comment-1' })), /must be absolute/);
  });
});

function queue(db: Queryable, dedupeKey: string, notification: MailNotification): Promise<boolean> {
  return enqueue(db, { channel: 'email', recipient: 'ayse.demir', dedupeKey, payload: notificationMail(notification) });
}
