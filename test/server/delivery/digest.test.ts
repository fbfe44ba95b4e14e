import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Comment, NotificationPage } from '../../../src/core/protocol.ts';
import { ConfigError, optionsFromEnv, resolveOptions } from '../../../server/config.ts';
import { digestDedupeKey } from '../../../server/delivery/outbox.ts';
import { silentLogger } from '../../../server/log.ts';
import { localClock } from '../../../server/notifications/digest.ts';
import { call, ok, reactionPath, signIn, startTestServer, threadPath, type TestServer } from '../harness.ts';
import { freshDatabase, skipPostgres } from '../postgres-server.ts';
import { queueMail } from './fixtures.ts';
import { SmtpReceiver } from './smtp-receiver.ts';

/*
 * Issue 20, item 5: the daily digest. With a fake clock (the day is one far ahead, so the check at
 * start, on the real clock, has long passed it), against a real SMTP server: one mail per person with
 * the entries of kinds they set to `digest` that are still unread and readable, at PLAZA_DIGEST_HOUR
 * in PLAZA_TIMEZONE, once a day, past the hourly cap; on PostgreSQL with two instances, once.
 */

const MAIL = { mailFrom: 'Plaza <plaza@intranet.example>', publicUrl: 'https://intranet.example/', secret: 'test-secret-test-secret-test-secret-0123', deliveryPollMs: 50 };
/** `hh:mm` on 15 January 2030 in Berlin (UTC+1 in winter), plus `days`. */
const berlin = (time: string, days = 0) => new Date(Date.parse(`2030-01-15T${time}:00+01:00`) + days * 86_400_000);
const PAGE = { url: 'https://intranet.example/news/digest', title: 'Neues vom Betriebsfest' };
/** A 2xx answer, with or without a body. */
const done = async (response: Promise<Response>) => {
  const res = await response;
  assert.ok(res.ok, `${res.status} ${res.url}: ${await res.text()}`);
};
const quiet = () => new Promise((resolve) => setTimeout(resolve, 1200));

