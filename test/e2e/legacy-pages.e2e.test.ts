/**
 * Issue 5, item 8 ("Robust on legacy pages"): the built plaza.js dropped into the pages it
 * will really meet, against the real server, in Chromium. Every test checks what a person
 * would see: the bar shows its buttons and counts, a click toggles it, and the page's own
 * content and scripts still work.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import {
  barsLoadedIn,
  clickReaction,
  eventSources,
  globalListeners,
  reactAs,
  reactionBarIn,
  reactionButton,
  reactionState,
  serveFixture,
  signedInPage,
  trackEventSources,
  trackGlobalListeners,
  uniqueTarget,
  waitFor,
  watchProblems,
  withServerLog,
  usePlazaServer,
} from './support.ts';
import { DEFAULT_REACTION_KINDS } from '../../src/core/protocol.ts';
import {
  amdJqueryPage,
  dynamicPage,
  foreignBasePage,
  framedPage,
  framingPage,
  hostileCssPage,
  narrowPage,
  quirksPage,
  twiceIncludedPage,
} from './fixtures/legacy-pages.ts';

const KINDS = DEFAULT_REACTION_KINDS;

describe('Plaza on legacy pages (built library, real server, Chromium)', { timeout: 180_000 }, () => {
  const server = usePlazaServer(4);

  /** A signed-in page with problems recorded; closes its context afterwards. */
  function onPage(body: (page: Page, problems: string[]) => Promise<void>): () => Promise<void> {
    return () =>
      withServerLog(server.plaza, async () => {
        const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
        try {
          await body(page, watchProblems(page));
        } finally {
          // Closing aborts the event stream and logs nothing the page did.
          for (const event of ['console', 'pageerror', 'request', 'requestfinished', 'requestfailed'] as const) page.removeAllListeners(event);
          await context.close();
        }
      });
  }

  const fixture = (name: string) => `${server.plaza.url}e2e/legacy/${name}`;

  /** Every default kind is rendered as a button with a (possibly empty) count. */
  async function assertButtons(bar: ReturnType<typeof reactionBarIn>): Promise<void> {
    const kinds = await bar.locator('button[part~="reaction"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-kind')));
    assert.deepEqual(kinds, KINDS);
    assert.equal(await bar.locator('[part~="reaction"] [part~="count"]').count(), KINDS.length);
  }

  test('1. a quirks-mode page (no doctype)', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('quirks');
    await reactAs(server.plaza, server.users[1]!.id, target, 'love');
    await serveFixture(page, fixture('quirks.html'), quirksPage(target));
    await page.goto(fixture('quirks.html'));
    assert.equal(await page.evaluate(() => document.compatMode), 'BackCompat', 'the fixture really is in quirks mode');

    await barsLoadedIn(page);
    const bar = reactionBarIn(page, target);
    await assertButtons(bar);
    assert.deepEqual(await reactionState(reactionButton(bar, 'love')), { pressed: false, count: 1 }, "a colleague's reaction is counted");
    await clickReaction(bar, 'like');

    await page.locator('#legacy-button').click();
    assert.equal(await page.locator('#legacy-output').textContent(), 'gedruckt', "the page's onclick still works");
    assert.deepEqual(problems, []);
  }));

  test('2. a hostile legacy stylesheet (!important fonts, hidden buttons, floating divs)', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('hostile-css');
    await reactAs(server.plaza, server.users[1]!.id, target, 'insight');
    await serveFixture(page, fixture('hostile.html'), hostileCssPage(target));
    await page.goto(fixture('hostile.html'));
    await barsLoadedIn(page);
    const bar = reactionBarIn(page, target);
    await assertButtons(bar);

    for (const kind of KINDS) {
      const box = await reactionButton(bar, kind).boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `the ${kind} button is visible despite "button { display: none }" (box ${JSON.stringify(box)})`);
    }
    assert.equal((await reactionState(reactionButton(bar, 'insight'))).count, 1);
    await clickReaction(bar, 'like');

    const look = await page.evaluate(() => {
      const host = document.querySelector('plaza-reactions')!;
      const root = host.shadowRoot!;
      const button = root.querySelector('button[part~="reaction"]')!;
      const count = root.querySelector('[part~="count"]')!;
      return {
        host: getComputedStyle(host).fontFamily,
        bar: getComputedStyle(root.querySelector('[part~="bar"]')!).fontFamily,
        button: getComputedStyle(button).fontFamily,
        countColor: getComputedStyle(count).color,
        pageButtonDisplay: getComputedStyle(document.getElementById('legacy-button')!).display,
        pageSpanColor: getComputedStyle(document.getElementById('brand')!).color,
        styleSheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        legacyCss: document.getElementById('legacy-css')!.textContent,
        script: document.getElementById('article')!.getAttribute('data-script'),
      };
    });
    assert.match(look.host, /Comic Sans MS/, "the host gets the page's font like any element");
    assert.equal(look.bar, look.host, "the bar inherits the page's font");
    assert.equal(look.button, look.host, "the buttons inherit the page's font");
    assert.notEqual(look.countColor, 'rgb(255, 0, 0)', '"span { color: red !important }" does not reach into the shadow root');

    // Plaza left the page's own CSS alone.
    assert.equal(look.pageButtonDisplay, 'none', "the page's own button is still hidden");
    assert.equal(await page.locator('#legacy-button').boundingBox(), null);
    assert.equal(look.pageSpanColor, 'rgb(255, 0, 0)', "the page's own spans are still red");
    assert.equal(look.styleSheets, 1, 'no stylesheet added to the document');
    assert.equal(look.adopted, 0, 'no stylesheet adopted by the document');
    assert.match(look.legacyCss ?? '', /button \{ display: none \}/);
    assert.equal(look.script, 'ran', "the page's own script ran");
    assert.deepEqual(problems, []);
  }));

  test('3. a page with an AMD loader (global define) and an old jQuery ($)', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('amd-jquery');
    await serveFixture(page, fixture('amd.html'), amdJqueryPage(target));
    await page.goto(fixture('amd.html'));
    await barsLoadedIn(page);
    const bar = reactionBarIn(page, target);
    await assertButtons(bar);
    await clickReaction(bar, 'celebrate');

    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & {
        legacyGlobals: Record<string, unknown>;
        define: { amd: unknown };
        $: { fn: { jquery: string } };
        amdCalls: string[];
      };
      return {
        define: w.define === w.legacyGlobals.define,
        amd: w.define.amd === w.legacyGlobals.amd && JSON.stringify(w.define.amd),
        require: w.require === w.legacyGlobals.require && w.requirejs === w.legacyGlobals.require,
        dollar: w.$ === w.legacyGlobals.$,
        jQuery: w.jQuery === w.legacyGlobals.jQuery,
        version: w.$.fn.jquery,
        amdCalls: w.amdCalls,
        jqRan: document.getElementById('jq-target')!.textContent,
      };
    });
    assert.deepEqual(globals, {
      define: true,
      amd: '{"jQuery":true}',
      require: true,
      dollar: true,
      jQuery: true,
      version: '1.4.2',
      amdCalls: [],
      jqRan: 'jQuery ran',
    });
    assert.deepEqual(problems, []);
  }));

  test('4. Plaza included twice (two module instances): no "already defined", bars work', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('twice');
    const placeholderTarget = uniqueTarget('twice-placeholder');
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/dist/plaza.js') scripts.push(new URL(request.url()).search);
    });
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await serveFixture(page, fixture('twice.html'), twiceIncludedPage(target, placeholderTarget));
    await page.goto(fixture('twice.html'));
    await barsLoadedIn(page, 2);
    assert.deepEqual(scripts.toSorted(), ['?v=1', '?v=2'], 'both script tags were loaded');

    assert.equal(await page.locator('plaza-reactions').count(), 2, 'the late placeholder became exactly one element');
    assert.equal(await page.locator('[data-plaza]').count(), 0, 'no placeholder left behind');
    for (const t of [target, placeholderTarget]) {
      await assertButtons(reactionBarIn(page, t));
      await clickReaction(reactionBarIn(page, t), 'like');
    }
    assert.deepEqual(problems, [], 'no "already defined" (or any other) error');
    assert.deepEqual(
      warnings.filter((w) => /plaza|defined|lit/i.test(w)),
      [],
      'no warnings from Plaza or Lit either',
    );
  }));

  test('5. bars created, moved and removed by the page: no leaked connections or listeners', { timeout: 45_000 }, onPage(async (page, problems) => {
    const prefix = uniqueTarget('dynamic');
    await trackEventSources(page);
    await trackGlobalListeners(page);
    // The same seen on the wire: every GET /api/v1/events must end once the bars are gone.
    const streams = new Set<Request>();
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/events') streams.add(r);
    });
    page.on('requestfinished', (r) => streams.delete(r));
    page.on('requestfailed', (r) => streams.delete(r));
    await serveFixture(page, fixture('dynamic.html'), dynamicPage(prefix));
    await page.goto(fixture('dynamic.html'));
    // plaza.js, the lazy loader, has run (module scripts run before `load`); it defines
    // <plaza-reactions> only once a bar appears (decision 133).
    await page.waitForLoadState('load');
    assert.deepEqual(await eventSources(page), { opened: 0, open: 0, urls: [] }, 'no connection without bars');

    // Round 1: create, move, use, remove.
    await page.locator('#create').click();
    await barsLoadedIn(page, 5);
    assert.equal(await page.locator('#left plaza-reactions').count(), 5);
    await waitFor(async () => (await eventSources(page)).open === 1, 'one shared event stream for the five bars');

    await page.locator('#move').click();
    assert.equal(await page.locator('#right plaza-reactions').count(), 5, 'all five moved');
    assert.equal(await page.locator('#left plaza-reactions').count(), 0);
    await barsLoadedIn(page, 5);
    const moved = reactionBarIn(page, `${prefix}-1-0`);
    await assertButtons(moved);
    await clickReaction(moved, 'love');
    await page.waitForTimeout(100);
    const afterMove = await eventSources(page);
    assert.equal(afterMove.open, 1, 'still one stream after the move');
    assert.equal(afterMove.opened, 1, 'moving bars within one task does not reopen the stream');

    await page.locator('#remove').click();
    assert.equal(await page.locator('plaza-reactions').count(), 0);
    await waitFor(async () => (await eventSources(page)).open === 0, 'the event stream to close once the last bar is gone', 5_000);
    await waitFor(() => streams.size === 0, 'every GET /api/v1/events to end on the wire', 5_000);
    const listenersAfterOne = await globalListeners(page);

    // Rounds 2 and 3: Plaza comes back to life, and nothing accumulates.
    for (const round of [2, 3]) {
      await page.locator('#create').click();
      await barsLoadedIn(page, 5);
      await waitFor(async () => (await eventSources(page)).open === 1, `a stream again in round ${round}`);
      await clickReaction(reactionBarIn(page, `${prefix}-${round}-4`), 'insight');
      await page.locator('#remove').click();
      await waitFor(async () => (await eventSources(page)).open === 0, `the stream to close in round ${round}`, 5_000);
    }
    await waitFor(() => streams.size === 0, 'every GET /api/v1/events to end on the wire', 5_000);
    assert.deepEqual(await globalListeners(page), listenersAfterOne, 'listeners on window/document do not grow with each round');
    assert.equal(await page.locator('#log').textContent(), 'removed', "the page's own script ran each step");
    assert.deepEqual(problems, []);
  }));

  test('6. a page in a same-origin iframe', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('iframe');
    await serveFixture(page, fixture('portal.html'), framingPage(target, '/e2e/legacy/framed.html'));
    await serveFixture(page, fixture('framed.html'), framedPage(target));
    await page.goto(fixture('portal.html'));
    await barsLoadedIn(page);
    const frame = (await waitFor(() => page.frame({ url: /\/e2e\/legacy\/framed\.html$/ }), 'the iframe'))!;
    await barsLoadedIn(frame);
    assert.equal(await frame.evaluate(() => document.compatMode), 'BackCompat');

    const framedBar = reactionBarIn(frame, target);
    await assertButtons(framedBar);
    const { after } = await clickReaction(framedBar, 'like');

    // The portal's own bar (another document, another Plaza instance) hears about it live.
    const portalLike = reactionButton(reactionBarIn(page, target), 'like');
    await waitFor(async () => (await reactionState(portalLike)).count === after.count, 'the portal bar to show the reaction from the frame');
    assert.equal(await frame.locator('#framed-text').textContent(), 'Framed news item');
    assert.deepEqual(problems, []);
  }));

  test('7a. <base href> pointing elsewhere: the configured endpoint (meta, absolute) is used', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('base-meta');
    const elsewhere = await blockElsewhere(page);
    await serveFixture(page, fixture('base-meta.html'), foreignBasePage(target, { plazaUrl: server.plaza.url, endpoint: server.plaza.api }));
    await page.goto(fixture('base-meta.html'));
    assert.equal(await page.evaluate(() => document.baseURI), 'https://elsewhere.invalid/');
    assert.equal(await page.locator('#relative-link').evaluate((a) => (a as HTMLAnchorElement).href), 'https://elsewhere.invalid/news/canteen.html');

    await barsLoadedIn(page);
    const bar = reactionBarIn(page, target);
    await assertButtons(bar);
    await clickReaction(bar, 'like');
    assert.deepEqual(elsewhere, [], 'nothing was sent to the <base> host');
    assert.deepEqual(problems, []);
  }));

  // Decision: the built-in default endpoint is `/api/v1` on the page's own origin (DESIGN.md:
  // "same origin, /api/v1"), i.e. resolved against location.href. A <base href> is the page's
  // choice for its own relative links and assets; it must not send Plaza's API calls (with
  // credentials: 'include', so the intranet's cookies) to another host.
  test("7b. <base href> pointing elsewhere, no endpoint configured: the default stays on the page's origin", { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('base-default');
    const elsewhere = await blockElsewhere(page);
    const api: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(server.plaza.api)) api.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await serveFixture(page, fixture('base-default.html'), foreignBasePage(target, { plazaUrl: server.plaza.url }));
    await page.goto(fixture('base-default.html'));

    // Fail fast with the reason instead of waiting for the bar's error state.
    await waitFor(() => api.length > 0 || elsewhere.length > 0, 'Plaza to make its first API request');
    assert.deepEqual(elsewhere, [], `Plaza must not call the <base> host; its requests went to ${elsewhere.join(', ')}`);
    await barsLoadedIn(page);
    const bar = reactionBarIn(page, target);
    await assertButtons(bar);
    await clickReaction(bar, 'like');
    assert.ok(api.includes('GET /api/v1/reactions'), `requests: ${api.join(', ')}`);
    assert.deepEqual(problems, []);
  }));

  test('8. a 320 px wide viewport: no horizontal overflow, targets at least 24 × 24 px', { timeout: 30_000 }, onPage(async (page, problems) => {
    const target = uniqueTarget('narrow');
    // Counts on every kind (and a "who reacted" button), as on a popular article.
    for (const [i, kind] of KINDS.entries()) {
      for (const user of server.users.slice(1, 2 + (i % 3))) await reactAs(server.plaza, user.id, target, kind);
    }
    await page.setViewportSize({ width: 320, height: 640 });
    await serveFixture(page, fixture('narrow.html'), narrowPage(target));
    await page.goto(fixture('narrow.html'));
    await barsLoadedIn(page);
    const bar = reactionBarIn(page, target);
    await assertButtons(bar);
    await clickReaction(bar, 'surprise');

    const overflow = () =>
      page.evaluate(() => {
        const host = document.querySelector('plaza-reactions')!;
        const parts = Array.from(host.shadowRoot!.querySelectorAll('*')).map((el) => el.getBoundingClientRect().right);
        return { scrollWidth: document.scrollingElement!.scrollWidth, widest: Math.max(host.getBoundingClientRect().right, ...parts) };
      });
    const closed = await overflow();
    assert.ok(closed.scrollWidth <= 320, `the page scrolls sideways: scrollWidth ${closed.scrollWidth}`);
    assert.ok(closed.widest <= 320, `a part of the bar reaches ${closed.widest}px`);

    const targets = bar.locator('button[part~="reaction"], [part~="who-toggle"]');
    assert.equal(await targets.count(), KINDS.length + 1, 'five reactions and "who reacted"');
    for (const box of await targets.evaluateAll((buttons) => buttons.map((b) => ({ name: b.getAttribute('data-kind') ?? b.getAttribute('part'), ...b.getBoundingClientRect().toJSON() })))) {
      assert.ok(box.width >= 24 && box.height >= 24, `${box.name} is ${box.width}×${box.height}px, below WCAG 2.2's 24×24`);
    }

    await bar.locator('[part~="who-toggle"]').click();
    await waitFor(async () => (await bar.locator('[part="who"] li:not(.loading)').count()) >= 2, 'the names of who reacted');
    const open = await overflow();
    assert.ok(open.scrollWidth <= 320 && open.widest <= 320, `with "who reacted" open: ${JSON.stringify(open)}`);
    assert.deepEqual(problems, []);
  }));
});

/** Records (and aborts at once) every request to the foreign <base> host. */
async function blockElsewhere(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.route('https://elsewhere.invalid/**', (route) => {
    seen.push(`${route.request().method()} ${route.request().url()}`);
    return route.abort('namenotresolved');
  });
  return seen;
}
