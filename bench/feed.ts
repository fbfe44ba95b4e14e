// `npm run bench:feed`: does a feed page cost the page or the history? (issue 15, item 3)
// A benchmark, not a test: it prints figures and fails only when it cannot run.
//
// For each database it starts the real server in this process (PGlite in a temporary folder with
// its default fsync; a throwaway PostgreSQL with its default durable settings from
// scripts/with-postgres.sh --durable), with the demo seed, and fills the activity feed with status
// posts by bulk SQL (bench/feed-data.ts) up to each size in turn (default 1,000, 10,000 and
// 100,000 activities). At each size, once the server's own statistics upkeep has seen the new rows
// (it looks every 2 s here instead of every 30 s), it times `GET /api/v1/activities` for every
// scope (all, following, user:<id>, space:<key>), the first page and a deep one, signed in as a
// reader who follows two colleagues: the median of --requests sequential requests after a
// warm-up. The deep page starts at the same item at every size (half way down the scope at the
// smallest size), so the pages compare. The growth of a page is its median at the largest size
// over the smallest; the aim is at most 1.5×. The last line is one JSON object whose "growth" is
// the worst scope's.
//
// Options: --sizes 1000,10000,100000  --requests <n> (default 40)  --only pglite|postgres
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Queryable } from '../server/db.ts';
import { startPlaza } from '../server/start.ts';
import { encodeCursor } from '../server/store/cursors.ts';
import { startDurablePostgres } from '../scripts/durable-postgres.mjs';
import { fillActivities } from './feed-data.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    requests: { type: 'string', default: '40' },
    only: { type: 'string' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
if (SIZES.some((size) => !Number.isInteger(size) || size < 200) || SIZES.length < 2) throw new Error('--sizes: at least two whole numbers ≥ 200, e.g. 1000,10000');
const REQUESTS = Number(args.requests);
const AIM = 1.5;
const READER = 'anna.lehmann';
const FOLLOWED = ['jonas.richter', 'marie.klein'];

/** Each scope, and the rows it covers in SQL (to find the deep page's cursor). */
const SCOPES = [
  { name: 'all', scope: 'all', where: '$1::text IS NOT NULL', value: 'all' },
  { name: 'following', scope: 'following', where: 'actor_id = $1 OR actor_id IN (SELECT followee_id FROM follows WHERE follower_id = $1)', value: READER },
  { name: 'user', scope: `user:${FOLLOWED[0]}`, where: 'actor_id = $1', value: FOLLOWED[0] },
  { name: 'space', scope: 'space:bereich:it', where: `place LIKE $1 || '%'`, value: 'bereich:it' },
] as const;

/** Median milliseconds per page and size. */
type Figures = Record<string, Record<number, number>>;

const engines = ['pglite', 'postgres'].filter((engine) => !args.only || args.only === engine);
console.log(`bench:feed: sizes ${SIZES.join(', ')}, ${REQUESTS} requests per page, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const results: Record<string, { medians: Figures; growth: Record<string, number> }> = {};
for (const engine of engines) results[engine] = await runEngine(engine as 'pglite' | 'postgres');

console.log(`\nengine    page               ${SIZES.map((size) => `${size.toLocaleString('en')} ms`.padStart(12)).join('')}   growth`);
let worst = 0;
let worstAt = '';
for (const [engine, { medians, growth }] of Object.entries(results)) {
  for (const [page, bySize] of Object.entries(medians)) {
    const ratio = growth[page]!;
    if (ratio > worst) [worst, worstAt] = [ratio, `${engine} ${page}`];
    console.log(`${engine.padEnd(9)} ${page.padEnd(18)} ${SIZES.map((size) => bySize[size]!.toFixed(2).padStart(12)).join('')}   ${ratio.toFixed(2)}×`);
  }
}
console.log(`\naim: every page at most ${AIM}× slower at ${SIZES.at(-1)!.toLocaleString('en')} than at ${SIZES[0]!.toLocaleString('en')} activities: ${worst <= AIM ? 'met' : 'not met'} (worst: ${worstAt}, ${worst.toFixed(2)}×)`);
console.log(
  JSON.stringify({
    bench: 'feed',
    sizes: SIZES,
    requests: REQUESTS,
    cpus: cpus().length,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    ...Object.fromEntries(Object.entries(results).map(([engine, { medians, growth }]) => [engine, { medianMs: medians, growth }])),
    growth: Number(worst.toFixed(2)),
    aim: AIM,
    met: worst <= AIM,
  }),
);

async function runEngine(engine: 'pglite' | 'postgres'): Promise<{ medians: Figures; growth: Record<string, number> }> {
  const postgres = engine === 'postgres' ? startDurablePostgres('bench:feed') : undefined;
  const dataDir = engine === 'pglite' ? await mkdtemp(join(tmpdir(), 'plaza-bench-feed-')) : 'memory://';
  const quiet = { info() {}, warn() {}, error: (message: string, error?: unknown) => console.error(message, error) };
  const server = await startPlaza({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: postgres?.url,
    seed: 'demo',
    auth: 'dev',
    rateLimit: 0,
    writeRateLimit: 0,
    statisticsCheckMs: 2000,
    logger: quiet,
  });
  try {
    const api = `${server.url}api/v1`;
    const cookie = await signIn(api, READER);
    for (const followee of FOLLOWED) await fetch(`${api}/people/${followee}/follow`, { method: 'PUT', headers: { cookie } }).then((res) => res.arrayBuffer());
    const actors = (await server.db.query<{ id: string }>('SELECT id FROM people ORDER BY id')).map((row) => row.id);
    const newest = new Date(Date.now() - 60_000);
    const medians: Figures = {};
    const deepOffsets = new Map<string, number>();
    let filled = 0;
    for (const size of SIZES) {
      const [{ n: existing } = { n: 0 }] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM activities');
      const started = performance.now();
      const add = size - existing;
      if (add > 0) await fillActivities(server.db, actors, filled + 1, filled + add, newest);
      filled += Math.max(0, add);
      const seeded = performance.now();
      await waitForStatistics(server.db, size);
      console.log(
        `${engine}: ${size.toLocaleString('en')} activities (seeded in ${((seeded - started) / 1000).toFixed(1)} s, statistics after ${((performance.now() - seeded) / 1000).toFixed(1)} s)`,
      );
      for (const { name, scope, where, value } of SCOPES) {
        if (!deepOffsets.has(name)) {
          const [{ n } = { n: 0 }] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE ${where}`, [value]);
          deepOffsets.set(name, Math.max(0, Math.min(Math.floor(n / 2), n - 21)));
        }
        const [deep] = await server.db.query<{ at: string; id: string }>(
          `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id FROM activities
           WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
          [value, deepOffsets.get(name)],
        );
        const url = `${api}/activities?scope=${encodeURIComponent(scope)}&limit=20`;
        const pages = { [`${name} first`]: url, [`${name} deep`]: `${url}&cursor=${encodeCursor([deep!.at, deep!.id])}` };
        for (const [page, pageUrl] of Object.entries(pages)) {
          const median = await timeRequests(pageUrl, cookie);
          (medians[page] ??= {})[size] = Number(median.toFixed(3));
        }
      }
    }
    const growth: Record<string, number> = {};
    for (const [page, bySize] of Object.entries(medians)) growth[page] = Number((bySize[SIZES.at(-1)!]! / bySize[SIZES[0]!]!).toFixed(2));
    return { medians, growth };
  } finally {
    await server.close();
    if (engine === 'pglite') await rm(dataDir, { recursive: true, force: true });
    postgres?.stop();
  }
}

/** The median of REQUESTS sequential GETs, after twenty not counted (the first size would otherwise pay for warming up). */
async function timeRequests(url: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 20; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = (await res.json()) as { items?: unknown[] };
    if (!res.ok || !body.items || body.items.length !== 20) throw new Error(`GET ${url}: ${res.status} with ${body.items?.length} items`);
    if (i >= 20) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Until the server's statistics upkeep (or autovacuum) has analysed the activities at their new size; 60 s at most. */
async function waitForStatistics(db: Queryable, rows: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    const [row] = await db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'activities' AND relkind = 'r'`);
    if ((row?.n ?? -1) >= rows * 0.8) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log('  (the statistics did not catch up within 60 s; measuring anyway)');
}

async function signIn(api: string, userId: string): Promise<string> {
  const res = await fetch(`${api}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (!res.ok) throw new Error(`sign-in as ${userId}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}
