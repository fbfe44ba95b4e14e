// `npm run bench:server`: load figures for the reference server, on PGlite and on PostgreSQL.
// A benchmark, not a test: it prints figures and fails only when it cannot run.
//
// For each database it starts the real server (server/main.ts as a child process; PGlite in a
// temporary folder with its default fsync, or a throwaway PostgreSQL with its default durable
// settings from scripts/with-postgres.sh --durable), seeds a thread of 200 comments (150 top-level,
// 50 replies, reactions on some), and runs autocannon for a few seconds per scenario:
//   ceiling    GET /api/v1/me signed out: no database, the framework's own ceiling on this machine
//   thread     GET /api/v1/threads/{key}/comments signed in: the first page of the 200-comment thread
//              as <plaza-comments> loads it by default (limit 20: 20 top-level comments and the 50
//              replies under them, 70 comments), authors and reactions embedded (the session
//              lookup, and the thread cache's check with the reader's own reactions)
//   whole      the whole 200-comment thread signed in: its three pages at the largest limit (50), in
//              turn on each connection; req/s counts pages (three make the thread)
//   anonymous  the same page signed out
//   revalidate the same page signed in with If-None-Match: 304 without a body
//   reacting   the thread scenario while a reaction on the page's first comment toggles 20 times a
//              second (each change drops the cached page, so this shows pages being built again)
//   write      POST /api/v1/threads/{key}/comments signed in, a new Idempotency-Key per request
// The machine is shared and its load varies, so compare each figure with the ceiling of the same
// run (the `ceiling` column: req/s as a share of it), and look at `cpu ms/req`: the CPU time the
// server and its PostgreSQL (not autocannon) spent per answer during the run, read from /proc,
// which the other load on the machine disturbs far less than req/s. The last line is one JSON
// object with every figure. Aim (issue 4): thread ≥ 1,500 req/s with p99 ≤ 50 ms at 50 connections on PostgreSQL.
//
// Options: --duration <s> (default 5) --connections <n> (default 50) --only pglite|postgres
//          --scenarios ceiling,thread,… (default all; ceiling always runs, as the yardstick)
//          --baseline <git revision>: also measures the server of that revision (checked out into a
//          temporary git worktree beside this one's node_modules), right before this one on each
//          database, and prints this one's figures as ratios of the baseline's ("before and after,
//          same run"). The JSON line then has `baseline` and `ratio` (req/s and CPU ms per answer).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startDurablePostgres } from '../scripts/durable-postgres.mjs';
import { startServerProcess } from '../scripts/server-process.mjs';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
    scenarios: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIOS = args.scenarios?.split(',');
/** Whether to run a scenario: all by default, else those named (and the ceiling). */
const wanted = (name) => !SCENARIOS || name === 'ceiling' || SCENARIOS.includes(name);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const AIM = { engine: 'postgres', scenario: 'thread', rps: 1500, p99: 50 };
const THREAD = 'page:/bench/thread';
const WRITE_THREAD = 'page:/bench/writes';
const READERS = ['ayse.demir', 'jonas.richter', 'marie.klein', 'niklas.braun', 'petra.schulz', 'lea.neumann'];
/** Milliseconds per clock tick of /proc's CPU times. */
const TICK_MS = 1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100);
/** No rate limit (the load is the point), no demo seed beyond the people. */
const ENV = { PLAZA_RATE_LIMIT: '0', PLAZA_WRITE_RATE_LIMIT: '0', PLAZA_ANONYMOUS_RATE_LIMIT: '0', PLAZA_SEED: 'demo' };