describe('the daily digest (PGlite)', () => {
  let smtp: SmtpReceiver;
  let server: TestServer;

  before(async () => {
    smtp = await SmtpReceiver.start();
    // A cap of one mail an hour: the digest must still go out right after a mail at once.
    server = await startTestServer({ ...MAIL, smtpUrl: smtp.url, mailMaxPerHour: 1, digestHour: 7, timeZone: 'Europe/Berlin' });
    await server.digest!.settled();
  });
  after(async () => {
    await server?.close();
    await smtp?.close();
    assert.deepEqual(server?.errors, []);
  });

  test('one mail at the hour with what is unread and readable, newest first, each linked, an unsubscribe link per kind; once a day', async () => {
    const anna = await signIn(server, 'anna.lehmann');
    const ayse = await signIn(server, 'ayse.demir');
    const lukas = await signIn(server, 'lukas.schneider');
    // Ayşe chooses the digest for mentions; reactions and follows are in it by default where e-mail is set up.
    await ok(call(server, '/me/notification-settings', { method: 'PUT', cookie: ayse, json: { kinds: { mention: 'digest' } } }));
    const key = `page:/news/digest-${Date.now()}`;
    const mine = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: ayse, json: { text: 'Wer bringt Kuchen mit?', page: PAGE } }));
    const mention = await ok<Comment>(
      call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: 'Ich frage @[Ayşe Demir](person:ayse.demir) nach dem Rezept.', page: PAGE } }),
    );
    await ok(call(server, reactionPath(`comment:${mine.id}`, 'like'), { method: 'PUT', cookie: anna }));
    // Withdrawn before the digest: a mention deleted.
    const deleted = await ok<Comment>(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: 'Gelöscht, @[Ayşe Demir](person:ayse.demir)', page: PAGE } }));
    await done(call(server, `/comments/${deleted.id}`, { method: 'DELETE', cookie: anna }));
    // Read before the digest: a follow.
    await ok(call(server, '/people/ayse.demir/follow', { method: 'PUT', cookie: lukas }));
    const followed = (await ok<NotificationPage>(call(server, '/notifications', { cookie: ayse }))).items.find((n) => n.kind === 'follow')!;
    await done(call(server, '/notifications/read', { method: 'POST', cookie: ayse, json: { ids: [followed.id] } }));
    // A reply to Ayşe is mailed at once (her default for replies): it uses up her hour.
    await ok(call(server, threadPath(key), { method: 'POST', cookie: anna, json: { text: 'Ich!', parentId: mine.id, page: PAGE } }));
    const [immediate] = await smtp.waitFor(1);
    assert.match(immediate!.subject, /geantwortet/);

    assert.equal(await server.digest!.run(berlin('06:59')), null, 'not before 7 in Berlin');
    await quiet();
    assert.equal(smtp.mails.length, 1);

    assert.equal(await server.digest!.run(berlin('07:01')), 1);
    const mails = await smtp.waitFor(2, 5000);
    const digest = mails[1]!;
    assert.equal(digest.to.length, 1);
    assert.match(digest.to[0]!, /^ayse\.demir@/);
    assert.equal(digest.subject, 'Ihre Zusammenfassung: 2 Neuigkeiten in Plaza');
    const reaction = digest.text.indexOf('hat auf Ihren Beitrag in „Neues vom Betriebsfest“ reagiert');
    const mentioned = digest.text.indexOf('Anna Lehmann hat Sie in „Neues vom Betriebsfest“ erwähnt');
    assert.ok(reaction >= 0 && mentioned > reaction, `newest (the reaction) first:\n${digest.text}`);
    assert.ok(digest.text.includes(`${PAGE.url}#comment-${mention.id}`), 'the mention links to its comment');
    assert.ok(digest.text.includes(`${PAGE.url}#comment-${mine.id}`), 'the reaction links to the comment reacted to');
    assert.ok(!digest.text.includes('Gelöscht'), 'the withdrawn mention is not in it');
    assert.ok(!/folgt Ihnen/.test(digest.text), 'the follow read before is not in it');
    assert.match(digest.text, /Keine E-Mails mehr zu Erwähnungen: https:\/\/intranet\.example\/api\/v1\/unsubscribe\?token=/);
    assert.match(digest.text, /Keine E-Mails mehr zu Reaktionen: https:\/\/intranet\.example\/api\/v1\/unsubscribe\?token=/);
    assert.ok(digest.html.includes(`href="${PAGE.url}#comment-${mention.id}"`), 'the HTML part links each entry');
    assert.equal(digest.headers.get('list-unsubscribe'), undefined, 'two kinds: no single one-click header');

    assert.equal(await server.digest!.run(berlin('07:30')), null, 'once a day');
    // The next day: a new follower since, and what was in yesterday's digest is not again. (Another
    // reaction to the same comment would count up the unread bundle, which is no new entry.)
    await ok(call(server, '/people/ayse.demir/follow', { method: 'PUT', cookie: await signIn(server, 'jonas.richter') }));
    assert.equal(await server.digest!.run(berlin('06:00', 1)), null);
    assert.equal(await server.digest!.run(berlin('07:00', 1)), 1);
    const [, , next] = await smtp.waitFor(3, 5000);
    assert.equal(next!.subject, 'Ihre Zusammenfassung: 1 Neuigkeit in Plaza');
    assert.match(next!.text, /Jonas Richter folgt Ihnen jetzt/);
    assert.ok(!next!.text.includes('erwähnt') && !next!.text.includes('reagiert'));
    assert.match(next!.headers.get('list-unsubscribe') ?? '', /^<https:\/\/intranet\.example\/api\/v1\/unsubscribe\?token=/, 'one kind: one-click header');
    // Nothing new: nothing sent.
    assert.equal(await server.digest!.run(berlin('07:00', 2)), 0);
    await quiet();
    assert.equal(smtp.mails.length, 3);
  });
});

