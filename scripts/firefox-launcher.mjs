// A web-test-runner browser launcher for Debian's Firefox ESR, driven over WebDriver BiDi by
// puppeteer-core. Playwright's Firefox is a patched build that cannot be downloaded on our
// machines, and @web/test-runner-puppeteer wants the full `puppeteer` package (which downloads
// a Chrome on install) and Node 22; this is the little of it we need.
//
// Each test file gets a fresh browser context (its own cookies and storage), as with the
// Chromium launcher, because tests sign in and out. `type: 'puppeteer'` makes
// @web/test-runner-commands (sendKeys, sendMouse, selectOption) drive the page through
// puppeteer's keyboard and mouse, which puppeteer maps onto BiDi input actions.
import { launch } from 'puppeteer-core';

/** Debian's Firefox ESR, which scripts/ensure-firefox.sh installs. */
export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/**
 * Preferences for an unattended test profile. Firefox as root in a container, without GPU, with
 * only loopback network: nothing may phone home or wait for a user.
 * @type {Record<string, unknown>}
 */
const PREFS = {
  'app.update.disabledForTesting': true,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'extensions.update.enabled': false,
  // Test pages start timers and network requests while in a background context; keep them at full speed.
  'dom.min_background_timeout_value': 0,
  'dom.timeout.enable_budget_timer_throttling': false,
};

/**
 * The tests write keys as Playwright (and so the Chromium runs) spell them: `Space`,
 * `Shift+Tab`, `Control+Enter`. Puppeteer's keyboard presses one key at a time, and over BiDi
 * knows the space bar only as " ". Spelled out here, so the same test file runs in both.
 * @param {import('puppeteer-core').Page} page
 */
function keysLikePlaywright(page) {
  const { keyboard } = page;
  const name = (/** @type {string} */ key) => /** @type {import('puppeteer-core').KeyInput} */ (key === 'Space' ? ' ' : key);
  const down = keyboard.down.bind(keyboard);
  const up = keyboard.up.bind(keyboard);
  keyboard.down = (key, options) => down(name(key), options);
  keyboard.up = (key) => up(name(key));
  keyboard.press = async (combo, options) => {
    // "Shift++" is Shift with the plus key; a lone "+" is the plus key.
    const keys = combo.length > 1 ? combo.split(/\+(?!$)/) : [combo];
    const modifiers = keys.slice(0, -1);
    for (const modifier of modifiers) await down(name(modifier));
    await down(name(/** @type {string} */ (keys.at(-1))), options);
    if (options?.delay) await new Promise((resolve) => setTimeout(resolve, options.delay));
    await up(name(/** @type {string} */ (keys.at(-1))));
    for (const modifier of modifiers.reverse()) await up(name(modifier));
  };
  return page;
}

/**
 * @param {{ executablePath?: string, headless?: boolean }} [options]
 * @returns {import('@web/test-runner-core').BrowserLauncher & { getPage(sessionId: string): import('puppeteer-core').Page }}
 */
export function firefoxLauncher({ executablePath = FIREFOX_PATH, headless = true } = {}) {
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  /** @type {Promise<import('puppeteer-core').Browser> | undefined} */
  let starting;
  /** @type {Map<string, { context: import('puppeteer-core').BrowserContext, page: import('puppeteer-core').Page }>} */
  const sessions = new Map();

  const start = (/** @type {boolean} */ visible) =>
    launch({ browser: 'firefox', protocol: 'webDriverBiDi', executablePath, headless: headless && !visible, extraPrefsFirefox: PREFS });

  async function getBrowser() {
    if (browser?.connected) return browser;
    starting ??= start(false).finally(() => (starting = undefined));
    browser = await starting;
    return browser;
  }

  /** @param {string} sessionId @param {string} url @param {boolean} visible */
  async function open(sessionId, url, visible) {
    const context = await (visible ? (await start(true)).defaultBrowserContext() : (await getBrowser()).createBrowserContext());
    const page = keysLikePlaywright(await context.newPage());
    sessions.set(sessionId, { context, page });
    await page.setViewport({ width: 800, height: 600 });
    await page.goto(url);
  }

  return {
    name: 'Firefox',
    type: 'puppeteer',
    startSession: (sessionId, url) => open(sessionId, url, false),
    startDebugSession: (sessionId, url) => open(sessionId, url, true),
    isActive: (sessionId) => sessions.has(sessionId),
    getBrowserUrl: (sessionId) => sessions.get(sessionId)?.page.url(),
    /** Not part of BrowserLauncher: @web/test-runner-commands asks 'puppeteer' launchers for the page. */
    getPage(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`No Firefox page for session ${sessionId}`);
      return session.page;
    },
    async stopSession(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`No Firefox page for session ${sessionId}`);
      sessions.delete(sessionId);
      // about:blank first stops the test page's timers and streams, as the other launchers do.
      await session.page.goto('about:blank').catch(() => {});
      await session.context.close().catch(() => {});
      return {};
    },
    async stop() {
      sessions.clear();
      if (browser?.connected) await browser.close();
      browser = undefined;
    },
  };
}
