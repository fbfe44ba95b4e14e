/**
 * The PostgreSQL server the PostgreSQL tests share. `npm run test:server`
 * starts one throwaway server for the whole run (scripts/with-postgres.sh)
 * and passes its URL as PLAZA_TEST_DATABASE_URL; a test file run on its own
 * starts its own the same way and stops it when it exits. Every test server
 * gets a database of its own on it, so tests never see each other's rows.
 *
 * PLAZA_TEST_POSTGRES=skip skips these tests (a machine without PostgreSQL
 * and without root to install it); nothing skips them silently.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Why the PostgreSQL tests do not run here, or undefined when they do (for `describe(…, { skip })`). */
export const skipPostgres: string | undefined =
  process.env.PLAZA_TEST_POSTGRES === 'skip' ? 'PLAZA_TEST_POSTGRES=skip' : undefined;

let server: string | undefined;

/** The URL of the shared server's `plaza` database (a superuser connects there). */
export function postgresUrl(): string {
  server ??= process.env.PLAZA_TEST_DATABASE_URL || startOwnServer();
  return server;
}

/** A new, empty UTF8 database on the shared server; its URL. */
export async function freshDatabase(): Promise<string> {
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs one statement on a database, outside any Plaza server (to look behind its back, or to play a misbehaving writer). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function startOwnServer(): string {
  const started = spawnSync('bash', ['scripts/with-postgres.sh', 'start'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = /^export DATABASE_URL=(\S+)$/m.exec(started.stdout ?? '')?.[1];
  const dir = /^export PLAZA_PG_DIR=(\S+)$/m.exec(started.stdout ?? '')?.[1];
  if (started.status !== 0 || !url || !dir) {
    throw new Error(
      'Could not start a PostgreSQL server for the tests (scripts/with-postgres.sh start, see its messages above). ' +
        'Set PLAZA_TEST_POSTGRES=skip to run the other tests without it.',
    );
  }
  process.once('exit', () => {
    spawnSync('bash', ['scripts/with-postgres.sh', 'stop', dir], { cwd: ROOT, stdio: 'ignore' });
  });
  return url;
}
