import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROBLEM_TYPES, topics, type Person, type Profile, type RealtimeEvent } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, useTestServer } from './harness.ts';
import { isEvent, openSse } from './sse.ts';

describe('people: search, profiles, follows', () => {
  const server = useTestServer();

  const search = async (q: string, extra = '') =>
    (await ok<{ items: Person[] }>(call(server, `/people?q=${encodeURIComponent(q)}${extra}`))).items.map((p) => p.id);

  test('search ignores case and accents, and knows the German spelling without umlauts', async () => {
    for (const q of ['muller', 'Müller', 'MUELLER', 'jürgen m']) assert.deepEqual(await search(q), ['juergen.mueller'], q);
    assert.deepEqual(await search('ayse'), ['ayse.demir']);
    assert.deepEqual(await search('AYŞE'), ['ayse.demir']);
    assert.deepEqual(await search('yilmaz'), ['mehmet.yilmaz'], 'ı (dotless i) is an i');
    assert.deepEqual(await search('jovanovic'), ['elena.jovanovic']);
    assert.deepEqual(await search('ozdemir'), ['goekhan.oezdemir']);
    assert.deepEqual(await search('oezdemir'), ['goekhan.oezdemir']);
    assert.deepEqual(await search('krueger'), ['sabine.krueger']);
  });

  test('every word must start a name: first names, last names, each part of a double name', async () => {
    assert.deepEqual(await search('heinz'), ['karl-heinz.vogel']);
    assert.deepEqual(await search('Karl-Heinz'), ['karl-heinz.vogel']);
    assert.deepEqual(await search('claudia'), ['claudia.hoffmann'], 'past the title');
    assert.deepEqual(await search('eller'), [], 'not in the middle of a name');
    assert.deepEqual(await search('an'), ['andreas.schroeder', 'anna.lehmann'], 'first names that start with it come first');
    assert.deepEqual(await search('s'), (await search('s', '&limit=50')).slice(0, 10), 'ten by default');
    assert.equal((await search('s', '&limit=3')).length, 3);
    assert.deepEqual(await search('%'), [], 'LIKE wildcards are plain characters');
    assert.deepEqual(await search('_'), []);
  });

  test('a search is ids or q, never both or neither, and short', async () => {
    assert.equal((await problem(call(server, '/people'), 400)).field, 'ids');
    assert.equal((await problem(call(server, '/people?ids=ayse.demir&q=ayse'), 400)).field, 'q');
    assert.equal((await problem(call(server, `/people?q=${'a'.repeat(101)}`), 400)).field, 'q');
    assert.equal((await problem(call(server, '/people?q=%20%20'), 400)).field, 'q');
  });

  test('a profile names the manager from the directory, or null at the top', async () => {
    const lukas = await ok<Profile>(call(server, '/people/lukas.schneider'));
    assert.equal(lukas.manager?.id, 'juergen.mueller');
    assert.equal(lukas.manager?.name, 'Jürgen Müller');
    assert.equal(lukas.manager?.role, 'Leiter Netzbetrieb', 'the manager is a whole Person');
    assert.equal((await ok<Profile>(call(server, '/people/claudia.hoffmann'))).manager, null);
  });

  test('following: counts, whether I follow, idempotent both ways, announced on the person topic', async () => {
    const lukas = await signIn(server, 'lukas.schneider');
    const stream = await openSse(`${server.api}/events?topics=${encodeURIComponent(topics.person('heike.wolf'))}`);
    try {
      await stream.next((m) => m.retry !== undefined);
      const path = '/people/heike.wolf/follow';
      const following = await ok<Profile>(call(server, path, { method: 'PUT', cookie: lukas }));
      assert.deepEqual([following.id, following.followers, following.following, following.followedByMe], ['heike.wolf', 1, 0, true]);
      assert.deepEqual(await ok<Profile>(call(server, path, { method: 'PUT', cookie: lukas })), following, 'again: no change');

      const mine = await ok<Profile>(call(server, '/people/lukas.schneider', { cookie: lukas }));
      assert.deepEqual([mine.followers, mine.following, mine.followedByMe], [0, 1, false]);
      assert.equal((await ok<Profile>(call(server, '/people/heike.wolf'))).followedByMe, false, 'signed out');

      const stopped = await ok<Profile>(call(server, path, { method: 'DELETE', cookie: lukas }));
      assert.deepEqual([stopped.followers, stopped.followedByMe], [0, false]);
      await ok(call(server, path, { method: 'DELETE', cookie: lukas }));

      await stream.next(() => stream.messages.filter(isEvent).length >= 2);
      const events = stream.messages.filter(isEvent).map((m) => JSON.parse(m.data!) as RealtimeEvent);
      assert.deepEqual(events, [
        { type: 'follow.changed', topic: 'people:heike.wolf', person: 'heike.wolf', actor: 'lukas.schneider', active: true, followers: 1 },
        { type: 'follow.changed', topic: 'people:heike.wolf', person: 'heike.wolf', actor: 'lukas.schneider', active: false, followers: 0 },
      ]);
    } finally {
      stream.close();
    }
  });

  test('nobody follows themselves, unknown people, or without signing in', async () => {
    const lukas = await signIn(server, 'lukas.schneider');
    const self = await problem(call(server, '/people/lukas.schneider/follow', { method: 'PUT', cookie: lukas }), 400);
    assert.equal(self.field, 'id');
    const unknown = await problem(call(server, '/people/max.mustermann/follow', { method: 'PUT', cookie: lukas }), 404);
    assert.equal(unknown.type, PROBLEM_TYPES.notFound);
    assert.equal((await problem(call(server, '/people/heike.wolf/follow', { method: 'PUT' }), 401)).type, PROBLEM_TYPES.unauthenticated);
  });
});
