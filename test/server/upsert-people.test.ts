import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPglite, type Database } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import { migrate } from '../../server/migrate.ts';
import { findProfile, upsertPeople } from '../../server/store/people.ts';

describe('upsertPeople (the store behind plaza import-people)', () => {
  let db: Database;
  before(async () => {
    db = await openPglite('memory://', { logger: silentLogger });
    await migrate(db);
  });
  after(() => db.close());

  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people'))[0]!.n;

  test('creates in any order (a manager after their report), then tells updated from unchanged', async () => {
    const first = await upsertPeople(db, [
      { id: 'lukas', name: 'Lukas', role: 'Monteur', phone: '1', managerId: 'juergen' },
      { id: 'juergen', name: 'Jürgen', managerId: null },
    ]);
    assert.deepEqual(first, { created: ['lukas', 'juergen'], updated: [], unchanged: [] });
    assert.equal((await findProfile(db, 'lukas', null))?.manager?.name, 'Jürgen');

    // No phone given: kept. Role given: changed. Jürgen exactly as stored: unchanged.
    const second = await upsertPeople(db, [
      { id: 'lukas', name: 'Lukas', role: 'Vorarbeiter' },
      { id: 'juergen', name: 'Jürgen', managerId: null },
    ]);
    assert.deepEqual(second, { created: [], updated: ['lukas'], unchanged: ['juergen'] });
    const lukas = await findProfile(db, 'lukas', null);
    assert.deepEqual([lukas?.role, lukas?.phone, lukas?.manager?.id], ['Vorarbeiter', '1', 'juergen']);

    // Null clears.
    assert.deepEqual((await upsertPeople(db, [{ id: 'lukas', name: 'Lukas', phone: null }])).updated, ['lukas']);
    assert.equal((await findProfile(db, 'lukas', null))?.phone, null);
  });

  test('a dry run answers the same and writes nothing', async () => {
    const rows = [{ id: 'neu', name: 'Neu', managerId: 'juergen' }, { id: 'lukas', name: 'Lukas Schneider' }];
    const before = await count();
    assert.deepEqual(await upsertPeople(db, rows, { dryRun: true }), { created: ['neu'], updated: ['lukas'], unchanged: [] });
    assert.equal(await count(), before);
    assert.equal((await findProfile(db, 'lukas', null))?.name, 'Lukas');
  });

  test('records a "joined" activity for each person it creates, never for updates, a dry run or the first import', async () => {
    const joined = async () =>
      (await db.query<{ actor_id: string }>(`SELECT actor_id FROM activities WHERE kind = 'joined' ORDER BY actor_id`)).map((row) => row.actor_id);
    assert.deepEqual(await joined(), [], 'the first test filled an empty directory: nobody "joined"');
    await upsertPeople(db, [{ id: 'nora', name: 'Nora' }], { dryRun: true });
    await upsertPeople(db, [{ id: 'nora', name: 'Nora' }, { id: 'lukas', name: 'Lukas Schneider' }, { id: 'juergen', name: 'Jürgen', managerId: null }]);
    assert.deepEqual(await joined(), ['nora']);
  });

  test('refuses, writing nothing, an unknown manager, a loop (also through the directory) and an id given twice', async () => {
    const before = await count();
    await assert.rejects(upsertPeople(db, [{ id: 'x', name: 'X', managerId: 'nobody' }]), /Unknown managers: x → nobody/);
    await assert.rejects(upsertPeople(db, [{ id: 'juergen', name: 'Jürgen', managerId: 'lukas' }]), /loops: juergen → lukas → juergen/);
    await assert.rejects(upsertPeople(db, [{ id: 'y', name: 'Y' }, { id: 'y', name: 'Y2' }]), /"y" is given twice/);
    assert.equal(await count(), before);
    assert.equal((await findProfile(db, 'juergen', null))?.manager, null);
  });
});
