/**
 * `npm run test:stories`: every story of the built Storybook (storybook-static/)
 * renders in Chromium without errors and without accessibility violations.
 * One node:test test per story, so `npm test` counts them.
 *
 * For each story it opens `iframe.html?id=…&viewMode=story` from a tiny static
 * server and fails on: a render or play-function error, a console error or
 * uncaught exception, Lit's development-build warnings, Plaza elements that never finish loading (unless the
 * story says `parameters.plaza.pending`), and axe-core violations. Axe runs
 * once the elements have settled and what `content-visibility: auto` skips is
 * laid out, with the accessibility addon's configuration (document body minus
 * Storybook's chrome, `region` off, the story's `parameters.a11y`), so it
 * judges what the a11y panel shows.
 *
 * Needs only Debian's Chromium and what is in node_modules: nothing is
 * downloaded. STORYBOOK_STATIC and CHROMIUM override the defaults;
 * STORYBOOK_URL=http://localhost:6006 checks a running `npm run storybook` instead;
 * STORY_FILTER=<substring of the id> runs a subset, STORY_CONCURRENCY pages
 * at a time (default 2).
 */
import { after, before, describe, test } from 'node:test';
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

const root = resolve(process.env.STORYBOOK_STATIC ?? 'storybook-static');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const filter = process.env.STORY_FILTER ?? '';
const RENDER_TIMEOUT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 5_000;
const LIT_WARNINGS = /Lit is in dev mode|Multiple versions of Lit loaded/;
/** What "loaded" looks like inside each Plaza element's shadow root; add new elements here. */
const SETTLED = {
  'plaza-reactions': '[part="bar"][aria-busy="false"], .load-error',
  'plaza-comment-count': '[part="count"], [part="error"]',
  'plaza-profile-card': '[part="card"][aria-busy="false"], [part="error"].state',
  'plaza-person': '[part="trigger"][data-status="complete"], [part="trigger"][data-status="error"], .plain',
  'plaza-activity-feed': '.feed[aria-busy="false"], [part="error"]',
  'plaza-notifications': '[part="button"]:is([data-status="complete"], [data-status="error"], [data-status="signed-out"])',
};

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}

const running = process.env.STORYBOOK_URL?.replace(/\/$/, '');
const index = JSON.parse(
  running
    ? await fetch(`${running}/index.json`).then((response) => response.text())
    : await readFile(join(root, 'index.json'), 'utf8').catch(() => {
        throw new Error(`${root}/index.json is missing: run \`npm run build-storybook\` first.`);
      }),
) as { entries: Record<string, IndexEntry> };
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && !entry.tags?.includes('!test') && entry.id.includes(filter),
);
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  if (running) {
    origin = running;
  } else {
    server = await serveStatic(root);
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('static server has no port');
    origin = `http://127.0.0.1:${address.port}`;
  }
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  // One context for all stories: Mock Service Worker registers once and serves every page after.
  context = await browser.newContext({ viewport: { width: 1024, height: 768 }, reducedMotion: 'reduce' });
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in a
  // `__name(fn, "name")` helper; functions handed to the page need it defined there too.
  await context.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  await context.addInitScript(watchStorybook);
});

after(async () => {
  await context?.close();
  await browser?.close();
  server?.close();
});

test('the built Storybook has stories', () => {
  if (stories.length === 0) throw new Error(`no stories in ${root}/index.json${filter ? ` matching "${filter}"` : ''}`);
});

