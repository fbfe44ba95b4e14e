import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, optionsFromEnv, resolveOptions } from '../../../server/config.ts';
import { retryDelay } from '../../../server/delivery/outbox.ts';
import { silentLogger } from '../../../server/log.ts';
import { call, signIn, startTestServer, type TestServer } from '../harness.ts';
import { queueMail } from './fixtures.ts';
import { SmtpReceiver } from './smtp-receiver.ts';

describe('the outbox: per-person cap, retry times, settings', () => {
  let smtp: SmtpReceiver;
  let server: TestServer;

  before(async () => {
    smtp = await SmtpReceiver.start();
    server = await startTestServer({ smtpUrl: smtp.url, mailFrom: 'plaza@intranet.example', publicUrl: 'https://intranet.example/', mailMaxPerHour: 2, deliveryPollMs: 100 });
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    assert.deepEqual(server?.errors, []);
  });

  const mailTo = (personId: string, n: number) => queueMail(server.db, personId, `cap:${personId}:${n}`, { recipient: { name: personId, email: `${personId}@intranet.example`, locale: 'en' } });

  test('over PLAZA_MAIL_MAX_PER_HOUR a person’s mail waits for the hour to pass (deferred, not dropped); others are not held up', async () => {
    for (const n of [1, 2, 3]) await mailTo('ayse.demir', n);
    await mailTo('marie.klein', 1);
    await smtp.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(smtp.mails.map((m) => m.to[0]).sort(), ['ayse.demir@intranet.example', 'ayse.demir@intranet.example', 'marie.klein@intranet.example']);
    const [held] = await server.db.query<{ status: string; attempts: number; wait: number }>(
      `SELECT status, attempts, extract(epoch FROM next_attempt_at - now())::float8 AS wait FROM deliveries WHERE dedupe_key = 'cap:ayse.demir:3'`,
    );
    assert.equal(held?.status, 'pending');
    assert.equal(held?.attempts, 0, 'waiting for the cap is no failed attempt');
    assert.ok(held!.wait > 3500 && held!.wait <= 3600, `it goes when the oldest of the hour's mails is an hour old (in ${held!.wait} s)`);
  });

  test('erasing a person (DELETE /me) takes the mails queued and sent to them along', async () => {
    const cookie = await signIn(server, 'ayse.demir');
    const count = async () => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE recipient = 'ayse.demir'`))[0]!.n;
    assert.equal(await count(), 3);
    assert.equal((await call(server, '/me', { method: 'DELETE', cookie })).status, 200);
    assert.equal(await count(), 0);
  });

  test('retries back off exponentially with jitter, and stop after the last attempt', () => {
    const base = 1000;
    assert.equal(retryDelay(1, 5, base, () => 0), 500);
    assert.equal(retryDelay(1, 5, base, () => 1), 1000);
    assert.equal(retryDelay(3, 5, base, () => 1), 4000);
    assert.equal(retryDelay(4, 5, base, () => 0.5), 6000);
    assert.equal(retryDelay(5, 5, base), null);
    assert.equal(retryDelay(40, 50, base, () => 1), 6 * 3_600_000, 'at most six hours');
  });
});

describe('delivery settings are checked at start, with messages that say what to do', () => {
  const refused = (env: Record<string, string>, message: RegExp) =>
    assert.throws(() => resolveOptions(optionsFromEnv(env), silentLogger), (error: unknown) => error instanceof ConfigError && message.test(error.message));

  test('PLAZA_WEBHOOKS', () => {
    refused({ PLAZA_WEBHOOKS: 'not json' }, /PLAZA_WEBHOOKS is not JSON/);
    refused({ PLAZA_WEBHOOKS: '{"url": "x"}' }, /must be a JSON array/);
    refused({ PLAZA_WEBHOOKS: '[{"url": "https://hooks.example/a"}]' }, /PLAZA_WEBHOOKS\[0\] must be/);
    refused({ PLAZA_WEBHOOKS: '[{"url": "ftp://hooks.example/a", "secret": "0123456789abcdef", "events": ["*"]}]' }, /\[0\]\.url must be an http/);
    refused({ PLAZA_WEBHOOKS: '[{"url": "https://hooks.example/a", "secret": "short", "events": ["*"]}]' }, /secret must be at least 16/);
    refused({ PLAZA_WEBHOOKS: '[{"url": "https://hooks.example/a", "secret": "0123456789abcdef", "events": ["comment.made"]}]' }, /"comment\.made" is not an event type/);
    const ok = resolveOptions(optionsFromEnv({ PLAZA_WEBHOOKS: '[{"url": "https://hooks.example/a", "secret": "0123456789abcdef", "events": ["comment.created"]}]' }), silentLogger);
    assert.deepEqual(ok.webhooks, [{ url: 'https://hooks.example/a', secret: '0123456789abcdef', events: ['comment.created'], profile: 'shown' }], 'people as colleagues see them');
    refused({ PLAZA_WEBHOOKS: '[{"url": "https://hooks.example/a", "secret": "0123456789abcdef", "profile": "all"}]' }, /\[0\]\.profile must be "shown" .* or "full"/);
    const full = resolveOptions(optionsFromEnv({ PLAZA_WEBHOOKS: '[{"url": "https://hooks.example/a", "secret": "0123456789abcdef", "profile": "full"}]' }), silentLogger);
    assert.equal(full.webhooks[0]!.profile, 'full');
  });

  test('SMTP needs a sender and a public URL; links must be absolute http(s)', () => {
    refused({ PLAZA_SMTP_URL: 'http://mail.example' }, /smtp:\/\/ or smtps:\/\//);
    refused({ PLAZA_SMTP_URL: 'smtp://mail.example' }, /needs PLAZA_MAIL_FROM/);
    refused({ PLAZA_SMTP_URL: 'smtp://mail.example', PLAZA_MAIL_FROM: 'plaza@x.example' }, /needs PLAZA_PUBLIC_URL/);
    refused({ PLAZA_PUBLIC_URL: '/plaza/' }, /PLAZA_PUBLIC_URL: "\/plaza\/" is not a URL/);
    refused({ PLAZA_SECRET: 'too short' }, /PLAZA_SECRET must be at least 32/);
    refused({ PLAZA_MAIL_MAX_PER_HOUR: '-1' }, /PLAZA_MAIL_MAX_PER_HOUR must be a whole number/);
  });
});
