import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReactionPeople, ReactionSummary } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, signIn, useTestServer, summaries } from './harness.ts';

describe('reactions', () => {
  const server = useTestServer();

  test('a batch answers every target asked, seeded or unknown, in order, with zero counts for the unknown', async () => {
    const items = await summaries(server, ['page:/news/unbekannt', 'page:/news/kantine', 'key,with,commas']);
    assert.deepEqual(
      items.map((s) => s.target),
      ['page:/news/unbekannt', 'page:/news/kantine', 'key,with,commas'],
    );
    assert.deepEqual(items[0], { target: 'page:/news/unbekannt', counts: { like: 0, love: 0, celebrate: 0, insight: 0, surprise: 0 }, mine: [] });
    assert.equal(items[1]!.counts.like, 7, 'the seed has seven likes on the canteen news');
    assert.deepEqual(items[1]!.mine, [], 'nobody is signed in, so nothing is mine');
  });

  test('a signed-in batch shows what is mine', async () => {
    const cookie = await signIn(server, 'ayse.demir');
    const [kantine] = await summaries(server, ['page:/news/kantine'], cookie);
    assert.deepEqual(kantine!.mine, ['like']);
  });

  test('PUT adds my reaction, repeating it changes nothing, DELETE takes it back', async () => {
    const cookie = await signIn(server, 'juergen.mueller');
    const target = 'page:/news/reactions-test';
    const path = reactionPath(target, 'celebrate');

    const added = await ok<ReactionSummary>(call(server, path, { method: 'PUT', cookie }));
    assert.equal(added.target, target);
    assert.equal(added.counts.celebrate, 1);
    assert.deepEqual(added.mine, ['celebrate']);

    const again = await ok<ReactionSummary>(call(server, path, { method: 'PUT', cookie }));
    assert.deepEqual(again, added, 'PUT is idempotent');

    const other = await signIn(server, 'lea.neumann');
    const both = await ok<ReactionSummary>(call(server, path, { method: 'PUT', cookie: other }));
    assert.equal(both.counts.celebrate, 2);
    assert.deepEqual(both.mine, ['celebrate'], "Lea's view: her own reaction");

    const removed = await ok<ReactionSummary>(call(server, path, { method: 'DELETE', cookie }));
    assert.equal(removed.counts.celebrate, 1);
    assert.deepEqual(removed.mine, []);
    const removedAgain = await ok<ReactionSummary>(call(server, path, { method: 'DELETE', cookie }));
    assert.deepEqual(removedAgain, removed, 'DELETE is idempotent');

    const [stored] = await summaries(server, [target]);
    assert.equal(stored!.counts.celebrate, 1);
  });

  test('a target with slashes, colons, commas and umlauts survives the path segment', async () => {
    const cookie = await signIn(server, 'juergen.mueller');
    const target = 'page:/news/2026/Grüße,aus?der#Kantine&mehr=ja%20';
    const summary = await ok<ReactionSummary>(call(server, reactionPath(target, 'like'), { method: 'PUT', cookie }));
    assert.equal(summary.target, target);
    const [read] = await summaries(server, [target]);
    assert.equal(read!.counts.like, 1);
  });

  test('who reacted: newest first, in pages with an opaque cursor, with a total', async () => {
    const target = 'page:/news/people-test';
    const ids = ['anna.lehmann', 'jonas.richter', 'marie.klein', 'niklas.braun', 'petra.schulz'];
    for (const id of ids) await ok(call(server, reactionPath(target, 'love'), { method: 'PUT', cookie: await signIn(server, id) }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page: ReactionPeople = await ok<ReactionPeople>(call(server, `${reactionPath(target, 'love')}/people${query}`));
      assert.equal(page.total, 5);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...ids].reverse(), 'newest first, nobody twice, nobody missing');

    const first = await ok<ReactionPeople>(call(server, `${reactionPath(target, 'love')}/people`));
    assert.equal(first.items[0]!.name, 'Petra Schulz', 'people come with their profile');
    assert.equal(first.nextCursor, null, 'the default page holds all five');
  });

  test('who reacted, for a kind nobody used: an empty page', async () => {
    const page = await ok<ReactionPeople>(call(server, `${reactionPath('page:/news/leer', 'insight')}/people`));
    assert.deepEqual(page, { items: [], nextCursor: null, total: 0 });
  });
});
