/**
 * Issue 16, item 5: a page opens its event stream once, at any speed. bench:requests had
 * printed 7 requests instead of 6 on a busy machine because the hub opened `/api/v1/events`
 * a second time when a thread arrived after its 3 s wait. Here every API answer is held back
 * (as a slow or loaded server does) and the page must still open one stream and ask for the
 * same things as at full speed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signedInPage, usePlazaServer } from './support.ts';

const QUIET_MS = 2500;

/** `METHOD path` of every Plaza API request until the page is quiet (the demo's own /dev calls aside). */
async function requestsOf(page: Page, url: string, delayMs: number): Promise<string[]> {
  if (delayMs > 0) {
    await page.route(/\/api\/v1\/(?!events\b)/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await route.continue();
    });
  }
  const seen: string[] = [];
  let lastAt = Date.now();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith('/api/v1/') || pathname.startsWith('/api/v1/dev/')) return;
    seen.push(`${request.method()} ${pathname.slice('/api/v1'.length)}`);
    lastAt = Date.now();
  });
  await page.goto(url);
  const until = Date.now() + 60_000;
  while (Date.now() - lastAt < QUIET_MS + delayMs && Date.now() < until) await page.waitForTimeout(200);
  return seen.sort();
}

describe('the event stream opens once (built library, real server)', { timeout: 240_000 }, () => {
  const server = usePlazaServer(1);

  test('an article page opens one stream and asks the same at full speed and with every answer 4 s late', async () => {
    const url = `${server.plaza.url}demo/news/kantine.html`;
    const runs: string[][] = [];
    for (const delayMs of [0, 4000]) {
      const { context, page } = await signedInPage(server.plaza, 'dennis.krause');
      try {
        runs.push(await requestsOf(page, url, delayMs));
      } finally {
        await context.close();
      }
    }
    for (const requests of runs) {
      assert.equal(requests.filter((r) => r === 'GET /events').length, 1, `one stream:\n${requests.join('\n')}`);
    }
    assert.deepEqual(runs[1], runs[0], 'the same requests at both speeds');
  });
});
