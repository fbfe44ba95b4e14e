import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Request } from 'playwright-core';
import {
  barsLoaded,
  reactionBar,
  reactionButton,
  reactionState,
  signedInPage,
  waitFor,
  withServerLog,
  usePlazaServer,
} from './support.ts';
import { DEFAULT_REACTION_KINDS } from '../../src/core/protocol.ts';

const KINDS = DEFAULT_REACTION_KINDS;
const DEMO_TARGET = 'page:/news/kantine';
const isReactionBatch = (request: Request) => request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/reactions';

describe('<plaza-reactions> end to end (built library, real server, Chromium)', { timeout: 120_000 }, () => {
  const server = usePlazaServer(3);

  test('a reaction survives a reload, pressed and counted', { timeout: 30_000 }, () =>
    withServerLog(server.plaza, async () => {
      const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
      try {
        await page.goto(`${server.plaza.url}demo/`);
        await barsLoaded(page);
        const bar = reactionBar(page, DEMO_TARGET);
        const kind = await firstUnpressed(bar);
        const before = await reactionState(reactionButton(bar, kind));

        const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/reactions/'));
        await reactionButton(bar, kind).click();
        assert.equal((await saved).status(), 200, 'PUT /reactions/{target}/{kind}');

        await page.reload();
        await barsLoaded(page);
        assert.deepEqual(await reactionState(reactionButton(bar, kind)), { pressed: true, count: before.count + 1 });
      } finally {
        await context.close();
      }
    }),
  );

  test('a colleague sees the count change live, without reloading', { timeout: 30_000 }, () =>
    withServerLog(server.plaza, async () => {
      const actor = await signedInPage(server.plaza, server.users[1]!.id);
      const observer = await signedInPage(server.plaza, server.users[2]!.id);
      try {
        // The observer's event stream must be open before the actor acts.
        const streaming = observer.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/events');
        await observer.page.goto(`${server.plaza.url}demo/`);
        await barsLoaded(observer.page);
        assert.equal((await streaming).status(), 200, 'GET /events');

        await actor.page.goto(`${server.plaza.url}demo/`);
        await barsLoaded(actor.page);
        const kind = await firstUnpressed(reactionBar(actor.page, DEMO_TARGET));
        const seen = reactionButton(reactionBar(observer.page, DEMO_TARGET), kind);
        const before = await reactionState(seen);

        await reactionButton(reactionBar(actor.page, DEMO_TARGET), kind).click();
        await waitFor(async () => (await reactionState(seen)).count === before.count + 1, `the observer's ${kind} count to become ${before.count + 1}`);
        assert.equal((await reactionState(seen)).pressed, before.pressed, "a colleague's reaction is not the observer's own");
      } finally {
        await actor.context.close();
        await observer.context.close();
      }
    }),
  );

  test('ten bars on a page cost one GET /reactions', { timeout: 30_000 }, () =>
    withServerLog(server.plaza, async () => {
      const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
      try {
        // A page of the server's own origin that the server does not have: Playwright serves it.
        const targets = Array.from({ length: 10 }, (_, i) => `page:/e2e/batch-${Date.now()}-${i}`);
        const fixture = `${server.plaza.url}e2e/ten-bars.html`;
        await page.route(fixture, (route) =>
          route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ten bars</title>
              <script type="module" src="/dist/plaza.js"></script></head>
              <body>${targets.map((t) => `<p>${t}</p><plaza-reactions target="${t}"></plaza-reactions>`).join('\n')}</body></html>`,
          }),
        );
        const batches: Request[] = [];
        page.on('request', (request) => {
          if (isReactionBatch(request)) batches.push(request);
        });

        await page.goto(fixture);
        await barsLoaded(page, 10);
        await page.waitForTimeout(500); // a late second batch would show up here
        assert.equal(batches.length, 1, `GET /api/v1/reactions requests: ${batches.map((r) => r.url()).join(' ')}`);
        const asked = new URL(batches[0]!.url()).searchParams;
        // Decision 2 of docs/architecture.md: repeated `targets` parameters.
        assert.deepEqual(asked.getAll('targets').toSorted(), targets.toSorted());
      } finally {
        await context.close();
      }
    }),
  );

  test('the demo page loads without console errors or failed requests', { timeout: 30_000 }, () =>
    withServerLog(server.plaza, async () => {
      const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
      try {
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
        page.on('requestfailed', (request) => {
          // The realtime hub closes a stream on purpose when the page's topics change (and reopens it from where it was).
          const closedStream = new URL(request.url()).pathname.endsWith('/events') && request.failure()?.errorText === 'net::ERR_ABORTED';
          if (!closedStream) problems.push(`failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
        });
        page.on('response', (response) => {
          // The browser's own favicon probe is not the page's request.
          if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
        });

        await page.goto(`${server.plaza.url}demo/`, { waitUntil: 'load' });
        await barsLoaded(page);
        assert.equal(await reactionButton(reactionBar(page, DEMO_TARGET), 'like').count(), 1, 'the demo shows the canteen news reactions');
        assert.ok((await page.locator('select').count()) >= 1, 'the demo has its user switcher');
        await page.waitForTimeout(500);
        // Stop listening before the context closes and aborts the event stream.
        page.removeAllListeners('requestfailed');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }),
  );
});

async function firstUnpressed(bar: ReturnType<typeof reactionBar>): Promise<string> {
  for (const kind of KINDS) {
    if (!(await reactionState(reactionButton(bar, kind))).pressed) return kind;
  }
  throw new Error('every default kind is already pressed for this user');
}
