import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../server/db.ts';
import { openPglite, pgliteFsyncs } from '../../server/db/pglite.ts';

/**
 * Writes on the embedded database (issue 15, item 4; decision 64): under a
 * burst of writes the event loop keeps turning (so the server still accepts
 * connections and reads requests), writers are served first come, first
 * served, concurrent writes share their commit's disk flush, and a write
 * that fails takes nobody else with it.
 */

describe('PGlite: writes queue fairly and share commits', () => {
  let db: Database;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plaza-write-queue-'));
    db = await openPglite(dir, { fsync: true });
    await db.query('CREATE TABLE notes (n int PRIMARY KEY)');
  });
  after(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a burst of writes lets the event loop turn before it ends', async () => {
    const finished: number[] = [];
    let turnedAt = -1;
    const writes = Array.from({ length: 40 }, (_, i) =>
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (n) VALUES ($1)', [1000 + i]);
        // A write's own work (PGlite runs it on the event loop).
        for (const end = performance.now() + 3; performance.now() < end; );
        finished.push(i);
      }),
    );
    setImmediate(() => (turnedAt = finished.length));
    await Promise.all(writes);
    assert.ok(turnedAt >= 0 && turnedAt < 40, turnedAt < 0 ? 'the event loop did not turn until all 40 writes had finished' : `the event loop turned after ${turnedAt} of 40 writes`);
    assert.deepEqual(finished, [...finished].sort((a, b) => a - b), 'writes ran in the order they came');
  });

  test('concurrent writes share disk flushes, and each is stored once acknowledged', async () => {
    const before = await pgliteFsyncs(db);
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((tx) => tx.query('INSERT INTO notes (n) VALUES ($1)', [2000 + i]))));
    const flushes = (await pgliteFsyncs(db)) - before;
    assert.ok(flushes > 0, 'commits are flushed');
    assert.ok(flushes <= 10, `20 concurrent writes made ${flushes} flushes`);
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes WHERE n BETWEEN 2000 AND 2019')) as [{ n: number }];
    assert.equal(n, 20);
  });

  test('a write that fails is undone alone; the others of its commit are stored', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO notes (n) VALUES ($1)', [3000 + i]);
          if (i === 2) throw new Error('refused');
          if (i === 4) await tx.query('INSERT INTO notes (n) VALUES ($1)', [3000]); // a duplicate key: a database error
          return i;
        }),
      ),
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
    );
    const rows = await db.query<{ n: number }>('SELECT n FROM notes WHERE n BETWEEN 3000 AND 3999 ORDER BY n');
    assert.deepEqual(
      rows.map((row) => row.n),
      [3000, 3001, 3003, 3005],
    );
  });
});
