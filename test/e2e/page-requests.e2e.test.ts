/**
 * Issue 16, item 4: a demo page asks for each resource once. "Wer ist wer?" shows twelve
 * profile cards (one of them full, with a feed of the person's activity) and promised one
 * request for all of them; the article page has a reaction bar, a thread and a name tag.
 * Every API request after the page's load is counted by method, path and query, signed in
 * (the usual intranet reader), until the page has been quiet for a while.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signedInPage, usePlazaServer } from './support.ts';

/** No new request for this long: the page has settled (generous: two busy cores). */
const QUIET_MS = 2500;

/** Every `/api/v1` request the page makes until it is quiet, as `METHOD path?query`. */
async function apiRequests(page: Page, url: string): Promise<string[]> {
  const seen: string[] = [];
  let lastAt = Date.now();
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url());
    if (!pathname.startsWith('/api/v1/')) return;
    // The dev switcher of the demo asks for its list of users; it is the demo's, not Plaza's.
    if (pathname.startsWith('/api/v1/dev/')) return;
    seen.push(`${request.method()} ${pathname.slice('/api/v1'.length)}${decodeURIComponent(search)}`);
    lastAt = Date.now();
  });
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `GET ${url}`);
  const until = Date.now() + 30_000;
  while (Date.now() - lastAt < QUIET_MS && Date.now() < until) await page.waitForTimeout(200);
  return seen;
}

/** The requests asked more than once. */
function repeated(requests: string[]): string[] {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(request, (counts.get(request) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([request, n]) => `${n}× ${request}`);
}

describe('a demo page asks for each resource once (built library, real server)', { timeout: 180_000 }, () => {
  const server = usePlazaServer(1);

  test('"Wer ist wer?": twelve profile cards share one batched request, /me and the feed are asked once', async (t) => {
    const { context, page } = await signedInPage(server.plaza, 'dennis.krause');
    try {
      const requests = await apiRequests(page, `${server.plaza.url}demo/personen.html`);
      t.diagnostic(`personen.html: ${requests.length} API requests: ${requests.map((r) => r.split('?')[0]).join(', ')}`);
      await page.locator('plaza-profile-card[user="niklas.braun"] [part~="name"]').first().waitFor({ timeout: 15_000 });
      assert.deepEqual(repeated(requests), [], `requests asked twice:\n${requests.join('\n')}`);
      const single = requests.filter((r) => /^GET \/people\/[^/?]+$/.test(r));
      assert.deepEqual(single, [], `profile cards asked one by one:\n${requests.join('\n')}`);
      const nonStream = requests.filter((r) => !r.startsWith('GET /events?'));
      // /me, the profiles (one batch), the feed of the full card, and the bell's inbox in the header.
      assert.ok(nonStream.length <= 4, `${nonStream.length} requests besides the event stream:\n${requests.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('the article page asks for /me once', async (t) => {
    const { context, page } = await signedInPage(server.plaza, 'dennis.krause');
    try {
      const requests = await apiRequests(page, `${server.plaza.url}demo/news/kantine.html`);
      t.diagnostic(`news/kantine.html: ${requests.length} API requests: ${requests.map((r) => r.split('?')[0]).join(', ')}`);
      assert.deepEqual(repeated(requests), [], `requests asked twice:\n${requests.join('\n')}`);
      assert.equal(requests.filter((r) => r === 'GET /me').length, 1, requests.join('\n'));
    } finally {
      await context.close();
    }
  });
});
