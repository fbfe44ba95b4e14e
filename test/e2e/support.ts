/**
 * End-to-end helpers: Debian's Chromium driven by playwright-core against a real Plaza
 * server (fresh temporary data, demo seed, dev sign-in) that serves the built library
 * (`/dist/plaza.js`, built by `npm run test:e2e`) and the demo intranet (`/demo/`).
 */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
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
