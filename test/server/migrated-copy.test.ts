import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPglite } from '../../server/db/pglite.ts';
import { migrate } from '../../server/migrate.ts';
import type { Database } from '../../server/db/types.ts';
import type { Logger } from '../../server/log.ts';

const warnings: string[] = [];
const logger: Logger = { info() {}, warn: (message) => void warnings.push(message), error() {} };

/**
 * Decision 218: in-memory servers start from a cached copy of the migrated database. The copy must
 * be exactly what migrating gives (same tables, columns, indexes, triggers and rows), or every test
 * server would run on a schema no real installation has.
 */
test('a database started from the migrated copy is the one migrating from scratch gives, with nothing left to migrate', async () => {
  const scratch = await openPglite('memory://', { logger });
  const first = await openPglite('memory://', { logger, startMigrated: true });
  try {
    await migrate(scratch);
    // Without a copy yet (a fresh machine), the first start migrates and keeps one.
    if (first.keepMigratedCopy) {
      assert.ok((await migrate(first)).length > 0);
      await first.keepMigratedCopy();
    }
    const copy = await openPglite('memory://', { logger, startMigrated: true });
    try {
      assert.equal(copy.keepMigratedCopy, undefined, 'started from the copy');
      assert.deepEqual(await migrate(copy), [], 'nothing left to migrate');
      assert.deepEqual(await schemaOf(copy), await schemaOf(scratch));
      assert.deepEqual(await rowsOf(copy), await rowsOf(scratch));
    } finally {
      await copy.close();
    }
    assert.deepEqual(warnings, []);
  } finally {
    await first.close();
    await scratch.close();
  }
});

async function schemaOf(db: Database): Promise<unknown> {
  return {
    columns: await db.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    ),
    indexes: await db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`),
    triggers: await db.query(`SELECT event_object_table, trigger_name, action_statement FROM information_schema.triggers ORDER BY trigger_name, event_manipulation`),
    functions: await db.query(`SELECT proname, prosrc FROM pg_proc JOIN pg_namespace n ON n.oid = pronamespace WHERE nspname = 'public' ORDER BY proname`),
  };
}

/** Every table's row count, and the migrations recorded (their time of application differs, nothing else). */
async function rowsOf(db: Database): Promise<unknown> {
  const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) counts[table] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
  return { counts, migrations: await db.query('SELECT version, name FROM schema_migrations ORDER BY version') };
}
