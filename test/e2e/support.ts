/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core against a real Plaza
 * server (fresh temporary data, demo seed, dev sign-in) that serves the built library
 * (`/dist/plaza.js`, built by `npm run test:e2e`) and the demo intranet (`/demo/`).
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';

export interface Plaza {
  server: ServerProcess;
  browser: Browser;
  /** The server's base URL, e.g. `http://localhost:41234/`. */
  url: string;
  /** The API endpoint, e.g. `http://localhost:41234/api/v1`. */
  api: string;
}

export interface DevUser {
  id: string;
  name: string;
}

/** Starts a server and Chromium; call once per test file (in `before`) and stop in `after`. */
export async function startPlaza(): Promise<Plaza> {
  const server = await startServerProcess({ env: { PLAZA_SEED: 'demo' } });
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    return { server, browser, url: server.url, api: `${server.url}api/v1` };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export async function stopPlaza(plaza: Plaza | undefined): Promise<void> {
  await plaza?.browser.close();
  await plaza?.server.stop();
}

/** The seeded colleagues the dev sign-in accepts. */
export async function devUsers(plaza: Plaza): Promise<DevUser[]> {
  const response = await fetch(`${plaza.api}/dev/users`);
  if (!response.ok) throw new Error(`GET /dev/users answered ${response.status}`);
  return ((await response.json()) as { items: DevUser[] }).items;
}

/** A fresh browser context (own cookies) signed in as `userId`, with one page. */
export async function signedInPage(plaza: Plaza, userId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await plaza.browser.newContext();
  // context.request shares the context's cookie jar, so the session cookie lands there.
  const response = await context.request.post(`${plaza.api}/dev/session`, { data: { userId } });
  if (!response.ok()) throw new Error(`POST /dev/session answered ${response.status()}: ${await response.text()}`);
  return { context, page: await context.newPage() };
}

/** The reaction bar for `target` (the locator pierces its open shadow root). */
export function reactionBar(page: Page, target: string): Locator {
  return page.locator(`plaza-reactions[target="${target}"]`);
}

/** One kind's button in a bar: `button[part~="reaction"][data-kind=…]`, with `aria-pressed` and a `[part~="count"]`. */
export function reactionButton(bar: Locator, kind: string): Locator {
  return bar.locator(`button[part~="reaction"][data-kind="${kind}"]`);
}

/** Resolves once every bar on the page has its data (its `[part~="bar"]` is no longer aria-busy). */
export async function barsLoaded(page: Page, count = 1): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const bars = Array.from(document.querySelectorAll('plaza-reactions'));
      return bars.length >= n && bars.every((bar) => bar.shadowRoot?.querySelector('[part~="bar"][aria-busy="false"]'));
    },
    count,
    { timeout: 15_000 },
  );
}

export interface ReactionState {
  pressed: boolean;
  count: number;
}

/** Whether the button is pressed and the number it shows (empty means 0; "1.200" is 1200). */
export async function reactionState(button: Locator): Promise<ReactionState> {
  const pressed = await button.getAttribute('aria-pressed');
  const text = (await button.locator('[part~="count"]').textContent()) ?? '';
  return { pressed: pressed === 'true', count: Number(text.replace(/\D/g, '') || 0) };
}