describe('the daily digest with two instances (PostgreSQL)', { skip: skipPostgres }, () => {
  let smtp: SmtpReceiver;
  let a: TestServer;
  let b: TestServer;

  before(async () => {
    smtp = await SmtpReceiver.start();
    const settings = { ...MAIL, databaseUrl: await freshDatabase(), smtpUrl: smtp.url, rateLimit: 0, writeRateLimit: 0 };
    a = await startTestServer(settings);
    b = await startTestServer(settings);
    await Promise.all([a.digest!.settled(), b.digest!.settled()]);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await smtp?.close();
    assert.deepEqual([...(a?.errors ?? []), ...(b?.errors ?? [])], []);
  });

  test('both instances run it at the hour; each person gets one digest', async () => {
    const people = ['ayse.demir', 'elena.jovanovic', 'lukas.schneider', 'marie.klein'];
    const jonas = await signIn(a, 'jonas.richter');
    // New followers: in the digest by default. Half the follows are written on each instance.
    for (const [i, person] of people.entries()) await ok(call(i % 2 ? b : a, `/people/${person}/follow`, { method: 'PUT', cookie: jonas }));
    const runs = await Promise.all([a.digest!.run(berlin('09:00')), b.digest!.run(berlin('09:00'))]);
    assert.deepEqual(runs.filter((n) => n !== null), [people.length], `exactly one instance ran it: ${JSON.stringify(runs)}`);
    await smtp.waitFor(people.length, 15_000);
    await quiet();
    assert.deepEqual(smtp.mails.map((m) => m.to[0]!.split('@')[0]).sort(), people);
    assert.ok(smtp.mails.every((m) => m.subject === 'Ihre Zusammenfassung: 1 Neuigkeit in Plaza' && /Jonas Richter folgt Ihnen jetzt/.test(m.text)));
  });

  test('a run that died halfway (its lease ran out) is finished by the other instance, without a second mail to anyone', async () => {
    const jonas = await signIn(a, 'jonas.richter');
    const before = smtp.mails.length;
    await ok(call(a, '/people/anna.lehmann/follow', { method: 'PUT', cookie: jonas }));
    await ok(call(a, '/people/dennis.krause/follow', { method: 'PUT', cookie: jonas }));
    // As a run killed with -9 leaves it: Anna's digest of the day queued (and her entries taken, in the
    // same transaction), Dennis's not yet, and the dead run's lease, now run out.
    const day = '2030-01-16';
    await a.db.query(`DELETE FROM digest_entries WHERE recipient_id = 'anna.lehmann'`);
    await queueMail(a.db, 'anna.lehmann', digestDedupeKey('anna.lehmann', day), { recipient: { name: 'Anna Lehmann', email: 'anna.lehmann@intranet.example', locale: 'de' } });
    await a.db.query(`UPDATE digest_runs SET holder = 'killed', lease_until = now() - interval '1 second', last_started = now() - interval '11 minutes'`);
    assert.equal(await b.digest!.run(berlin('08:00', 1)), 1, 'only Dennis is left');
    await smtp.waitFor(before + 2, 15_000);
    await quiet();
    const fresh = smtp.mails.slice(before).map((m) => m.to[0]!.split('@')[0]).sort();
    assert.deepEqual(fresh, ['anna.lehmann', 'dennis.krause']);
    // A second run the same day, on either instance, sends nothing.
    assert.deepEqual(await Promise.all([a.digest!.run(berlin('10:00', 1)), b.digest!.run(berlin('10:00', 1))]), [null, null]);
  });
});

describe('the digest\'s settings and clock', () => {
  test('PLAZA_DIGEST_HOUR and PLAZA_TIMEZONE: defaults 7 and Europe/Berlin; nonsense stops the start with a message', () => {
    const options = resolveOptions(optionsFromEnv({}), silentLogger);
    assert.deepEqual([options.digestHour, options.timeZone], [7, 'Europe/Berlin']);
    const set = resolveOptions(optionsFromEnv({ PLAZA_DIGEST_HOUR: '0', PLAZA_TIMEZONE: 'Europe/Vienna' }), silentLogger);
    assert.deepEqual([set.digestHour, set.timeZone], [0, 'Europe/Vienna']);
    const refused = (env: NodeJS.ProcessEnv, message: RegExp) =>
      assert.throws(() => resolveOptions(optionsFromEnv(env), silentLogger), (error: unknown) => error instanceof ConfigError && message.test(error.message));
    refused({ PLAZA_DIGEST_HOUR: '24' }, /PLAZA_DIGEST_HOUR must be a whole hour from 0 to 23/);
    refused({ PLAZA_DIGEST_HOUR: 'sieben' }, /PLAZA_DIGEST_HOUR/);
    refused({ PLAZA_TIMEZONE: 'Mitteleuropa' }, /PLAZA_TIMEZONE must be an IANA time zone/);
  });

  test('the local day and hour follow the zone across daylight saving time', () => {
    // 05:30 UTC is 06:30 in Berlin in winter, 07:30 in summer; 23:30 UTC on 31 December is already New Year there.
    assert.deepEqual(localClock(new Date('2030-01-15T05:30:00Z'), 'Europe/Berlin'), { day: '2030-01-15', hour: 6 });
    assert.deepEqual(localClock(new Date('2030-07-15T05:30:00Z'), 'Europe/Berlin'), { day: '2030-07-15', hour: 7 });
    assert.deepEqual(localClock(new Date('2030-12-31T23:30:00Z'), 'Europe/Berlin'), { day: '2031-01-01', hour: 0 });
  });
});
