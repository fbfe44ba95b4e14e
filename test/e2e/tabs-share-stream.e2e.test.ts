/**
 * Issue 16, item 5: six tabs of a long thread. Over HTTP/1.1 a browser allows six connections
 * per host; every tab holding its own event streams starved every API call (a `/me` took 6.6 s,
 * a third tab did not load). The tabs share one stream through a leader tab, which hands it on
 * when it closes; each tab's API calls answer promptly and live updates reach every tab.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess } from '../../scripts/server-process.mjs';
import { reactAs, signedInPage, stopPlaza, waitFor, type Plaza } from './support.ts';

const THREAD = 'page:/e2e/tabs/long-thread';
const COMMENTS = 120;
const TABS = 6;

describe('six tabs of a long thread share one event stream (built library, real server)', { timeout: 300_000 }, () => {
  // Writing the long thread needs the write rate limit off.
  let plaza: Plaza | undefined;
  before(async () => {
    const server = await startServerProcess({ env: { PLAZA_SEED: 'demo', PLAZA_RATE_LIMIT: '0', PLAZA_WRITE_RATE_LIMIT: '0' } });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    plaza = { server, browser, url: server.url, api: `${server.url}api/v1` };
  });
  after(() => stopPlaza(plaza));

  test('one stream for six tabs, prompt API calls in each, live updates everywhere, and a new leader when the first tab closes', async () => {
    if (!plaza) throw new Error('no server');
    const { context, page: first } = await signedInPage(plaza, 'dennis.krause');
    try {
      // A long thread, written through the API.
      const url = `${plaza.api}/threads/${encodeURIComponent(THREAD)}/comments`;
      let lastId = '';
      for (let i = 0; i < COMMENTS; i++) {
        const res = await context.request.post(url, { data: { text: `Beitrag ${i + 1}` }, headers: { 'idempotency-key': `tabs-${i}` } });
        assert.equal(res.status(), 201, await res.text());
        lastId = ((await res.json()) as { id: string }).id;
      }
      const pageUrl = `${plaza.url}e2e/tabs.html`;
      const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Langer Thread</title>
<script type="module" src="/dist/plaza.js"></script></head><body><plaza-comments thread="${THREAD}" page-size="${COMMENTS}"></plaza-comments></body></html>`;
      await context.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));

      const streams = new Set<string>();
      const tabs: Page[] = [first];
      for (let i = 1; i < TABS; i++) tabs.push(await context.newPage());
      for (const tab of tabs) {
        tab.on('request', (request) => {
          if (new URL(request.url()).pathname === '/api/v1/events') streams.add(`${tabs.indexOf(tab)} ${request.url()}`);
        });
        await tab.goto(pageUrl);
        await tab.waitForFunction(() => document.querySelector('plaza-comments')?.shadowRoot?.querySelector('[part="list"]'), null, { timeout: 30_000 });
      }
      await first.waitForTimeout(1500);
      assert.equal(streams.size, 1, `event streams opened by six tabs:\n${[...streams].join('\n')}`);

      // Every tab's API calls still answer promptly (a stream per tab would have taken every connection).
      for (const tab of tabs) {
        const ms = await tab.evaluate(async (api) => {
          const started = performance.now();
          await fetch(`${api}/me`, { credentials: 'include' });
          return performance.now() - started;
        }, plaza.api);
        assert.ok(ms < 3000, `GET /me took ${Math.round(ms)} ms in tab ${tabs.indexOf(tab) + 1}`);
      }

      // A reaction on the last comment reaches every tab, through the one stream.
      const count = (tab: Page) =>
        tab.evaluate((id) => {
          const bar = document.querySelector('plaza-comments')?.shadowRoot?.querySelector(`plaza-reactions[target="comment:${id}"]`);
          return bar?.shadowRoot?.querySelector('button[data-kind="like"] [part~="count"]')?.textContent?.trim() ?? '';
        }, lastId);
      await reactAs(plaza, 'jonas.richter', `comment:${lastId}`, 'like');
      for (const tab of tabs) await waitFor(async () => (await count(tab)) === '1', `the reaction in tab ${tabs.indexOf(tab) + 1}`, 15_000);

      // The leading tab closes: another takes over the stream, and live updates go on.
      await first.close();
      const rest = tabs.slice(1);
      await waitFor(() => streams.size === 2, 'a second tab to open the stream after the first closed', 15_000);
      await reactAs(plaza, 'jonas.richter', `comment:${lastId}`, 'love');
      const loves = (tab: Page) =>
        tab.evaluate((id) => {
          const bar = document.querySelector('plaza-comments')?.shadowRoot?.querySelector(`plaza-reactions[target="comment:${id}"]`);
          return bar?.shadowRoot?.querySelector('button[data-kind="love"] [part~="count"]')?.textContent?.trim() ?? '';
        }, lastId);
      for (const tab of rest) await waitFor(async () => (await loves(tab)) === '1', `the second reaction in tab ${tabs.indexOf(tab) + 1}`, 15_000);
      assert.equal(streams.size, 2, `streams:\n${[...streams].join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
