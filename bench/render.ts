/**
 * `npm run bench:render`: how long the built library (dist/plaza.js) takes to
 * show a 200- and a 1,000-comment thread in Chromium, beside the floor: the
 * same comments as plain HTML through one `innerHTML`, in the same run. The
 * goal (issue "Comment thread") is Plaza within 2× the floor, and frames
 * under 16 ms while a 1,000-comment thread scrolls.
 *
 * What is measured, and what is not:
 * - The data is in the page's memory before the clock starts: `fetch` is
 *   patched so the thread's GET (and `/me`, `/people` for the mentions'
 *   name tags) answer at once from a string; only the event stream goes
 *   through `page.route`. Serving the thread through `page.route` would put
 *   a round trip through the DevTools protocol, with a megabyte of JSON for
 *   1,000 comments, inside the measurement. The network is out; what a page
 *   pays once the bytes have arrived is in: JSON parsing, the stores,
 *   DOMPurify on the server's HTML (Markdown before issue 17), Lit, one reaction bar per comment, style, layout
 *   and paint. `script` in the output is the part before the first frame.
 * - Plaza: from inserting `<plaza-comments>` to the frame after the one in
 *   which its list first appeared (a double requestAnimationFrame), so the
 *   DOM has been styled, laid out and painted. Every comment's text is there
 *   then; the name tags and reaction bars of comments beyond the first
 *   screen come when near the viewport or in idle time (loading="lazy",
 *   src/elements/shared/near-view.ts), and `settled` is the frame in which the last
 *   of them had rendered: the price of all of it, printed beside the ratio.
 * - Floor: from the same thread JSON string to the frame after one
 *   `innerHTML`: each comment's `html`, as the server rendered it (decision
 *   105: the data carries it, made by server/markdown/render.ts), not
 *   sanitised; author, role and time escaped trivially; the same visible
 *   parts: author, role, time, text, five reaction counts, a reply button,
 *   replies nested. Until issue 17 the floor converted the Markdown in the
 *   page with Plaza's own converter, as Plaza itself did then.
 * - `BASELINE=<git-ref>` also measures that revision's dist/plaza.js with the
 *   same data in the same run (bench/baseline.ts builds it in a temporary
 *   git worktree): before and after side by side, sides alternating. An older
 *   revision ignores `html` and renders the Markdown itself, as it did.
 * - Each run is a fresh page (nothing cached), Plaza and floor alternate,
 *   and the median of RUNS is reported.
 * - Scrolling: `window.scrollBy` by SCROLL_STEP px in every animation frame
 *   through the rendered 1,000-comment thread; the frame times are the
 *   deltas between requestAnimationFrame timestamps (16.7 ms at 60 Hz; 33 ms
 *   means a frame was dropped).
 *
 * Threads have 50 top-level comments (the most one page holds) with their
 * replies embedded, so one GET paints all of them, as the protocol promises.
 * `--runs N` changes the number of runs (default 7), `--sizes 200` measures
 * only the sizes given (scrolling is measured with 1,000). `--profile` adds, per
 * size, the functions with the most self time in one Plaza run and the
 * suspects measured alone (Intl formatters, number formatting, the reaction
 * bars); `--dist <folder>` takes plaza.js from elsewhere, e.g. a build with
 * `minify: false` so the profile shows real function names.
 *
 * A benchmark, not a test: it prints its figures and ends with one JSON line per size.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/server-process.mjs';
import { buildBaseline } from './baseline.ts';
import { benchThread } from './render-data.ts';

const ALL_SIZES = [200, 1000];
const GOAL_RATIO = 2;
const FRAME_BUDGET_MS = 16.7;
const SCROLL_STEP = 120;
const ORIGIN = 'http://plaza.bench';
const ENDPOINT = `${ORIGIN}/api/v1`;

/** A plain page with a column of intranet width; the floor's few rules stand in for Plaza's styles. */
const BENCH_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Benchmark: ein langer Kommentarstrang</title>
<meta name="plaza:endpoint" content="${ENDPOINT}">
<style>body { margin: 0; font: 16px/1.5 system-ui, sans-serif; } main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
.floor article { margin: 0 0 1rem; } .floor header { display: flex; gap: .5rem; align-items: baseline; } .floor h3, .floor h4 { margin: 0; font-size: 1rem; }
.floor .footer { display: flex; flex-wrap: wrap; gap: .4rem; } .floor button { font: inherit; border: 1px solid #999; border-radius: 1rem; background: none; }</style>
<script type="module" src="/dist/plaza.js"></script></head>
<body><main id="stage"></main></body></html>`;

const args = process.argv.slice(2);
const profile = args.includes('--profile');
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 7;
const SIZES = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1]!.split(',').map(Number) : ALL_SIZES;
const dist = args.includes('--dist') ? args[args.indexOf('--dist') + 1]! : fileURLToPath(new URL('../dist/', import.meta.url));
const baseline = process.env.BASELINE ? buildBaseline(process.env.BASELINE) : null;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
const results: Array<Record<string, unknown>> = [];
try {
  for (const size of SIZES) {
    const { thread, me, people } = benchThread(size);
    const json = JSON.stringify(thread);
    const reactions = JSON.stringify({ items: allComments(thread).map((c) => c.reactions) });
    const data: BenchData = { json, me, people, reactions, key: thread.key, size };
    const plaza: Timing[] = [];
    const floor: Timing[] = [];
    const before: Timing[] = [];
    const sides = baseline ? (['plaza', 'floor', 'baseline'] as const) : (['plaza', 'floor'] as const);
    for (let run = 0; run < RUNS; run++) {
      // Alternating, so a busy moment of the machine does not fall on one side only.
      for (const side of run % 2 ? [...sides].reverse() : sides) {
        const page = await benchPage(browser, data, side === 'baseline' ? baseline!.dist : dist);
        if (side === 'floor') floor.push(await page.evaluate(renderFloor, json));
        else (side === 'plaza' ? plaza : before).push(await page.evaluate(renderPlaza, { key: thread.key, expected: size }));
        await page.close();
      }
    }
    const plazaMs = median(plaza.map((t) => t.total));
    const floorMs = median(floor.map((t) => t.total));
    const plazaScriptMs = median(plaza.map((t) => t.script));
    const floorScriptMs = median(floor.map((t) => t.script));
    const plazaSettledMs = median(plaza.map((t) => t.settled!));
    const ratio = plazaMs / floorMs;
    console.log(`\n${size} comments (${thread.items.length} top-level with replies), median of ${RUNS} fresh pages:`);
    console.log(`  Plaza  ${fmt(plazaMs)} ms, of which script ${fmt(plazaScriptMs)} ms   (runs: ${plaza.map((t) => fmt(t.total)).join(', ')})`);
    console.log(`         ${fmt(plazaSettledMs)} ms until the name tags and bars of comments far down had rendered too (idle time)`);
    console.log(`  floor  ${fmt(floorMs)} ms, of which script ${fmt(floorScriptMs)} ms   (runs: ${floor.map((t) => fmt(t.total)).join(', ')})`);
    console.log(`  ratio  ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×)`);
    if (baseline) {
      console.log(`  before ${fmt(median(before.map((t) => t.total)))} ms, of which script ${fmt(median(before.map((t) => t.script)))} ms, settled ` +
        `${fmt(median(before.map((t) => t.settled!)))} ms: ${baseline.ref} (${baseline.commit})   (runs: ${before.map((t) => fmt(t.total)).join(', ')})`);
    }
    const line: Record<string, unknown> = {
      bench: 'render',
      comments: size,
      plazaMs: round(plazaMs),
      floorMs: round(floorMs),
      ratio: round(ratio, 2),
      goal: GOAL_RATIO,
      ok: ratio <= GOAL_RATIO,
      plazaScriptMs: round(plazaScriptMs),
      plazaSettledMs: round(plazaSettledMs),
      floorScriptMs: round(floorScriptMs),
      ...(baseline && {
        baseline: `${baseline.ref} (${baseline.commit})`,
        baselineMs: round(median(before.map((t) => t.total))),
        baselineScriptMs: round(median(before.map((t) => t.script))),
        baselineSettledMs: round(median(before.map((t) => t.settled!))),
      }),
    };

    if (size === Math.max(...ALL_SIZES)) {
      const scroll = await scrollFrames(data);
      for (const [name, frames] of Object.entries(scroll)) {
        console.log(
          `  scrolling ${name}: ${frames.length} frames, p50 ${fmt(percentile(frames, 50))} ms, p95 ${fmt(percentile(frames, 95))} ms, ` +
            `max ${fmt(Math.max(...frames))} ms, ${frames.filter((f) => f > FRAME_BUDGET_MS * 1.5).length} dropped`,
        );
      }
      const frames = scroll.plaza;
      Object.assign(line, {
        scrollP50Ms: round(percentile(frames, 50)),
        scrollP95Ms: round(percentile(frames, 95)),
        scrollMaxMs: round(Math.max(...frames)),
        scrollDropped: frames.filter((f) => f > FRAME_BUDGET_MS * 1.5).length,
        floorScrollP95Ms: round(percentile(scroll.floor, 95)),
        scrollOk: percentile(frames, 95) <= FRAME_BUDGET_MS + 0.5,
      });
    }
    if (profile) await printProfile(data);
    results.push(line);
  }
} finally {
  await browser.close();
  baseline?.remove();
}
console.log('');
for (const line of results) console.log(JSON.stringify(line));

/** One size's thread as the server would send it. */
interface BenchData {
  json: string;
  me: unknown;
  people: unknown[];
  /** Every comment's reaction summary, as `GET /reactions` would answer (only the bars-alone measurement asks). */
  reactions: string;
  key: string;
  size: number;
}


/** A fresh page with Plaza (from `from`, a dist/ folder) loaded and the thread's answers waiting in its memory. */
async function benchPage(on: Browser, data: BenchData, from = dist): Promise<Page> {
  const context = on.contexts()[0] ?? (await on.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', reducedMotion: 'reduce' }));
  const page = await context.newPage();
  // tsx compiles with esbuild's keepNames; functions handed to the page call its `__name` helper.
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  await page.addInitScript(answerFromMemory, {
    endpoint: ENDPOINT,
    answers: {
      [`/threads/${encodeURIComponent(data.key)}/comments`]: data.json,
      '/me': JSON.stringify(data.me),
      // The signed-in reader's watch of the thread, asked once the thread has shown (decision 190).
      [`/threads/${encodeURIComponent(data.key)}/watch`]: JSON.stringify({ key: data.key, watching: false }),
      // Mentions are name tags; their batch asks for some of these.
      '/people': JSON.stringify({ items: data.people }),
      '/reactions': data.reactions,
      '/events/poll': '{"events":[],"lastEventId":"1","more":false}',
    },
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/bench.html') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: BENCH_PAGE });
    if (url.pathname.startsWith('/dist/')) {
      const type = url.pathname.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8';
      return route.fulfill({ contentType: type, body: readFileSync(join(from, url.pathname.slice('/dist/'.length))) });
    }
    // The stream says where it starts and ends; EventSource would come back in an hour.
    if (url.pathname === '/api/v1/events') return route.fulfill({ contentType: 'text/event-stream', body: 'retry: 3600000\nid: 1\nevent: ready\ndata: {}\n\n' });
    console.warn(`unexpected request: ${url.pathname}${url.search}`);
    return route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"type":"about:blank","title":"Not found","status":404}' });
  });
  await page.goto(`${ORIGIN}/bench.html`);
  // plaza.js is the lazy loader (decision 133): it loads an element's chunks when its tag appears.
  // What is measured is rendering, so both are loaded first: defineElements() loads and defines
  // every element (a one-file plaza.js of a baseline defines them at once; its defineElements()
  // is then harmless). The cost of fetching chunks is in bench:requests' settled time.
  await page.evaluate((script) => import(script).then((plaza: { defineElements(): unknown }) => plaza.defineElements()), '/dist/plaza.js');
  await page.evaluate(() => customElements.whenDefined('plaza-comments'));
  // Loading leaves work behind (garbage collection, the module's compilation, fonts): let it finish,
  // so neither side's clock starts in the middle of it.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  return page;
}

/** In the page, before Plaza loads: `fetch` answers these paths of the endpoint from memory. */
function answerFromMemory({ endpoint, answers }: { endpoint: string; answers: Record<string, string> }): void {
  const real = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = url.href.startsWith(endpoint) ? answers[url.pathname.slice(new URL(endpoint).pathname.length)] : undefined;
    if (body === undefined) return real(input, init);
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
  };
}

/**
 * Milliseconds from the start to the frame after the content appeared
 * (`total`), and to the first animation frame (`script`: every script and
 * microtask has run by then; style, layout and paint come after it).
 */
interface Timing {
  total: number;
  script: number;
  /**
   * Plaza only: to the frame in which every name tag and reaction bar had its content, those of
   * comments far down included (they wait for the viewport or idle time, src/elements/shared/near-view.ts).
   */
  settled?: number;
}

/** In the page: inserts `<plaza-comments>` and resolves when the frame after its list appeared has begun. */
function renderPlaza({ key, expected }: { key: string; expected: number }): Promise<Timing> {
  const stage = document.getElementById('stage')!;
  const element = document.createElement('plaza-comments');
  element.setAttribute('thread', key);
  element.setAttribute('page-size', '50');
  return new Promise((resolve, reject) => {
    const start = performance.now();
    stage.append(element);
    const observer = new MutationObserver(() => {
      if (!element.shadowRoot!.querySelector('[part="list"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const script = performance.now() - start;
        requestAnimationFrame(() => {
          const total = performance.now() - start;
          const shown = element.shadowRoot!.querySelectorAll('article[part~="comment"]').length;
          if (shown !== expected) return reject(new Error(`Plaza shows ${shown} comments, expected ${expected}`));
          const tags = Array.from(element.shadowRoot!.querySelectorAll<Element & { hasUpdated: boolean }>('plaza-person, plaza-reactions'));
          const settle = () => {
            if (tags.every((tag) => tag.hasUpdated)) resolve({ total, script, settled: performance.now() - start });
            else requestAnimationFrame(settle);
          };
          settle();
        });
      });
    });
    observer.observe(element.shadowRoot!, { childList: true, subtree: true });
  });
}

/** In the page: the floor, from the thread's JSON to the frame after one innerHTML. */
function renderFloor(json: string): Promise<Timing> {
  const stage = document.getElementById('stage')!;
  const start = performance.now();
  type C = { id: string; author: { name: string; role?: string | null } | null; createdAt: string; html: string; reactions: { counts: Record<string, number> } };
  const thread = JSON.parse(json) as { items: Array<C & { replies: C[] }> };
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const when = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' });
  const emoji: Record<string, string> = { like: '👍', love: '❤️', celebrate: '🎉', insight: '💡', surprise: '😮' };
  const comment = (c: C, heading: string, below = '') =>
    `<article id="comment-${c.id}"><header><${heading}>${escape(c.author?.name ?? 'Ehemalige Kollegin')}</${heading}>` +
    `<span>${escape(c.author?.role ?? '')}</span><a href="#comment-${c.id}"><time datetime="${c.createdAt}">${when.format(new Date(c.createdAt))}</time></a></header>` +
    `<div class="body">${c.html}</div><div class="footer">` +
    Object.keys(emoji).map((kind) => `<button>${emoji[kind]} ${c.reactions.counts[kind] || ''}</button>`).join('') +
    `<button>Antworten</button></div>${below}</article>`;
  let html = '<ol class="floor">';
  for (const item of thread.items) {
    const replies = item.replies.map((reply) => `<li>${comment(reply, 'h4')}</li>`).join('');
    html += `<li>${comment(item, 'h3', replies ? `<ol>${replies}</ol>` : '')}</li>`;
  }
  stage.innerHTML = `${html}</ol>`;
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const script = performance.now() - start;
      requestAnimationFrame(() => resolve({ total: performance.now() - start, script }));
    }),
  );
}

/** In the page: scrolls to the end, one step per frame, and returns the frame times. */
function scrollThrough(step: number): Promise<number[]> {
  window.scrollTo(0, 0);
  const frames: number[] = [];
  return new Promise((resolve) => {
    let last = 0;
    const frame = (now: number) => {
      if (last) frames.push(now - last);
      last = now;
      const end = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      if (end || frames.length >= 3000) return resolve(frames);
      window.scrollBy(0, step);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

async function scrollFrames(data: BenchData): Promise<{ plaza: number[]; floor: number[] }> {
  const plazaPage = await benchPage(browser, data);
  await plazaPage.evaluate(renderPlaza, { key: data.key, expected: data.size });
  // Let the reaction bars settle and the event stream open, as a reader would find the page.
  await plazaPage.waitForTimeout(500);
  const plaza = await plazaPage.evaluate(scrollThrough, SCROLL_STEP);
  await plazaPage.close();
  const floorPage = await benchPage(browser, data);
  await floorPage.evaluate(renderFloor, data.json);
  await floorPage.waitForTimeout(500);
  const floor = await floorPage.evaluate(scrollThrough, SCROLL_STEP);
  await floorPage.close();
  return { plaza, floor };
}

/** The functions with the most self time during one Plaza render (CPU profile through the DevTools protocol). */
async function printProfile(data: BenchData): Promise<void> {
  const page = await benchPage(browser, data);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const { total: took } = await page.evaluate(renderPlaza, { key: data.key, expected: data.size });
  const { profile: cpu } = await cdp.send('Profiler.stop');
  await page.close();
  const total = new Map<string, number>();
  const deltas = cpu.timeDeltas ?? [];
  const byId = new Map(cpu.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of cpu.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`.trim();
  };
  // Inclusive time: each sample counts once for every function on its stack (recursion counted once).
  const inclusive = new Map<string, number>();
  (cpu.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i] ?? 0) / 1000;
    const self = nameOf(id);
    total.set(self, (total.get(self) ?? 0) + ms);
    const seen = new Set<string>([self]);
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) seen.add(nameOf(at));
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  });
  console.log(`  profile of one Plaza run (${fmt(took)} ms), self time:`);
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${fmt(ms).padStart(7)} ms  ${name}`);
  console.log(`  the same run, time including what each function called:`);
  for (const [name, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${fmt(ms).padStart(7)} ms  ${name}`);

  const suspectsPage = await benchPage(browser, data);
  const targets = (JSON.parse(data.reactions) as { items: Array<{ target: string }> }).items.map((summary) => summary.target);
  const suspects = await suspectsPage.evaluate(measureSuspects, { targets });
  await suspectsPage.close();
  console.log(`  suspects, for ${data.size} comments:`);
  console.log(`    dates: an Intl formatter made per call ${fmt(suspects.datesPerCall)} ms, one per locale ${fmt(suspects.datesCached)} ms`);
  console.log(`    numbers (10 per comment): toLocaleString ${fmt(suspects.numbersPerCall)} ms, one Intl.NumberFormat ${fmt(suspects.numbersCached)} ms`);
  console.log(`    ${data.size} <plaza-reactions> alone, their data in memory: ${fmt(suspects.bars)} ms to the frame after`);
}