/** Polls until `probe` returns something truthy, or fails with `what` after `timeout` ms. */
export async function waitFor<T>(probe: () => Promise<T> | T, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Appends the tail of the server's log to a failure, which is usually where the reason is. */
export async function withServerLog(plaza: Plaza | undefined, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof Error && plaza) error.message += `\n--- Plaza server output (tail) ---\n${plaza.server.output().slice(-3000)}`;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Fixture pages and page-health probes (legacy-pages and CSP tests).
// ---------------------------------------------------------------------------

/** A reaction key no other test uses, e.g. `page:/e2e/quirks-lx3k9a-4f2`. */
export function uniqueTarget(name: string): string {
  return `page:/e2e/${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Serves `body` at `url` for this page (its iframes included) without the server knowing
 * the file: the page still lives on the server's origin, so `/dist/plaza.js` and
 * `/api/v1` are same-origin for it, as on an intranet that hosts Plaza itself.
 */
export async function serveFixture(
  page: Page,
  url: string,
  body: string,
  { contentType = 'text/html; charset=utf-8', headers = {} }: { contentType?: string; headers?: Record<string, string> } = {},
): Promise<void> {
  await page.route(url, (route) => route.fulfill({ status: 200, contentType, headers, body }));
}

/**
 * Collects what a person (or a support engineer with the console open) would call
 * "something broke": console errors and uncaught exceptions, from every frame.
 * Failed requests are not included: an EventSource closed on purpose shows up as one.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Like barsLoaded, for a page or one of its frames. */
export async function barsLoadedIn(scope: Page | Frame, count = 1): Promise<void> {
  await scope.waitForFunction(
    (n) => {
      const bars = Array.from(document.querySelectorAll('plaza-reactions'));
      return bars.length >= n && bars.every((bar) => bar.shadowRoot?.querySelector('[part~="bar"][aria-busy="false"]'));
    },
    count,
    { timeout: 15_000 },
  );
}

/** The reaction bar for `target` in a page or frame. */
export function reactionBarIn(scope: Page | Frame, target: string): Locator {
  return scope.locator(`plaza-reactions[target="${target}"]`);
}

/**
 * Clicks `kind` (which must not be pressed yet) the way a person does and waits until the
 * button shows it as theirs and counted, and the server has stored it.
 * Returns the state before and after.
 */
export async function clickReaction(bar: Locator, kind = 'like'): Promise<{ before: ReactionState; after: ReactionState }> {
  const button = reactionButton(bar, kind);
  const before = await reactionState(button);
  if (before.pressed) throw new Error(`${kind} is already pressed; use a fresh target`);
  const page = bar.page();
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/reactions/'), { timeout: 10_000 });
  await button.click();
  const response = await saved;
  if (response.status() !== 200) throw new Error(`PUT ${response.url()} answered ${response.status()}`);
  const after = (await waitFor(async () => {
    const state = await reactionState(button);
    return state.pressed && state.count === before.count + 1 ? state : undefined;
  }, `${kind} to be pressed with count ${before.count + 1}`))!;
  return { before, after };
}

/**
 * Adds a reaction through the API as someone else (a fresh dev session from Node), so a
 * fixture starts with counts and a "who reacted" list without clicking through the UI.
 */
export async function reactAs(plaza: Plaza, userId: string, target: string, kind: string): Promise<void> {
  const session = await fetch(`${plaza.api}/dev/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  if (!session.ok) throw new Error(`POST /dev/session answered ${session.status}: ${await session.text()}`);
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(`${plaza.api}/reactions/${encodeURIComponent(target)}/${encodeURIComponent(kind)}`, {
    method: 'PUT',
    headers: { cookie },
  });
  if (!response.ok) throw new Error(`PUT /reactions as ${userId} answered ${response.status}: ${await response.text()}`);
}

/**
 * Records Content-Security-Policy and Trusted Types violations of every document of the page
 * (`securitypolicyviolation` events, installed before any page script runs).
 * Read them with `cspViolations(page)` or a frame.
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript({
    content: `(() => {
      const seen = [];
      Object.defineProperty(window, '__plazaCspViolations', { value: seen });
      document.addEventListener('securitypolicyviolation', (e) => {
        seen.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample);
      }, true);
    })();`,
  });
}

export async function cspViolations(scope: Page | Frame): Promise<string[]> {
  return scope.evaluate(() => [...((window as unknown as { __plazaCspViolations?: string[] }).__plazaCspViolations ?? [])]);
}

/**
 * Wraps `EventSource` before any page script runs, so a test can count the realtime
 * connections the page opened and which of them are still open (readyState not CLOSED).
 * Init scripts are plain JS strings here: tsx compiles functions with esbuild's keepNames,
 * whose `__name` helper does not exist in the page.
 */
export async function trackEventSources(page: Page): Promise<void> {
  await page.addInitScript({
    content: `(() => {
      const Native = window.EventSource;
      const all = [];
      Object.defineProperty(window, '__plazaEventSources', { value: all });
      window.EventSource = class extends Native {
        constructor(url, init) {
          super(url, init);
          all.push(this);
        }
      };
    })();`,
  });
}

export async function eventSources(scope: Page | Frame): Promise<{ opened: number; open: number; urls: string[] }> {
  return scope.evaluate(() => {
    const all = (window as unknown as { __plazaEventSources?: EventSource[] }).__plazaEventSources ?? [];
    const open = all.filter((s) => s.readyState !== EventSource.CLOSED);
    return { opened: all.length, open: open.length, urls: open.map((s) => s.url) };
  });
}

/**
 * Counts the listeners that Plaza (code from `/dist/plaza.js` and `/dist/chunks/`, told by the call stack) has
 * registered on `window` and `document` and not removed, by type and capture flag, from before
 * any page script runs. A number that grows with each create/remove cycle of Plaza elements is
 * a leak. The page's and Playwright's own listeners are not counted.
 */
export async function trackGlobalListeners(page: Page): Promise<void> {
  await page.addInitScript({
    content: `(() => {
      const registered = new Map();
      const idOf = (target, type, options) => {
        if (target !== window && target !== document) return undefined;
        const capture = typeof options === 'boolean' ? options : !!(options && options.capture);
        return (target === window ? 'window ' : 'document ') + type + ' ' + capture;
      };
      const { addEventListener, removeEventListener } = EventTarget.prototype;
      EventTarget.prototype.addEventListener = function (type, listener, options) {
        const id = idOf(this, type, options);
        if (id && listener && /\\/dist\\/(plaza\\.js|chunks\\/)/.test(new Error().stack || '')) {
          if (!registered.has(id)) registered.set(id, new Set());
          registered.get(id).add(listener);
        }
        return addEventListener.call(this, type, listener, options);
      };
      EventTarget.prototype.removeEventListener = function (type, listener, options) {
        const id = idOf(this, type, options);
        if (id && registered.has(id)) registered.get(id).delete(listener);
        return removeEventListener.call(this, type, listener, options);
      };
      Object.defineProperty(window, '__plazaGlobalListeners', { value: registered });
    })();`,
  });
}

export async function globalListeners(scope: Page | Frame): Promise<Record<string, number>> {
  return scope.evaluate(() => {
    const registered = (window as unknown as { __plazaGlobalListeners?: Map<string, Set<unknown>> }).__plazaGlobalListeners ?? new Map();
    return Object.fromEntries([...registered].filter(([, set]) => set.size > 0).map(([id, set]) => [id, set.size]));
  });
}

/**
 * One real server (and its colleagues) for the enclosing `describe`: starts it
 * in `before`, stops it in `after`, and checks the seed has enough people.
 */
export function usePlazaServer(minUsers: number): { readonly plaza: Plaza; readonly users: DevUser[] } {
  let plaza: Plaza | undefined;
  let users: DevUser[] = [];
  before(async () => {
    plaza = await startPlaza();
    users = await devUsers(plaza);
    assert.ok(users.length >= minUsers, `the demo seed has at least ${minUsers} colleagues`);
  });
  after(() => stopPlaza(plaza));
  return {
    get plaza() {
      if (!plaza) throw new Error('the Plaza server is not running (used outside a test?)');
      return plaza;
    },
    get users() {
      return users;
    },
  };
}
