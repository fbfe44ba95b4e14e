import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

const MIGRATIONS = new URL('../migrations/', import.meta.url);
/** The names of cached migrated databases start so (server/db/pglite-template.ts). */
export const MIGRATED_PREFIX = 'migrated-';

/**
 * The name of the cached copy of a database migrated by exactly these
 * migration files: any change to one of them (or a new one) names another
 * copy, so a stale schema is never loaded.
 */
export function migratedCopyName(): string {
  // Once per process: the files do not change under a running server, and tests start hundreds.
  named ??= fingerprint();
  return named;
}

let named: string | undefined;

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).filter((entry) => entry.endsWith('.sql')).sort()) {
    hash.update(name).update('\0').update(readFileSync(new URL(name, MIGRATIONS))).update('\0');
  }
  return `${MIGRATED_PREFIX}${hash.digest('hex').slice(0, 16)}`;
}
