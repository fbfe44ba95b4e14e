import { expect } from '@open-wc/testing';
import { applyEvent, markRead, type Inbox } from '../../src/core/notification-store.ts';
import { loadMessages, translator } from '../../src/core/i18n.ts';
import type { PlazaNotification } from '../../src/core/protocol.ts';
import { groupByDay, notificationText } from '../../src/elements/notifications/notification-list.ts';
import { ayse, jonas, lena, petra } from '../fixtures/index.ts';
import { notificationsMessages } from '../../src/elements/notifications/messages.ts';

/* The bell's pure pieces: how its inbox follows the reader's topic, and how entries read. No server. */

const TOPIC = 'notifications:me';
const at = (iso: string) => iso;

function item(id: string, more: Partial<PlazaNotification> = {}): PlazaNotification {
  const time = at('2026-12-07T10:00:00.000Z');
  return { id, kind: 'mention', actors: [petra], count: 1, target: null, thread: null, page: null, permalink: null, excerpt: '', createdAt: time, updatedAt: time, readAt: null, ...more };
}

const inbox = (items: PlazaNotification[], unread = items.filter((i) => !i.readAt).length): Inbox => ({ items, unread, nextCursor: null });

describe('the notification inbox', () => {
  it('puts a new notification on top and takes the unread count the event carries', () => {
    const next = applyEvent(inbox([item('a')]), { type: 'notification.created', topic: TOPIC, notification: item('b'), unread: 2 });
    expect(next.items.map((i) => i.id)).to.deep.equal(['b', 'a']);
    expect(next.unread).to.equal(2);
  });

  it('ignores a late announcement of an entry this page already read', () => {
    const read = inbox([item('a', { readAt: '2026-12-07T11:00:00.000Z' })], 0);
    const next = applyEvent(read, { type: 'notification.created', topic: TOPIC, notification: item('a'), unread: 1 });
    expect(next).to.equal(read);
  });

  it('moves a grown bundle to the top instead of showing it twice', () => {
    const grown = item('a', { kind: 'reaction', count: 5 });
    const next = applyEvent(inbox([item('b'), item('a', { kind: 'reaction', count: 4 })]), { type: 'notification.updated', topic: TOPIC, notification: grown, unread: 2 });
    expect(next.items.map((i) => [i.id, i.count])).to.deep.equal([['a', 5], ['b', 1]]);
  });

  it('drops a withdrawn notification', () => {
    const next = applyEvent(inbox([item('a'), item('b')]), { type: 'notification.withdrawn', topic: TOPIC, id: 'a', unread: 1 });
    expect(next.items.map((i) => i.id)).to.deep.equal(['b']);
    expect(next.unread).to.equal(1);
  });

  it('follows "read" from another tab, for some or all', () => {
    const start = inbox([item('a'), item('b'), item('c')]);
    const some = applyEvent(start, { type: 'notification.read', topic: TOPIC, ids: ['b'], all: false, unread: 2 });
    expect(some.items.map((i) => Boolean(i.readAt))).to.deep.equal([false, true, false]);
    const all = applyEvent(start, { type: 'notification.read', topic: TOPIC, ids: [], all: true, unread: 0 });
    expect(all.items.every((i) => i.readAt)).to.equal(true);
    expect(all.unread).to.equal(0);
  });

  it('marks read optimistically without counting an already read one twice', () => {
    const start = inbox([item('a'), item('b', { readAt: '2026-12-07T09:00:00.000Z' })], 1);
    const next = markRead(start, ['a', 'b'], '2026-12-07T11:00:00.000Z');
    expect(next.unread).to.equal(0);
    expect(next.items[1]!.readAt).to.equal('2026-12-07T09:00:00.000Z');
  });
});

describe('notification entries', () => {
  // Each language is its own module, loaded when an element first speaks it (decision 131).
  before(() => Promise.all([loadMessages('de', [notificationsMessages]), loadMessages('en', [notificationsMessages])]));

  it('read as German sentences, bundles with "und N weitere"', () => {
    const de = translator('de');
    expect(notificationText(de, item('a'))).to.equal('Petra Schulz hat Sie erwähnt');
    expect(notificationText(de, item('b', { kind: 'reaction', actors: [ayse, lena], count: 5 }))).to.equal('Ayşe Yılmaz und 4 weitere haben auf Ihren Beitrag reagiert');
    expect(notificationText(de, item('c', { kind: 'follow', actors: [jonas, lena], count: 2 }))).to.equal('Jonas Becker und eine weitere Person folgen Ihnen jetzt');
    expect(notificationText(translator('en'), item('d', { kind: 'reply', actors: [] }))).to.equal('Someone replied');
  });

  it('are grouped by the reader’s day: today, yesterday, earlier', () => {
    const now = new Date(2026, 11, 7, 15, 0);
    const local = (day: number, hour: number) => new Date(2026, 11, day, hour).toISOString();
    const groups = groupByDay([item('a', { updatedAt: local(7, 9) }), item('b', { updatedAt: local(6, 23) }), item('c', { updatedAt: local(6, 0) }), item('d', { updatedAt: local(2, 12) })], now);
    expect(groups.map(([group, list]) => [group, list.map((i) => i.id)])).to.deep.equal([
      ['today', ['a']],
      ['yesterday', ['b', 'c']],
      ['earlier', ['d']],
    ]);
  });
});
