/**
 * `npm run bench:requests`: how many HTTP requests (and bytes) a busy intranet
 * page costs once Plaza's script has loaded. The page holds a 200-comment
 * thread, 20 reaction bars, 50 person tags and an activity feed; the goal
 * (issue "Client core") is at most 6 requests after the script. The baseline
 * printed beside it is what one request per element would cost.
 *
 * A benchmark, not a test: it prints its figures and ends with one JSON line.
 */
import type { APIRequestContext, Request } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess } from '../scripts/server-process.mjs';

const GOAL = 6;
const THREAD = 'page:/bench/betriebsversammlung';
const BARS = 20;
const PERSONS = 50;
/** No new request for this long means the page has settled. */
const QUIET_MS = 1500;

const server = await startServerProcess({ env: { PLAZA_SEED: 'demo', PLAZA_RATE_LIMIT: '0', PLAZA_WRITE_RATE_LIMIT: '0', PLAZA_ANONYMOUS_RATE_LIMIT: '0' } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const context = await browser.newContext({ locale: 'de-DE' });
  const people = ((await (await context.request.get(`${server.url}api/v1/dev/users`)).json()) as { items: Array<{ id: string }> }).items;
  await context.request.post(`${server.url}api/v1/dev/session`, { data: { userId: people[0]!.id } });
  await seedThread(context.request, people.map((p) => p.id));

  const page = await context.newPage();
  const pageUrl = `${server.url}bench/page.html`;
  await page.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: benchPage(people.map((p) => p.id)) }));

  const requests: Request[] = [];
  let scriptLoaded = false;
  let lastRequestAt = Date.now();
  page.on('request', (request) => {
    if (scriptLoaded) requests.push(request);
    lastRequestAt = Date.now();
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/dist/plaza.js') scriptLoaded = true;
  });
  const started = Date.now();
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.querySelector('plaza-comments')?.shadowRoot?.querySelector('[part="list"]'), null, {
    timeout: 30_000,
  });
  while (Date.now() - lastRequestAt < QUIET_MS) await page.waitForTimeout(200);
  const settledMs = Date.now() - lastRequestAt - QUIET_MS + (lastRequestAt - started);

  let bytes = 0;
  console.log('Requests after /dist/plaza.js:');
  for (const request of requests) {
    const response = await request.response();
    const streaming = (response?.headers()['content-type'] ?? '').includes('event-stream');
    // An event stream never ends, so it has no final size; count what others weigh.
    const size = streaming || !response ? 0 : (await request.sizes()).responseBodySize;
    bytes += size;
    const url = new URL(request.url());
    console.log(`  ${request.method().padEnd(6)} ${response?.status() ?? '---'} ${String(size).padStart(7)} B  ${url.pathname}${url.search.slice(0, 80)}`);
  }
  const naive = 1 + BARS + PERSONS + 1 + 1 + 1; // thread, bars, persons, feed, me, stream
  console.log(`\n${requests.length} requests (goal ≤ ${GOAL}), ${bytes} bytes, settled in ${settledMs} ms; one request per element would be ${naive}.`);
  console.log(
    JSON.stringify({
      bench: 'requests',
      comments: 200,
      bars: BARS,
      persons: PERSONS,
      requests: requests.length,
      goal: GOAL,
      bytes,
      naiveRequests: naive,
      ratio: Number((requests.length / naive).toFixed(3)),
      settledMs,
    }),
  );
} finally {
  await browser.close();
  await server.stop();
}

async function seedThread(api: APIRequestContext, ids: string[]): Promise<void> {
  const url = `${server.url}api/v1/threads/${encodeURIComponent(THREAD)}/comments`;
  let parentId: string | undefined;
  for (let i = 0; i < 200; i++) {
    // Every fourth is a reply, as in a lively thread.
    const reply = i % 4 === 3 && parentId !== undefined;
    const response = await api.post(url, {
      data: { text: `Beitrag ${i + 1}: Gute Frage, @[Kollegin](person:${ids[i % ids.length]}) weiß mehr.`, ...(reply ? { parentId } : {}) },
      headers: { 'idempotency-key': `bench-${i}` },
    });
    if (response.status() !== 201) throw new Error(`seeding: POST answered ${response.status()} ${await response.text()}`);
    if (!reply) parentId = ((await response.json()) as { id: string }).id;
  }
}

function benchPage(ids: string[]): string {
  const bars = Array.from({ length: BARS }, (_, i) => `<li>Meldung ${i + 1} <plaza-reactions target="page:/bench/news/${i}"></plaza-reactions></li>`);
  const persons = Array.from({ length: PERSONS }, (_, i) => `<plaza-person user="${ids[i % ids.length]}"></plaza-person>`);
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Benchmark: eine volle Intranetseite</title>
<script type="module" src="/dist/plaza.js"></script></head>
<body>
<h1>Betriebsversammlung</h1>
<ul>${bars.join('\n')}</ul>
<p>Ansprechpartner: ${persons.join(', ')}</p>
<plaza-activity-feed scope="all"></plaza-activity-feed>
<plaza-comments thread="${THREAD}"></plaza-comments>
</body></html>`;
}
