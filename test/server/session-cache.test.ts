import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SessionCache } from '../../server/auth/session-cache.ts';
import type { SessionUser } from '../../server/store/sessions.ts';

const ayse: SessionUser = { person: { id: 'ayse.demir', name: 'Ayşe Demir' } as SessionUser['person'], moderator: false };

/** A lookup that counts its calls and answers what `answer` holds at the time. */
function lookup(answer: SessionUser | null = ayse) {
  const counter = { calls: 0, answer };
  const load = async () => {
    counter.calls++;
    return counter.answer;
  };
  return Object.assign(counter, { load });
}

describe('SessionCache', () => {
  test('reads within the time to live reuse the first lookup; after it they look up again', async () => {
    let now = 1000;
    const cache = new SessionCache(5000, () => now);
    const db = lookup();
    assert.equal(await cache.user('dev:t', true, db.load), ayse);
    now += 4999;
    assert.equal(await cache.user('dev:t', true, db.load), ayse);
    assert.equal(db.calls, 1);
    now += 1;
    await cache.user('dev:t', true, db.load);
    assert.equal(db.calls, 2);
  });

  test('writes always look up, and a session that ended is not reused by the reads after it', async () => {
    const cache = new SessionCache(5000);
    const db = lookup();
    await cache.user('dev:t', true, db.load);
    db.answer = null; // signed out on another instance
    assert.equal(await cache.user('dev:t', false, db.load), null, 'the write sees the database');
    assert.equal(await cache.user('dev:t', true, db.load), null, 'and so does the next read');
    assert.equal(db.calls, 3, 'an unknown credential is never remembered');
  });

  test('alone (PGlite, the only instance): writes reuse the remembered answer too, and forget still drops it at once', async () => {
    const cache = new SessionCache(5000, Date.now, true);
    const db = lookup();
    await cache.user('dev:t', true, db.load);
    assert.equal((await cache.user('dev:t', false, db.load))?.person.id, 'ayse.demir', 'the write is answered from memory');
    assert.equal(db.calls, 1, 'without asking the database');
    cache.forget('ayse.demir'); // signed out: on the only instance, this is where every end of a session passes
    db.answer = null;
    assert.equal(await cache.user('dev:t', false, db.load), null, 'after sign-out the write sees the database');
    assert.equal(db.calls, 2);
  });

  test('concurrent reads of one credential share one lookup', async () => {
    const cache = new SessionCache(5000);
    const db = lookup();
    const users = await Promise.all(Array.from({ length: 20 }, () => cache.user('dev:t', true, db.load)));
    assert.ok(users.every((user) => user === ayse));
    assert.equal(db.calls, 1);
  });

  test('forget drops the person at once, also from a lookup that was in flight', async () => {
    const cache = new SessionCache(5000);
    const db = lookup();
    await cache.user('dev:a', true, db.load);
    await cache.user('proxy:b', true, db.load);
    const inFlight = cache.user('dev:c', true, db.load);
    cache.forget('ayse.demir');
    await inFlight;
    assert.equal(cache.size, 0);
    await cache.user('dev:a', true, db.load);
    assert.equal(db.calls, 4);
  });

  test('a time to live of 0 remembers nothing', async () => {
    const cache = new SessionCache(0);
    const db = lookup();
    await cache.user('dev:t', true, db.load);
    await cache.user('dev:t', true, db.load);
    assert.equal(db.calls, 2);
    assert.equal(cache.size, 0);
  });
});
