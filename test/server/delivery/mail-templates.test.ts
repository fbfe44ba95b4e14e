import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { digestMail, notificationMail, type MailNotification } from '../../../server/delivery/mail.ts';

const base: MailNotification = {
  recipient: { name: 'Ayşe Demir', email: 'ayse.demir@intranet.example', locale: 'de' },
  kind: 'reaction',
  actors: ['Anna Schmidt', 'Ben Wolf'],
  count: 5,
  targetTitle: 'Kantine ab Montag',
  permalink: 'https://intranet.example/news/kantine#comment-1',
  unsubscribeUrl: 'https://intranet.example/api/v1/unsubscribe?token=a.b',
};
const subject = (overrides: Partial<MailNotification>) => notificationMail({ ...base, ...overrides }).subject;
const en = { name: 'Ayşe Demir', email: 'ayse.demir@intranet.example', locale: 'en' as const };

describe('mail templates', () => {
  test('German subjects read as German sentences, bundles included', () => {
    assert.equal(subject({}), 'Anna Schmidt und 4 weitere haben auf Ihren Beitrag in „Kantine ab Montag“ reagiert');
    assert.equal(subject({ count: 2 }), 'Anna Schmidt und Ben Wolf haben auf Ihren Beitrag in „Kantine ab Montag“ reagiert');
    assert.equal(subject({ count: 1, actors: ['Anna Schmidt'] }), 'Anna Schmidt hat auf Ihren Beitrag in „Kantine ab Montag“ reagiert');
    assert.equal(subject({ count: 3, actors: ['Anna Schmidt'], kind: 'follow' }), 'Anna Schmidt und 2 weitere folgen Ihnen jetzt');
    assert.equal(subject({ count: 1, actors: ['Anna Schmidt'], kind: 'reply' }), 'Anna Schmidt hat auf Ihren Kommentar in „Kantine ab Montag“ geantwortet');
    assert.equal(subject({ count: 1, actors: ['Anna Schmidt'], kind: 'followed-post' }), 'Neuer Beitrag von Anna Schmidt');
    assert.equal(subject({ count: 2, actors: ['Anna Schmidt'] }), 'Anna Schmidt und eine weitere Person haben auf Ihren Beitrag in „Kantine ab Montag“ reagiert');
    assert.equal(subject({ count: 2, kind: 'mention' }), 'Anna Schmidt und Ben Wolf haben Sie in „Kantine ab Montag“ erwähnt');
    assert.equal(subject({ kind: 'report' }), 'Neue Meldung zu einem Kommentar in „Kantine ab Montag“');
  });

  test('English subjects', () => {
    assert.equal(subject({ recipient: en }), 'Anna Schmidt and 4 others reacted to your post in “Kantine ab Montag”');
    assert.equal(subject({ recipient: en, count: 1, actors: ['Anna Schmidt'], kind: 'mention' }), 'Anna Schmidt mentioned you in “Kantine ab Montag”');
  });

  test('the HTML is a table layout with inline styles only, no images, every piece of text escaped', () => {
    const mail = notificationMail({ ...base, targetTitle: '<img src=x onerror=alert(1)>', actors: ['"Anna" & Co'], excerpt: '<script>alert(1)</script>' });
    assert.doesNotMatch(mail.html, /<script|<img|<style|<link/i);
    assert.match(mail.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(mail.html, /&quot;Anna&quot; &amp; Co/);
    assert.match(mail.html, /<table role="presentation"/);
    assert.match(mail.text, /Keine E-Mails mehr zu Reaktionen: https:\/\/intranet\.example\/api\/v1\/unsubscribe\?token=a\.b/);
  });

  test('a digest lists each notification and one unsubscribe link per kind', () => {
    const mail = digestMail([base, { ...base, kind: 'mention', count: 1, actors: ['Ben Wolf'] }, { ...base, count: 1 }]);
    assert.equal(mail.subject, 'Ihre Zusammenfassung: 3 Neuigkeiten in Plaza');
    assert.match(mail.text, /Ben Wolf hat Sie in „Kantine ab Montag“ erwähnt/);
    assert.equal(mail.html.match(/Keine E-Mails mehr zu/g)?.length, 2);
    assert.deepEqual(mail.headers, {}, 'one-click needs one URL; two kinds have two');
    assert.throws(() => digestMail([]), /at least one/);
  });
});