const engines = ['pglite', 'postgres'].filter((engine) => !args.only || args.only === engine);
console.log(`bench:server: ${CONNECTIONS} connections, ${DURATION} s per scenario, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

/** @typedef {Record<string, { rps: number, p50: number, p99: number, errors: number, cpuMsPerRequest: number }>} Figures */
/** @type {Record<string, Figures>} */
const figures = {};
/** @type {Record<string, Figures>} */
const baselineFigures = {};
/** The processes whose CPU time counts: the server and, on PostgreSQL, the postmaster and its backends. */
let measured = () => /** @type {number[]} */ ([]);
const baseline = args.baseline ? checkOut(args.baseline) : undefined;
try {
  for (const engine of engines) {
    if (baseline) {
      console.log(`\n${engine}: baseline ${args.baseline}`);
      baselineFigures[engine] = await measure(engine, baseline.entry);
      console.log(`${engine}: this checkout`);
    }
    figures[engine] = await measure(engine);
  }
} finally {
  baseline?.remove();
}

/**
 * Every wanted scenario against a fresh server (and, on PostgreSQL, a fresh database).
 * @param {string} engine @param {string} [entry] another checkout's server/main.ts
 * @returns {Promise<Figures>}
 */
async function measure(engine, entry) {
  const postgres = engine === 'postgres' ? startDurablePostgres('bench:server') : undefined;
  const entryBefore = process.env.PLAZA_SERVER_ENTRY;
  if (entry) process.env.PLAZA_SERVER_ENTRY = entry;
  const server = await startServerProcess({ env: { ...ENV, ...(postgres ? { DATABASE_URL: postgres.url } : {}) } }).finally(() => {
    if (entryBefore === undefined) delete process.env.PLAZA_SERVER_ENTRY;
    else process.env.PLAZA_SERVER_ENTRY = entryBefore;
  });
  measured = () => {
    const all = processes();
    const servers = all.filter((p) => p.ppid === process.pid && p.command.includes('server/main.ts')).map((p) => p.pid);
    const postmaster = postgres ? Number(readText(`${postgres.dir}/data/postmaster.pid`).split('\n')[0]) : NaN;
    return [...servers, ...(postgres ? [postmaster, ...all.filter((p) => p.ppid === postmaster).map((p) => p.pid)] : [])];
  };
  try {
    const cookie = await signIn(server.url, READERS[0]);
    const ids = await seedThread(server.url);
    const api = `${server.url}api/v1`;
    const thread = `${api}/threads/${encodeURIComponent(THREAD)}/comments`;
    const etag = (await fetch(thread, { headers: { cookie } }).then((res) => res.arrayBuffer().then(() => res.headers.get('etag')))) ?? '';
    const reactor = await signIn(server.url, READERS[1]);
    const wholePages = await pagesOf(thread, cookie);
    const scenarios = {
      ceiling: () => run(`${engine} ceiling`, { url: `${api}/me` }),
      thread: () => run(`${engine} thread`, { url: thread, headers: { cookie } }),
      whole: () => run(`${engine} whole`, { url: thread, headers: { cookie }, requests: wholePages.map((path) => ({ path })) }),
      anonymous: () => run(`${engine} anonymous`, { url: thread }),
      revalidate: () => run(`${engine} revalidate`, { url: thread, headers: { cookie, 'if-none-match': etag } }, 304),
      reacting: () =>
        whileReacting(`${api}/reactions/${encodeURIComponent(`comment:${ids[149]}`)}/like`, reactor, () =>
          run(`${engine} reacting`, { url: thread, headers: { cookie } }),
        ),
      write: () => run(`${engine} write`, {
        url: `${api}/threads/${encodeURIComponent(WRITE_THREAD)}/comments`,
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest(request) {
              const key = randomUUID();
              return { ...request, headers: { ...request.headers, 'idempotency-key': key }, body: JSON.stringify({ text: `Benchmark ${key}` }) };
            },
          },
        ],
      }),
    };
    /** @type {Figures} */
    const result = {};
    for (const [name, scenario] of Object.entries(scenarios)) if (wanted(name)) result[name] = await scenario();
    return result;
  } finally {
    await server.stop();
    postgres?.stop();
  }
}

if (baseline) printTable(`baseline ${args.baseline}`, baselineFigures);
printTable(baseline ? 'this checkout' : '', figures);
const ratio = baseline ? ratios(figures, baselineFigures) : undefined;
if (ratio) {
  console.log('\nthis checkout / baseline   req/s   cpu ms/req   (req/s above 1 and CPU below 1 are better)');
  for (const [engine, scenarios] of Object.entries(ratio)) {
    for (const [scenario, r] of Object.entries(scenarios)) {
      console.log(`${engine.padEnd(9)} ${scenario.padEnd(11)} ${r.rps.toFixed(2).padStart(10)} ${r.cpuMsPerRequest.toFixed(2).padStart(12)}`);
    }
  }
}
const aimed = figures[AIM.engine]?.[AIM.scenario];
const met = aimed ? aimed.rps >= AIM.rps && aimed.p99 <= AIM.p99 : null;
if (aimed) console.log(`\naim: ${AIM.scenario} on ${AIM.engine} ≥ ${AIM.rps} req/s with p99 ≤ ${AIM.p99} ms: ${met ? 'met' : 'not met'}`);
console.log(
  JSON.stringify({
    bench: 'server',
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    cpus: cpus().length,
    loadAverage: Number(loadavg()[0].toFixed(2)),
    ...figures,
    aim: { ...AIM, met },
    ...(baseline ? { baseline: { revision: args.baseline, ...baselineFigures }, ratio } : {}),
  }),
);

/** @param {string} title @param {Record<string, Figures>} all */
function printTable(title, all) {
  console.log(`\n${title ? `${title}\n` : ''}engine    scenario       req/s   ceiling   p50 ms   p99 ms   errors   cpu ms/req`);
  for (const [engine, scenarios] of Object.entries(all)) {
    for (const [scenario, f] of Object.entries(scenarios)) {
      const share = `${Math.round((100 * f.rps) / scenarios.ceiling.rps)} %`;
      console.log(
        `${engine.padEnd(9)} ${scenario.padEnd(11)} ${f.rps.toFixed(0).padStart(8)} ${share.padStart(9)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${String(f.errors).padStart(8)} ${f.cpuMsPerRequest.toFixed(2).padStart(12)}`,
      );
    }
  }
}

/**
 * This checkout's req/s and CPU per answer as ratios of the baseline's, per engine and scenario.
 * @param {Record<string, Figures>} now @param {Record<string, Figures>} before
 */
function ratios(now, before) {
  /** @type {Record<string, Record<string, { rps: number, cpuMsPerRequest: number }>>} */
  const out = {};
  for (const [engine, scenarios] of Object.entries(now)) {
    out[engine] = {};
    for (const [scenario, f] of Object.entries(scenarios)) {
      const b = before[engine]?.[scenario];
      if (!b) continue;
      out[engine][scenario] = {
        rps: Number((f.rps / b.rps).toFixed(2)),
        cpuMsPerRequest: Number((f.cpuMsPerRequest / b.cpuMsPerRequest).toFixed(2)),
      };
    }
  }
  return out;
}

/**
 * Another revision's server, checked out with `git worktree` into a temporary folder that
 * borrows this checkout's node_modules (the baseline runs on today's dependencies).
 * @param {string} revision @returns {{ entry: string, remove: () => void }}
 */
function checkOut(revision) {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-baseline-'));
  const git = (/** @type {string[]} */ ...gitArgs) => {
    const done = spawnSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`bench:server: git ${gitArgs.join(' ')}: ${done.stderr.trim()}`);
  };
  git('worktree', 'add', '--detach', dir, revision);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    entry: join(dir, 'server/main.ts'),
    remove: () => git('worktree', 'remove', '--force', dir),
  };
}

/**
 * One scenario: a one-second warm-up (JIT, caches, pool connections), then the measured run.
 * @param {string} name
 * @param {import('autocannon').Options} options
 * @param {number} [status] the status every answer should have (default: any 2xx)
 */
async function run(name, options, status) {
  const common = { connections: CONNECTIONS, headers: {}, ...options };
  await autocannon({ ...common, duration: 1 });
  const cpuBefore = cpuTime(measured());
  const result = await autocannon({ ...common, duration: DURATION });
  const cpuAfter = cpuTime(measured());
  let cpu = 0;
  for (const [pid, ms] of cpuAfter) cpu += ms - (cpuBefore.get(pid) ?? 0);
  // autocannon counts a 304 as non-2xx: with an expected status, anything else is the error.
  const expected = status === undefined ? 0 : (result.statusCodeStats?.[String(status)]?.count ?? 0);
  const errors = result.errors + result.timeouts + (status === undefined ? result.non2xx : result.requests.total - expected);
  const figure = {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    cpuMsPerRequest: Number((cpu / result.requests.total).toFixed(3)),
  };
  console.log(
    `${name}: ${figure.rps} req/s, p50 ${figure.p50} ms, p99 ${figure.p99} ms, ${figure.cpuMsPerRequest} CPU ms per answer` +
      `${errors ? `, ${errors} errors or unexpected statuses` : ''}`,
  );
  return figure;
}

/** Linux: every process with its parent and command line (none elsewhere: then CPU figures are NaN). */
function processes() {
  let pids = /** @type {string[]} */ ([]);
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) return [];
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return [{ pid: Number(pid), ppid, command: readText(`/proc/${pid}/cmdline`).replaceAll('\0', ' ') }];
  });
}

/** CPU time (user and system, ms) each process has used so far. */
function cpuTime(pids) {
  const times = new Map();
  for (const pid of pids) {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) continue;
    const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
    times.set(pid, ((utime ?? 0) + (stime ?? 0)) * TICK_MS);
  }
  if (times.size === 0) times.set(0, NaN);
  return times;
}

/** A file's text, or '' when it cannot be read (a process that just ended). */
function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Toggles a reaction (PUT, DELETE, …) 20 times a second while `work` runs.
 * @template T
 * @param {string} url @param {string} cookie @param {() => Promise<T>} work
 */
async function whileReacting(url, cookie, work) {
  let running = true;
  const toggling = (async () => {
    for (let on = true; running; on = !on) {
      await Promise.all([
        fetch(url, { method: on ? 'PUT' : 'DELETE', headers: { cookie } }).then((res) => res.arrayBuffer()),
        new Promise((resolve) => setTimeout(resolve, 50)),
      ]);
    }
  })();
  try {
    return await work();
  } finally {
    running = false;
    await toggling;
  }
}

/**
 * 150 top-level comments and 50 replies to the newest ones, by several people, with reactions on some.
 * @returns {Promise<string[]>} the ids, oldest first
 */
async function seedThread(url) {
  const cookies = await Promise.all(READERS.map((id) => signIn(url, id)));
  const path = `${url}api/v1/threads/${encodeURIComponent(THREAD)}/comments`;
  const ids = [];
  for (let i = 0; i < 200; i++) {
    const cookie = cookies[i % cookies.length];
    const parentId = i >= 150 ? ids[149 - ((i - 150) % 10)] : undefined;
    const text = `Beitrag ${i}: *Ja*, das sehen wir auch so. Mehr dazu im [Wiki](https://wiki.example/${i}).`;
    const res = await fetch(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(parentId ? { text, parentId } : { text }),
    });
    if (res.status !== 201) throw new Error(`seeding: POST comment answered ${res.status} ${await res.text()}`);
    const { id } = /** @type {{ id: string }} */ (await res.json());
    ids.push(id);
    if (i % 3 === 0) {
      const target = encodeURIComponent(`comment:${id}`);
      await fetch(`${url}api/v1/reactions/${target}/like`, { method: 'PUT', headers: { cookie } }).then((r) => r.arrayBuffer());
    }
  }
  return ids;
}

/**
 * The paths of every page of a thread at the largest page size, checked to hold all 200 comments.
 * @param {string} url the thread's comments URL @param {string} cookie @returns {Promise<string[]>}
 */
async function pagesOf(url, cookie) {
  const paths = [];
  let comments = 0;
  for (let cursor = null, first = true; first || cursor; first = false) {
    const page = new URL(url);
    page.searchParams.set('limit', '50');
    if (cursor) page.searchParams.set('cursor', cursor);
    paths.push(page.pathname + page.search);
    const body = await fetch(page, { headers: { cookie } }).then((res) => res.json());
    comments += body.items.reduce((n, item) => n + 1 + item.replies.length, 0);
    cursor = body.nextCursor;
  }
  if (comments !== 200) throw new Error(`bench:server: the whole thread read ${comments} comments, not 200`);
  return paths;
}

/** @returns {Promise<string>} the Cookie header */
async function signIn(url, userId) {
  const res = await fetch(`${url}api/v1/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!res.ok) throw new Error(`sign-in as ${userId}: ${res.status} ${await res.text()}`);
  return /** @type {string} */ (res.headers.getSetCookie()[0]).split(';')[0];
}
