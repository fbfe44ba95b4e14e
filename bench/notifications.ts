// `npm run bench:notifications`: does telling people make writing slow? (issue 20, tests and benchmarks)
// A benchmark, not a test: it prints figures and fails only when it cannot run.
//
// It starts the real server in this process (PGlite in a temporary folder, with its default fsync),
// with the demo seed, adds 1,000 colleagues by bulk SQL and makes them watch threads: one thread
// each with 0, 10, 100 and 1,000 watchers. Then, in one run:
// - POST latency: --posts comments (after five not counted) to each thread, interleaved, one at a
//   time, timed from request to answer; the median per thread. Before each POST the server is
//   quiet (the previous comment's watchers all told), so a POST pays only for its own write.
//   "0 vs 1,000 watchers" compares the first and the last: the aim is at most 1.5× (decision 200:
//   the watchers are told after commit, by the fan-out worker).
// - Fan-out: from the POST's start until the last watcher's entry exists, the median per count.
// - A POST beside a fan-out: a comment to the thread nobody watches, sent while the 1,000
//   watchers of the comment just before are being told (PGlite runs one transaction at a time:
//   what other writers wait for the worker, at most one of its steps).
// - Delivery: 200 watchers each hold an event stream on `me:notifications` (signed in as
//   themselves); a comment is posted to their thread and the time until every one of the 200
//   streams has its `notification.created` is measured, --rounds times; the median of the last
//   stream's arrival, and of the median stream's.
// The last line is one JSON object.
//
// Options: --posts <n> (default 40)  --rounds <n> (default 5)  --listeners <n> (default 200)
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPlaza } from '../server/start.ts';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '5' },
    listeners: { type: 'string', default: '200' },
  },
});
const POSTS = Number(args.posts);
const ROUNDS = Number(args.rounds);
const LISTENERS = Number(args.listeners);
const WATCHERS = [0, 10, 100, 1000] as const;
const AIM = 1.5;
const AUTHOR = 'anna.lehmann';

