import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../harness.ts';
import { freshDatabase, skipPostgres } from '../postgres-server.ts';
import { queueMail } from './fixtures.ts';
import { SmtpReceiver } from './smtp-receiver.ts';

const MAILS = 60;

/** Two instances on one PostgreSQL, both sending from the same outbox: each mail goes out once. */
describe('two instances share one outbox', { skip: skipPostgres }, () => {
  let smtp: SmtpReceiver;
  let a: TestServer;
  let b: TestServer;

  before(async () => {
    smtp = await SmtpReceiver.start();
    const databaseUrl = await freshDatabase();
    const settings = { databaseUrl, smtpUrl: smtp.url, mailFrom: 'plaza@intranet.example', publicUrl: 'https://intranet.example/', deliveryPollMs: 20, mailMaxPerHour: 0 };
    a = await startTestServer(settings);
    b = await startTestServer(settings);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await smtp?.close();
    assert.deepEqual([...(a?.errors ?? []), ...(b?.errors ?? [])], []);
  });

  test(`${MAILS} mails queued on both instances arrive once each`, async () => {
    // Queued on both instances while both workers poll and are woken by each other's NOTIFY.
    await Promise.all(Array.from({ length: MAILS }, (_, n) => queueMail((n % 2 ? a : b).db, `person.${n}`, `two:${n}`)));
    await smtp.waitFor(MAILS, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const addresses = smtp.mails.map((m) => m.to[0]);
    assert.equal(addresses.length, MAILS, 'no mail twice');
    assert.equal(new Set(addresses).size, MAILS, 'every mail once');
    const [row] = await a.db.query<{ sent: number }>(`SELECT count(*)::int AS sent FROM deliveries WHERE status = 'sent' AND attempts = 1`);
    assert.equal(row?.sent, MAILS, 'each sent at its first attempt, by one instance');
  });
});
