// A throwaway PostgreSQL with its default, durable settings (scripts/with-postgres.sh start --durable),
// for benchmarks that compare it with PGlite; stopped by stop() or when the process exits.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} who names the caller in the error message */
export function startDurablePostgres(who) {
  const started = spawnSync('bash', ['scripts/with-postgres.sh', 'start', '--durable'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = /^export DATABASE_URL=(\S+)$/m.exec(started.stdout ?? '')?.[1];
  const dir = /^export PLAZA_PG_DIR=(\S+)$/m.exec(started.stdout ?? '')?.[1];
  if (started.status !== 0 || !url || !dir) throw new Error(`${who}: could not start PostgreSQL (scripts/with-postgres.sh start).`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync('bash', ['scripts/with-postgres.sh', 'stop', dir], { cwd: ROOT, stdio: 'ignore' });
  };
  process.once('exit', stop);
  return { url, dir, stop };
}
