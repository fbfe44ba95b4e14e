import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROBLEM_TYPES, topics, type Me, type Person, type RealtimeEvent } from '../../src/core/protocol.ts';
import { call, ok, problem, startTestServer, useTestServer, type TestServer } from './harness.ts';
import { openSse } from './sse.ts';

describe('dev sign-in', () => {
  const server = useTestServer();

  test('lists every seeded colleague for the user switcher', async () => {
    const { items } = await ok<{ items: Person[] }>(call(server, '/dev/users'));
    assert.ok(items.length >= 20, `got ${items.length}`);
    const names = items.map((p) => p.name);
    assert.ok(names.includes('Jürgen Müller') && names.includes('Ayşe Demir'));
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : 1)), 'by name');
  });

  test('signing in sets an HttpOnly, SameSite=Lax, Path=/ session cookie and answers Me', async () => {
    const res = await call(server, '/dev/session', { method: 'POST', json: { userId: 'ayse.demir' } });
    const me = await ok<Me>(res);
    assert.equal(me.user?.id, 'ayse.demir');
    assert.deepEqual(me.can, { react: true, comment: true, moderate: false, seeWhoReacted: true });

    const cookies = res.headers.getSetCookie();
    assert.equal(cookies.length, 1);
    const [pair, ...attributes] = cookies[0]!.split(/;\s*/);
    const [name, token] = pair!.split('=');
    assert.equal(name, 'plaza_session');
    assert.ok(token && token.length >= 40, 'a long random token');
    const flags = attributes.map((a) => a.toLowerCase());
    assert.ok(flags.includes('httponly'), cookies[0]);
    assert.ok(flags.includes('samesite=lax'), cookies[0]);
    assert.ok(flags.includes('path=/'), cookies[0]);
    assert.ok(!flags.includes('secure'), 'plain http://localhost stays usable');

    const again = await ok<Me>(call(server, '/me', { cookie: pair }));
    assert.equal(again.user?.name, 'Ayşe Demir');
  });

  test('moderators are told so', async () => {
    const res = await call(server, '/dev/session', { method: 'POST', json: { userId: 'julia.schmitt' } });
    assert.equal((await ok<Me>(res)).can.moderate, true);
  });

  test('signing out deletes the session: the old cookie no longer works', async () => {
    const res = await call(server, '/dev/session', { method: 'POST', json: { userId: 'thomas.becker' } });
    await ok(res);
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;

    const out = await call(server, '/dev/session', { method: 'DELETE', cookie });
    assert.deepEqual(await ok<Me>(out), { user: null, can: { react: false, comment: false, moderate: false, seeWhoReacted: true } });
    assert.match(out.headers.getSetCookie()[0] ?? '', /^plaza_session=;.*Max-Age=0/i);
    assert.equal((await ok<Me>(call(server, '/me', { cookie }))).user, null);
  });

  test('an unknown user is a 404 problem and sets no cookie; a missing userId is a 400 on that field', async () => {
    const res = await call(server, '/dev/session', { method: 'POST', json: { userId: 'max.mustermann' } });
    const p = await problem(res, 404);
    assert.equal(p.type, PROBLEM_TYPES.notFound);
    assert.equal(p.field, 'userId');
    assert.deepEqual(res.headers.getSetCookie(), []);

    const missing = await problem(call(server, '/dev/session', { method: 'POST', json: {} }), 400);
    assert.equal(missing.field, 'userId');
    const broken = await problem(call(server, '/dev/session', { method: 'POST', headers: { 'content-type': 'application/json' } }), 400);
    assert.equal(broken.type, PROBLEM_TYPES.validation);
  });
});

describe('dev directory changes (PATCH /dev/people/{id})', () => {
  const server = useTestServer();

  test('change an entry through the import\'s write: open pages get person.updated, reads show it, a field left out stays', async () => {
    const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.person('goekhan.oezdemir'))}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      const changed = await ok<Person>(
        call(server, '/dev/people/goekhan.oezdemir', { method: 'PATCH', json: { name: 'Gökhan Özdemir-Weiß', role: 'Leiter Controlling' } }),
      );
      assert.equal(changed.name, 'Gökhan Özdemir-Weiß');
      const event = JSON.parse((await stream.next((m) => m.event === 'person.updated')).data!) as RealtimeEvent;
      assert.ok(event.type === 'person.updated');
      assert.equal(event.topic, topics.person('goekhan.oezdemir'));
      assert.equal(event.person.name, 'Gökhan Özdemir-Weiß');
      assert.equal(event.person.role, 'Leiter Controlling');
    } finally {
      stream.close();
    }
    const read = await ok<Person>(call(server, '/people/goekhan.oezdemir'));
    assert.deepEqual([read.name, read.role, read.department], ['Gökhan Özdemir-Weiß', 'Leiter Controlling', 'Finanzen']);
  });

  test('refuses an empty name, unknown fields and unknown people', async () => {
    assert.equal((await problem(call(server, '/dev/people/goekhan.oezdemir', { method: 'PATCH', json: { name: ' ' } }), 400)).type, PROBLEM_TYPES.validation);
    await problem(call(server, '/dev/people/goekhan.oezdemir', { method: 'PATCH', json: { email: 'x@example.com' } }), 400);
    await problem(call(server, '/dev/people/nobody.here', { method: 'PATCH', json: { role: 'Niemand' } }), 404);
  });
});

describe('without dev sign-in (PLAZA_AUTH=none)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ auth: 'none' });
  });
  after(async () => {
    await server.close();
  });

  test('the dev routes do not exist and nobody is signed in', async () => {
    assert.equal((await problem(call(server, '/dev/users'), 404)).type, PROBLEM_TYPES.notFound);
    await problem(call(server, '/dev/session', { method: 'POST', json: { userId: 'ayse.demir' } }), 404);
    await problem(call(server, '/dev/people/ayse.demir', { method: 'PATCH', json: { name: 'Jemand anderes' } }), 404);
    const me = await ok<Me>(call(server, '/me'));
    assert.equal(me.user, null);
    const doc = await ok<{ paths: Record<string, unknown> }>(call(server, '/openapi.json'));
    assert.ok(!Object.keys(doc.paths).some((path) => path.startsWith('/dev/')), 'not documented either');
  });
});
