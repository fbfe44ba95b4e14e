import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../server/db.ts';
import { openPglite } from '../../server/db/pglite.ts';

/**
 * PGlite runs in a thread of its own (issue 15, item 4; decision 93): while
 * the embedded database works, the server's event loop keeps turning, so
 * requests that need no database are answered and others are read and queued.
 * Before, a statement ran synchronously on the event loop and stopped all of it.
 */
describe('PGlite in its own thread', () => {
  let db: Database;
  before(async () => {
    db = await openPglite('memory://');
  });
  after(async () => {
    await db?.close();
  });

  test('a long statement does not hold up the event loop', async () => {
    // A fraction of a second of PostgreSQL's work on this machine; a timer of 20 ms should fire on time meanwhile.
    const statement = db.query('SELECT count(*)::int AS n FROM generate_series(1, 1000000)');
    const started = performance.now();
    const statementDone = statement.then(() => performance.now() - started);
    const lateness = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now() - started - 20), 20));
    const took = await statementDone;
    assert.ok(took > 150, `the statement should take a while to show anything (took ${took.toFixed(0)} ms)`);
    // Before, the timer waited for the whole statement (lateness ≈ took); a busy machine may delay it a little.
    assert.ok(lateness < took / 4, `a 20 ms timer fired ${lateness.toFixed(0)} ms late while a ${took.toFixed(0)} ms statement ran`);
  });

  test('errors keep what PostgreSQL says about them', async () => {
    await db.query('CREATE TABLE notes (n int PRIMARY KEY)');
    await db.query('INSERT INTO notes VALUES (1)');
    const error = await db.query('INSERT INTO notes VALUES (1)').then(
      () => assert.fail('a duplicate key is refused'),
      (e: unknown) => e as Error & { code?: string; constraint?: string; severity?: string },
    );
    assert.ok(error instanceof Error);
    assert.equal(error.code, '23505');
    assert.equal(error.constraint, 'notes_pkey');
    assert.equal(error.severity, 'ERROR');
  });

  test('values cross the thread as PGlite gives them: numbers, dates, JSON, arrays, bytes', async () => {
    const [row] = await db.query<{ n: number; t: Date; j: { a: number[] }; a: string[]; b: Uint8Array }>(
      `SELECT 1::int AS n, '2026-12-07T10:00:00Z'::timestamptz AS t, $1::jsonb AS j, $2::text[] AS a, $3::bytea AS b`,
      [JSON.stringify({ a: [1, 2] }), ['x', 'y"z'], new Uint8Array([1, 2, 255])],
    );
    assert.equal(row!.n, 1);
    assert.ok(row!.t instanceof Date);
    assert.equal(row!.t.toISOString(), '2026-12-07T10:00:00.000Z');
    assert.deepEqual(row!.j, { a: [1, 2] });
    assert.deepEqual(row!.a, ['x', 'y"z']);
    assert.deepEqual([...row!.b], [1, 2, 255]);
  });

  test('a transaction that throws is rolled back, and one that returns is committed', async () => {
    await db.query('CREATE TABLE marks (m int)');
    await assert.rejects(db.transaction(async (tx) => {
      await tx.query('INSERT INTO marks VALUES (1)');
      throw new Error('changed my mind');
    }), /changed my mind/);
    const returned = await db.transaction(async (tx) => (await tx.query<{ m: number }>('INSERT INTO marks VALUES (2) RETURNING m'))[0]);
    assert.deepEqual(returned, { m: 2 });
    assert.deepEqual(await db.query('SELECT m FROM marks ORDER BY m'), [{ m: 2 }]);
  });
});
