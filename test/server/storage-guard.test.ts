import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { guardStorage, StorageUnavailableError } from '../../server/db/storage-guard.ts';
import { LOCK_FILE } from '../../server/db/lock.ts';
import type { Database } from '../../server/db/types.ts';
import type { Logger } from '../../server/log.ts';

const quiet: Logger = { info() {}, warn() {}, error() {} };

/**
 * The guard's promise is "no write acknowledged that is not kept", and its mirror: a write that
 * was kept is acknowledged. A storage error on one write must not turn another that committed
 * meanwhile into a 503: the client would retry it and post the comment twice (the CI run that
 * found this had a fan-out worker's write fail while a comment committed).
 */
test('a commit that returns while another write fails is acknowledged; writes after it are refused', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaza-guard-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  writeFileSync(join(dataDir, LOCK_FILE), '1');
  let commit!: (value: string) => void;
  const fake = {
    engine: 'pglite',
    close: async () => {},
    transaction: () => new Promise<string>((resolve) => (commit = resolve)),
    // As PGlite reports it: a PostgreSQL error with a severity.
    query: () => Promise.reject(Object.assign(new Error('could not write to file "pg_wal/xlogtemp.1": Permission denied'), { severity: 'ERROR', code: '42501' })),
  } as unknown as Database;
  const db = guardStorage(fake, dataDir, quiet);
  t.after(() => db.close());

  const committing = db.transaction(async () => 'comment');
  await assert.rejects(db.query('INSERT INTO deliveries VALUES (1)'), StorageUnavailableError);
  commit('comment');
  assert.equal(await committing, 'comment', 'the commit that returned is acknowledged');
  await assert.rejects(db.transaction(async () => 'next'), StorageUnavailableError, 'a write begun while failing is refused');
});

test('a commit into a folder removed meanwhile is not acknowledged', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaza-guard-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  writeFileSync(join(dataDir, LOCK_FILE), '1');
  const db = guardStorage({ engine: 'pglite', close: async () => {}, transaction: async () => 'comment' } as unknown as Database, dataDir, quiet);
  t.after(() => db.close());
  rmSync(dataDir, { recursive: true, force: true });
  await assert.rejects(db.transaction(async () => 'comment'), /storage is gone/);
});
