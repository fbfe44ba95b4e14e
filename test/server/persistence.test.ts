import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Me, Person } from '../../src/core/protocol.ts';
import { call, ok, reactionPath, signIn, startTestServer, summaries } from './harness.ts';

describe('a data folder across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaza-data-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('seeds once, keeps what was written, and never seeds twice', async () => {
    const first = await startTestServer({ dataDir });
    const people = (await ok<{ items: Person[] }>(call(first, '/dev/users'))).items;
    const cookie = await signIn(first, 'karl-heinz.vogel');
    await ok(call(first, reactionPath('page:/news/persistent', 'surprise'), { method: 'PUT', cookie }));
    await first.close();

    const second = await startTestServer({ dataDir });
    try {
      const again = (await ok<{ items: Person[] }>(call(second, '/dev/users'))).items;
      assert.deepEqual(again, people, 'the same people, not a second copy');
      const [summary] = await summaries(second, ['page:/news/persistent'], cookie);
      assert.equal(summary!.counts.surprise, 1, 'the reaction survived');
      assert.deepEqual(summary!.mine, ['surprise'], 'and so did the session');
      const [kantine] = await summaries(second, ['page:/news/kantine']);
      assert.equal(kantine!.counts.like, 7, 'seeded reactions were not added twice');
    } finally {
      await second.close();
    }

    // Switching the sign-in mode retires sessions made by the old one.
    const third = await startTestServer({ dataDir, auth: 'none' });
    try {
      assert.equal((await ok<Me>(call(third, '/me', { cookie }))).user, null);
    } finally {
      await third.close();
    }
  });

  test('one server per data folder: a second is refused, a lock left by a dead process is taken over', async () => {
    const server = await startTestServer({ dataDir });
    const otherDir = mkdtempSync(join(tmpdir(), 'plaza-data-'));
    try {
      await assert.rejects(startTestServer({ dataDir }), /in use|already open/);
      // A start that fails later (the port is taken) must not leave its folder locked.
      await assert.rejects(startTestServer({ dataDir: otherDir, port: Number(new URL(server.url).port) }), /EADDRINUSE/);
      assert.equal(existsSync(join(otherDir, 'plaza.lock')), false);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
      await server.close();
    }
    assert.equal(existsSync(join(dataDir, 'plaza.lock')), false, 'close() releases the folder');

    writeFileSync(join(dataDir, 'plaza.lock'), '2147483646'); // a pid nobody has: a crashed server's leftover
    const after = await startTestServer({ dataDir });
    await after.close();
  });

  test('PLAZA_SEED=none leaves an empty database empty', async () => {
    const server = await startTestServer({ seed: 'none' });
    try {
      assert.deepEqual((await ok<{ items: Person[] }>(call(server, '/dev/users'))).items, []);
      const [kantine] = await summaries(server, ['page:/news/kantine']);
      assert.equal(kantine!.counts.like, 0);
    } finally {
      await server.close();
    }
  });
});
