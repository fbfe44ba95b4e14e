import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { openPglite } from '../../server/db.ts';
import { silentLogger } from '../../server/log.ts';
import { migrate } from '../../server/migrate.ts';

const MIGRATIONS = new URL('../../server/migrations/', import.meta.url);

/**
 * Migration 008 folds `moderation_actions` (005) into the audit log: a
 * database upgraded from before keeps every record, with the moderator's
 * name taken while they are still in the directory, and new entries follow
 * the old ones.
 */
test('upgrading keeps every moderation_actions row as an audit entry, and new entries number on', async () => {
  const db = await openPglite('memory://', { logger: silentLogger });
  try {
    // The database as it was before 008: every earlier migration, recorded as applied.
    await db.transaction(async (tx) => {
      await tx.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const name of (await readdir(MIGRATIONS)).filter((name) => /^\d+_/.test(name)).sort()) {
        const version = Number(name.slice(0, name.indexOf('_')));
        if (version >= 8) continue;
        await tx.exec(await readFile(new URL(name, MIGRATIONS), 'utf8'));
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, name]);
      }
      await tx.exec(`
        INSERT INTO people (id, name) VALUES ('mod', 'Mona Moderation'), ('ann', 'Ann Autorin');
        INSERT INTO threads (key) VALUES ('page:/alt');
        INSERT INTO comments (id, thread_key, author_id, body) VALUES ('01JQ3V6Z5X8M2N4P6R8T0V2X4Z', 'page:/alt', 'ann', 'Alt');
        INSERT INTO moderation_actions (id, moderator_id, action, target, created_at) VALUES
          (7, 'mod', 'hide', 'comment:01JQ3V6Z5X8M2N4P6R8T0V2X4Z', '2026-01-02T03:04:05Z'),
          (9, NULL, 'close', 'page:/alt', '2026-01-03T00:00:00Z');
      `);
    });

    await migrate(db);

    const rows = await db.query<{ id: string; actor_id: string | null; actor_name: string | null; action: string; thread_key: string | null; at: string }>(
      `SELECT id::text, actor_id, actor_name, action, thread_key, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS at
       FROM moderation_audit ORDER BY id`,
    );
    assert.deepEqual(rows, [
      { id: '7', actor_id: 'mod', actor_name: 'Mona Moderation', action: 'hide', thread_key: 'page:/alt', at: '2026-01-02T03:04:05' },
      { id: '9', actor_id: null, actor_name: null, action: 'close', thread_key: 'page:/alt', at: '2026-01-03T00:00:00' },
    ]);
    const [next] = await db.query<{ id: string }>(`INSERT INTO moderation_audit (actor_id, action, target) VALUES ('mod', 'reopen', 'page:/alt') RETURNING id::text`);
    assert.equal(next?.id, '10');
    const [old] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'moderation_actions'`);
    assert.equal(old?.n, 0, 'one record of moderation, not two');
  } finally {
    await db.close();
  }
});
