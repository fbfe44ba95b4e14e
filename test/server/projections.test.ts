import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { topics } from '../../src/core/protocol.ts';
import { openPglite, type Database } from '../../server/db.ts';
import { EventBus } from '../../server/events/bus.ts';
import type { WriteEvent } from '../../server/events/types.ts';
import { silentLogger } from '../../server/log.ts';
import { migrate } from '../../server/migrate.ts';
import { PROJECTORS } from '../../server/projections/index.ts';
import type { Projector } from '../../server/projections/projector.ts';
import { postComment } from '../../server/store/comments.ts';
import { addNewcomer, insertPerson } from '../../server/store/people.ts';

/**
 * The projector contract (issue 18, decisions 111 and 112): a projector
 * sees every event a write published, private ones included, in the write's
 * transaction; what it publishes is logged with the write's events; if it
 * fails, the write fails with it and leaves nothing behind.
 */
describe('projectors run inside the write', () => {
  let db: Database;
  let bus: EventBus;
  let seen: WriteEvent[][] = [];
  let fail = false;
  const spy: Projector = {
    name: 'spy',
    async project(tx, events, publish) {
      seen.push([...events]);
      if (fail) throw new Error('the spy fails');
      const comment = events.find((event) => event.type === 'comment.created');
      // Written with the write's own transaction: visible to it, rolled back with it.
      if (comment) await tx.query('UPDATE people SET role = $2 WHERE id = $1', [comment.comment.author!.id, 'projected']);
      if (comment) await publish?.({ type: 'activity.deleted', topic: topics.activities('user:spy'), id: 'spy' });
    },
  };
  const logged = async () => (await db.query<{ type: string; topic: string }>('SELECT type, topic FROM events ORDER BY id')).map((row) => `${row.type} ${row.topic}`);

  before(async () => {
    db = await openPglite('memory://', { logger: silentLogger });
    await migrate(db);
    await insertPerson(db, { id: 'ann', name: 'Ann' });
    bus = new EventBus(db, silentLogger, 60_000, [...PROJECTORS, spy]);
    await bus.start();
  });
  after(async () => {
    await bus.close();
    await db.close();
  });

  test('a post: the projectors see its event; theirs are logged after it, in the same transaction', async () => {
    seen = [];
    await bus.transaction((tx, publish) => postComment(tx, publish, { threadKey: 'page:/p', parentId: null, authorId: 'ann', text: 'Hallo', mentions: [] }));
    assert.deepEqual(seen.map((events) => events.map((event) => event.type)), [['comment.created']]);
    assert.deepEqual(await logged(), [
      'comment.created comments:page:/p',
      // The feed's, then the spy's: projectors do not see each other's events.
      'activity.created activities:all',
      'activity.created activities:user:ann',
      'activity.deleted activities:user:spy',
    ]);
    assert.equal((await db.query<{ role: string }>("SELECT role FROM people WHERE id = 'ann'"))[0]!.role, 'projected');
  });

  test('a private event reaches the projectors and never the log', async () => {
    seen = [];
    const before = await logged();
    await bus.transaction((tx, publish) => addNewcomer(tx, publish, { id: 'ben', name: 'Ben', email: null }));
    assert.deepEqual(seen, [[{ type: 'person.joined', person: 'ben' }]]);
    assert.deepEqual((await logged()).slice(before.length), ['activity.created activities:all', 'activity.created activities:user:ben']);
  });

  test('a projector that fails fails the write: no comment, no activity, no event', async () => {
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
    const before = [await count('comments'), await count('activities'), await count('events')];
    fail = true;
    try {
      await assert.rejects(
        bus.transaction((tx, publish) => postComment(tx, publish, { threadKey: 'page:/p', parentId: null, authorId: 'ann', text: 'Nie', mentions: [] })),
        /the spy fails/,
      );
    } finally {
      fail = false;
    }
    assert.deepEqual([await count('comments'), await count('activities'), await count('events')], before);
  });
});