// Designers should see only Plaza: not Storybook's own onboarding checklist in the sidebar or the menu.
test('Storybook shows no onboarding checklist', async () => {
  const html = running ? await fetch(`${running}/index.html`).then((response) => response.text()) : await readFile(join(root, 'index.html'), 'utf8');
  const features = /window\[?['"]?FEATURES['"]?\]?\s*=\s*(\{.*?\});/s.exec(html)?.[1];
  if (!features) throw new Error('index.html sets no FEATURES');
  for (const flag of ['sidebarOnboardingChecklist', 'menuOnboardingChecklist']) {
    if (!new RegExp(`["']?${flag}["']?\\s*:\\s*false`).test(features)) throw new Error(`${flag} is not off: ${features}`);
  }
});

// Each story gets a fresh page (nothing cached in the elements carries over), which costs
// a page load per story; two pages at a time keep both cores of a small CI machine busy.
describe('stories', { concurrency: Number(process.env.STORY_CONCURRENCY ?? 2) }, () => {
  for (const story of stories) {
    test(`${story.title} › ${story.name}`, async () => {
      const page = await context.newPage();
      try {
        await checkStory(page, story);
      } finally {
        await page.close();
      }
    });
  }
});

async function checkStory(page: Page, story: IndexEntry): Promise<void> {
  const problems: string[] = [];
  const consoleErrors: ConsoleMessage[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message);
    // What Lit's development build says on every page: Storybook must load one Lit, built for production.
    else if (LIT_WARNINGS.test(message.text())) problems.push(`console ${message.type()}: ${message.text().split('\n')[0]}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));

  // a11y.manual: the addon's own axe run is skipped; this check runs axe once the elements have settled.
  await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=a11y.manual:!true`);
  const finished = await page
    .waitForFunction(() => window.__storyCheck && (window.__storyCheck.finished ?? (window.__storyCheck.events.length > 0 && 'failed')), null, {
      timeout: RENDER_TIMEOUT_MS,
      polling: 50,
    })
    .then((handle) => handle.jsonValue())
    .then((result) => (result === 'failed' ? undefined : (result as StoryCheckState['finished'])))
    .catch(() => undefined);
  const check = await page.evaluate(() => {
    const parameters = window.__STORYBOOK_PREVIEW__?.currentRender?.story?.parameters ?? {};
    return {
      events: window.__storyCheck?.events ?? [],
      plaza: (parameters.plaza ?? {}) as { pending?: boolean; httpErrors?: boolean },
      a11y: (parameters.a11y ?? {}) as { test?: string; config?: unknown; options?: Record<string, unknown>; context?: unknown },
      errorShown: document.body.classList.contains('sb-show-errordisplay'),
      errorText: document.querySelector('#error-message')?.textContent?.trim() ?? '',
    };
  });

  if (!finished && check.events.length === 0) problems.push(`the story did not finish rendering within ${RENDER_TIMEOUT_MS / 1000} s`);
  for (const event of check.events) problems.push(`${event.name}: ${event.detail}`);
  if (check.errorShown) problems.push(`Storybook shows an error: ${check.errorText}`);
  if (finished?.status === 'error' && problems.length === 0) problems.push('Storybook reports the story as failed');

  if (finished && !check.plaza.pending) {
    const unsettled = await page
      .waitForFunction(
        (settled) =>
          Object.entries(settled).every(([tag, selector]) =>
            [...document.querySelectorAll(tag)].every((element) => element.shadowRoot?.querySelector(selector)),
          ),
        SETTLED,
        { timeout: SETTLE_TIMEOUT_MS, polling: 50 },
      )
      .then(() => false)
      .catch(() => true);
    if (unsettled) problems.push(`a Plaza element was still loading after ${SETTLE_TIMEOUT_MS / 1000} s (set parameters.plaza.pending if that is the point)`);
  }

  if (finished && check.a11y.test !== 'off') {
    await page.evaluate(renderSkippedContent);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(runAxe, check.a11y);
    problems.push(...describeViolations('axe', violations));
  }

  for (const message of consoleErrors) {
    const text = message.text();
    // Chromium asks every page for /favicon.ico; Storybook's dev server has none.
    if (message.location().url.endsWith('/favicon.ico')) continue;
    // With httpErrors the story provokes 4xx/5xx answers; Chromium logs each one as a console error.
    if (check.plaza.httpErrors && /^Failed to load resource: the server responded with a status of [45]\d\d/.test(text)) continue;
    problems.push(`console error: ${text}${message.location().url ? ` (${message.location().url})` : ''}`);
  }

  if (problems.length > 0) throw new Error(`${story.id}\n  ${problems.join('\n  ')}`);
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

function describeViolations(source: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (violation) =>
      `${source}: ${violation.id} (${violation.impact ?? 'no impact'}) ${violation.help}: ` +
      violation.nodes.map((node) => `${JSON.stringify(node.target)}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`).join(', '),
  );
}

/** In the page: axe-core as the accessibility addon runs it (document body minus Storybook's own chrome, `region` off). */
async function runAxe(a11y: { config?: unknown; options?: Record<string, unknown>; context?: unknown }): Promise<AxeViolation[]> {
  const axe = (window as unknown as { axe: AxeLike }).axe;
  const config = (a11y.config ?? {}) as { rules?: Array<{ id: string; enabled?: boolean }> };
  axe.configure({ ...config, rules: [{ id: 'region', enabled: false }, ...(config.rules ?? [])] });
  const context = a11y.context ?? { include: document.body, exclude: ['.sb-wrapper', '#storybook-docs', '#storybook-highlights-root'] };
  const result = await axe.run(context, a11y.options ?? {});
  return result.violations.map(({ id, impact, help, nodes }) => ({
    id,
    impact,
    help,
    nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
  }));
}

/**
 * In the page: lays out what `content-visibility: auto` skips (a long thread's
 * conversations beyond the viewport and its margin), then waits two frames.
 * A skipped region has only its placeholder size (`contain-intrinsic-size`),
 * so the page around it measures shorter than it is. Axe measures the page's
 * boxes once, for its grid, but each text's rectangle when it checks it, which
 * forces the skipped region's real layout: text below the page's measured
 * bottom then has only <html> behind it, and color-contrast judges it against
 * white (the dark theme's links at 1.83:1). Whether the last conversations are
 * skipped depends on how far down they end up by the time the page has settled,
 * so the same story failed or passed depending on the machine's load. A reader
 * sees them rendered when scrolling there, so axe should judge them that way.
 */
async function renderSkippedContent(): Promise<void> {
  const visit = (root: Document | ShadowRoot): void => {
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      if (getComputedStyle(element).contentVisibility === 'auto') element.style.setProperty('content-visibility', 'visible', 'important');
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}

interface AxeLike {
  configure(config: unknown): void;
  run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }>;
}

/**
 * Runs in every page before Storybook: catches the preview's channel the
 * moment Storybook creates it and records how the story's render ended.
 */
function watchStorybook(): void {
  const state: StoryCheckState = { events: [], finished: undefined };
  window.__storyCheck = state;
  const failures = ['storyErrored', 'storyThrewException', 'playFunctionThrewException', 'storyMissing', 'unhandledErrorsWhilePlaying'];
  let channel: unknown;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value: { on(name: string, listener: (payload: unknown) => void): void } | undefined) {
      const known = value === channel;
      channel = value;
      if (!value || known) return;
      for (const name of failures) {
        value.on(name, (payload) => state.events.push({ name, detail: summarize(payload) }));
      }
      value.on('storyFinished', (payload) => {
        state.finished = JSON.parse(JSON.stringify(payload)) as StoryCheckState['finished'];
      });
    },
  });
  function summarize(payload: unknown): string {
    if (payload && typeof payload === 'object') {
      const { title, description, message, stack } = payload as Record<string, unknown>;
      // The message and where it came from; the rest of the stack is Storybook's.
      if (typeof stack === 'string') return stack.split('\n').slice(0, 2).join(' ').replace(/\s+/g, ' ');
      return String(message ?? ([title, description].filter(Boolean).join(': ') || JSON.stringify(payload)));
    }
    return String(payload);
  }
}

interface StoryCheckState {
  events: Array<{ name: string; detail: string }>;
  finished: { storyId: string; status: 'success' | 'error' } | undefined;
}

declare global {
  interface Window {
    __storyCheck?: StoryCheckState;
    __STORYBOOK_PREVIEW__?: { currentRender?: { story?: { parameters?: Record<string, unknown> & { plaza?: unknown; a11y?: unknown } } } };
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Serves a folder on a free port of 127.0.0.1 (a secure context, so service workers are allowed). */
async function serveStatic(folder: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') {
      // Chromium asks for it on every page; Storybook ships an SVG icon instead.
      response.writeHead(204).end();
      return;
    }
    const file = resolve(folder, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (file !== folder && !file.startsWith(folder + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return server;
}
