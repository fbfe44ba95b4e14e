import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './db.ts';

const MIGRATIONS = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d+)_[\w-]+\.sql$/;
/** Any constant works; it keeps two instances starting at once from migrating twice. */
const MIGRATION_LOCK = 7_406_112;

/**
 * Applies `server/migrations/NNN_name.sql` files that have not run yet, in
 * number order, each exactly once (recorded in `schema_migrations`). All
 * pending files run in one transaction: a failing migration leaves the
 * database as it was, never half-upgraded.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = await migrationFiles();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const ran: string[] = [];
    for (const { version, name } of files) {
      if (applied.has(version)) continue;
      await tx.exec(await readFile(new URL(name, MIGRATIONS), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, name]);
      ran.push(name);
    }
    return ran;
  });
}

async function migrationFiles(): Promise<Array<{ version: number; name: string }>> {
  const files: Array<{ version: number; name: string }> = [];
  for (const name of await readdir(MIGRATIONS)) {
    const match = FILE_NAME.exec(name);
    if (match) files.push({ version: Number(match[1]), name });
  }
  files.sort((a, b) => a.version - b.version);
  const duplicate = files.find((file, i) => i > 0 && files[i - 1]?.version === file.version);
  if (duplicate) throw new Error(`Two migrations share number ${duplicate.version}: rename one of them.`);
  return files;
}