/**
 * In the page: what the profile points at, measured alone. Plaza's time.ts
 * and i18n.ts make an Intl formatter per call (two dates per comment, ten
 * numbers per reaction bar); each comment has a reaction bar of its own.
 */
async function measureSuspects({ targets }: { targets: string[] }): Promise<Record<'datesPerCall' | 'datesCached' | 'numbersPerCall' | 'numbersCached' | 'bars', number>> {
  const time = (work: () => void) => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const date = new Date(Date.now() - 3 * 3_600_000);
  // Kept, so the engine cannot skip the work.
  let out = '';
  const full = { dateStyle: 'full', timeStyle: 'short' } as const;
  const datesPerCall = time(() => {
    for (let i = 0; i < targets.length; i++) out = new Intl.DateTimeFormat('de', full).format(date) + new Intl.RelativeTimeFormat('de', { numeric: 'auto' }).format(-3, 'hour');
  });
  const exact = new Intl.DateTimeFormat('de', full);
  const relative = new Intl.RelativeTimeFormat('de', { numeric: 'auto' });
  const datesCached = time(() => {
    for (let i = 0; i < targets.length; i++) out = exact.format(date) + relative.format(-3, 'hour');
  });
  const numbersPerCall = time(() => {
    for (let i = 0; i < targets.length * 10; i++) out = (i % 13).toLocaleString('de');
  });
  const number = new Intl.NumberFormat('de');
  const numbersCached = time(() => {
    for (let i = 0; i < targets.length * 10; i++) out = number.format(i % 13);
  });
  const stage = document.getElementById('stage')!;
  const start = performance.now();
  stage.innerHTML = targets.map((target) => `<plaza-reactions target="${target}"></plaza-reactions>`).join('');
  const bars = Array.from(stage.querySelectorAll('plaza-reactions'));
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  while (!bars.every((bar) => bar.shadowRoot?.querySelector('[part="bar"][aria-busy="false"]'))) await frame();
  await frame();
  if (!out) throw new Error('no formatted output');
  return { datesPerCall, datesCached, numbersPerCall, numbersCached, bars: performance.now() - start };
}

function allComments(thread: ReturnType<typeof benchThread>['thread']) {
  return thread.items.flatMap((item) => [item, ...item.replies]);
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.ceil(rank)]! - sorted[low]!) * (rank - low);
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}

function fmt(value: number): string {
  return value.toFixed(1);
}
