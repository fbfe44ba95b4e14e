import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Profile } from '../../src/core/protocol.ts';
import { call, ok, problem, signIn, useTestServer } from './harness.ts';

/** Issue 16, item 4: a page of profile cards asks for their profiles in one request. */
describe('GET /profiles?ids=: profile cards in one request', () => {
  const server = useTestServer();

  test('answers the profiles asked for in the order asked, as GET /people/{id} does one by one, unknown ids left out', async () => {
    const cookie = await signIn(server, 'dennis.krause');
    await ok(call(server, '/people/petra.schulz/follow', { method: 'PUT', cookie }));
    const { items } = await ok<{ items: Profile[] }>(call(server, '/profiles?ids=petra.schulz,nobody.here,juergen.mueller', { cookie }));
    assert.deepEqual(
      items.map((p) => p.id),
      ['petra.schulz', 'juergen.mueller'],
    );
    for (const profile of items) assert.deepEqual(profile, await ok<Profile>(call(server, `/people/${profile.id}`, { cookie })));
    assert.equal(items[0]!.followedByMe, true);
  });

  test('refuses no ids and more than a batch', async () => {
    assert.equal((await problem(call(server, '/profiles'), 400)).field, 'ids');
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`).join(',');
    assert.equal((await problem(call(server, `/profiles?ids=${many}`), 400)).field, 'ids');
  });
});
