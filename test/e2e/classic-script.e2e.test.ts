/**
 * Issue 16, item 6: old intranet templates and tag managers insert classic scripts. On a
 * quirks-mode page with an AMD loader, Plaza loaded by a classic `<script src>` renders its
 * widgets without registering through the page's `define`: `plaza.classic.js` is the file
 * for that; `plaza.js` (a module) loaded that way says in the console what to write, and the
 * reference server sends the classic build in its place.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { barsLoadedIn, reactionBarIn, serveFixture, signedInPage, uniqueTarget, usePlazaServer, withServerLog } from './support.ts';
import { classicScriptPage } from './fixtures/embedding-pages.ts';

describe('Plaza from a classic <script src> (built library, real server, Chromium)', { timeout: 120_000 }, () => {
  const server = usePlazaServer(1);

  /** Opens the classic page loading `src`; returns what the console said and the page's AMD calls. */
  async function classicPage(src: string, body: (page: Page, console: string[]) => Promise<void>): Promise<void> {
    await withServerLog(server.plaza, async () => {
      const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
      try {
        const console: string[] = [];
        page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
        page.on('pageerror', (error) => console.push(`uncaught: ${error.message}`));
        const target = uniqueTarget('classic');
        const url = `${server.plaza.url}e2e/legacy/classic-${src.replace(/\W/g, '-')}.html`;
        await serveFixture(page, url, classicScriptPage(src, target));
        await page.goto(url);
        assert.equal(await page.evaluate(() => document.compatMode), 'BackCompat', 'the fixture really is in quirks mode');
        await barsLoadedIn(page, 2).catch((error: Error) => {
          error.message += `\nconsole:\n${console.join('\n')}`;
          throw error;
        });
        assert.equal(await reactionBarIn(page, target).locator('button[part~="reaction"]').count(), 5, 'the bar shows its buttons');
        assert.equal(await reactionBarIn(page, `${target}-placeholder`).count(), 1, 'the placeholder became a bar');
        assert.deepEqual(await page.evaluate(() => (window as unknown as { amdCalls: string[] }).amdCalls), [], "Plaza did not register through the page's define");
        await body(page, console);
      } finally {
        await context.close();
      }
    });
  }

  test('plaza.classic.js renders the widgets on a quirks page with an AMD loader', { timeout: 40_000 }, () =>
    classicPage('/dist/plaza.classic.js', async (_page, console) => {
      assert.deepEqual(console.filter((line) => /^(error|warning|uncaught)/.test(line)), [], 'nothing in the console');
    }),
  );

  test('plaza.js loaded classically says what to write, and the reference server sends the classic build', { timeout: 40_000 }, () =>
    classicPage('/dist/plaza.js', async (_page, console) => {
      const warning = console.find((line) => line.includes('[plaza]'));
      assert.match(warning ?? '', /^warning: .*type=\\?"module\\?".*plaza\.classic\.js/, `the console says what to use (said: ${console.join('\n')})`);
      assert.deepEqual(console.filter((line) => /^(error|uncaught)/.test(line)), []);
    }),
  );
});