console.log(`bench:notifications: ${POSTS} posts per thread, ${ROUNDS} rounds to ${LISTENERS} listeners, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const dataDir = await mkdtemp(join(tmpdir(), 'plaza-bench-notifications-'));
const quiet = { info() {}, warn() {}, error: (message: string, error?: unknown) => console.error(message, error) };
const server = await startPlaza({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  seed: 'demo',
  auth: 'dev',
  rateLimit: 0,
  writeRateLimit: 0,
  anonymousRateLimit: 0,
  streamsPerAddress: 0,
  streamsPerPerson: 0,
  streamsTotal: 0,
  logger: quiet,
});
const api = `${server.url}api/v1`;
const streams: AbortController[] = [];
try {
  await server.db.query(
    `INSERT INTO people (id, name) SELECT 'bench.watcher' || lpad(i::text, 4, '0'), 'Beobachterin ' || i FROM generate_series(1, 1000) i`,
  );
  const thread = (n: number) => `page:/bench/notifications/${n}`;
  for (const n of WATCHERS) {
    await server.db.query('INSERT INTO threads (key) VALUES ($1) ON CONFLICT DO NOTHING', [thread(n)]);
    await server.db.query(
      `INSERT INTO thread_watches (thread_key, person_id) SELECT $1, 'bench.watcher' || lpad(i::text, 4, '0') FROM generate_series(1, $2::int) i`,
      [thread(n), n],
    );
  }
  const author = await signIn(AUTHOR);
  /** Posts a comment; answers how long the POST took and the comment's id. */
  const post = async (key: string, text: string) => {
    const started = performance.now();
    const res = await fetch(`${api}/threads/${encodeURIComponent(key)}/comments`, {
      method: 'POST',
      headers: { cookie: author, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    if (res.status !== 201) throw new Error(`POST ${key}: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    return { ms: performance.now() - started, started, id };
  };
  /** Resolves when `count` entries tell of the comment (performance.now() then): every watcher was told. */
  const toldAll = async (id: string, count: number) => {
    for (;;) {
      const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE source = $1', [`comment:${id}`]);
      if (row!.n >= count) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };

  // POST latency per watcher count, interleaved so load and caches fall on every count alike, and in an order
  // that turns each round so no count always follows the 1,000 (the worker's last step and the garbage it left).
  const times: Record<number, number[]> = Object.fromEntries(WATCHERS.map((n) => [n, []]));
  const fanOuts: Record<number, number[]> = Object.fromEntries(WATCHERS.map((n) => [n, []]));
  for (let i = 0; i < POSTS + 5; i++) {
    for (const n of [...WATCHERS.slice(i % WATCHERS.length), ...WATCHERS.slice(0, i % WATCHERS.length)]) {
      const { ms, started, id } = await post(thread(n), `Beitrag ${i}`);
      const done = await toldAll(id, n);
      if (i >= 5) {
        times[n]!.push(ms);
        fanOuts[n]!.push(done - started);
      }
    }
  }
  const postMs = Object.fromEntries(WATCHERS.map((n) => [n, Number(median(times[n]!).toFixed(2))])) as Record<number, number>;
  const fanOutMs = Object.fromEntries(WATCHERS.filter((n) => n > 0).map((n) => [n, Number(median(fanOuts[n]!).toFixed(2))]));
  const ratio = postMs[1000]! / postMs[0]!;
  for (const n of WATCHERS) console.log(`POST with ${String(n).padStart(5)} watchers: median ${postMs[n]!.toFixed(2)} ms${n > 0 ? `, all watchers told after ${fanOutMs[n]!.toFixed(2)} ms` : ''}`);

  // A POST nobody watches, sent while a 1,000-watcher fan-out runs.
  const beside: number[] = [];
  for (let i = 0; i < Math.min(POSTS, 20); i++) {
    const { id } = await post(thread(1000), `Nebenher ${i}`);
    beside.push((await post(thread(0), `Daneben ${i}`)).ms);
    await toldAll(id, 1000);
  }
  const besideMs = Number(median(beside).toFixed(2));
  console.log(`POST with 0 watchers while 1,000 watchers are being told: median ${besideMs} ms`);

  // Delivery to LISTENERS streams on me:notifications.
  const listenerThread = thread(1000);
  const arrivals: Array<(round: number) => Promise<number>> = [];
  for (let i = 1; i <= LISTENERS; i++) arrivals.push(await listen(await signIn(`bench.watcher${String(i).padStart(4, '0')}`)));
  const lastMs: number[] = [];
  const middleMs: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    const waiting = arrivals.map((arrival) => arrival(round).then((at) => at - started));
    const { id } = await post(listenerThread, `Runde ${round}`);
    const took = (await Promise.all(waiting)).sort((a, b) => a - b);
    lastMs.push(took.at(-1)!);
    middleMs.push(took[Math.floor(took.length / 2)]!);
    await toldAll(id, 1000);
  }
  const delivery = { medianStreamMs: Number(median(middleMs).toFixed(1)), lastStreamMs: Number(median(lastMs).toFixed(1)) };
  console.log(`POST → notification.created at ${LISTENERS} listeners: median stream ${delivery.medianStreamMs} ms, last stream ${delivery.lastStreamMs} ms (medians of ${ROUNDS} rounds)`);
  console.log(`aim: POST with 1,000 watchers at most ${AIM}× the POST with none: ${ratio <= AIM ? 'met' : 'not met'} (${ratio.toFixed(2)}×)`);
  console.log(
    JSON.stringify({
      bench: 'notifications',
      engine: 'pglite',
      posts: POSTS,
      cpus: cpus().length,
      loadAverage: Number(loadavg()[0]!.toFixed(2)),
      postMedianMs: postMs,
      fanOutMs,
      postBesideFanOutMs: besideMs,
      listeners: LISTENERS,
      delivery,
      ratio: Number(ratio.toFixed(2)),
      aim: AIM,
      met: ratio <= AIM,
    }),
  );
} finally {
  for (const stream of streams) stream.abort();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * Opens a stream on `me:notifications` for `cookie`; answers a function that resolves, for round n,
 * when the stream has seen its n-th `notification.created` (performance.now() at arrival).
 */
async function listen(cookie: string): Promise<(round: number) => Promise<number>> {
  const abort = new AbortController();
  streams.push(abort);
  const res = await fetch(`${api}/events?topics=me%3Anotifications`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
  const seen: number[] = [];
  const waiters = new Map<number, (at: number) => void>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const opened = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: '' }));
      if (done) return;
      buffer += value;
      if (buffer.includes('event: ready')) ready();
      let at: number;
      while ((at = buffer.indexOf('event: notification.created')) >= 0) {
        buffer = buffer.slice(at + 27);
        seen.push(performance.now());
        waiters.get(seen.length)?.(seen.at(-1)!);
      }
      buffer = buffer.slice(-64);
    }
  })();
  await opened;
  return (round) => (seen.length >= round ? Promise.resolve(seen[round - 1]!) : new Promise((resolve) => waiters.set(round, resolve)));
}

async function signIn(userId: string): Promise<string> {
  const res = await fetch(`${api}/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (!res.ok) throw new Error(`sign-in as ${userId}: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
