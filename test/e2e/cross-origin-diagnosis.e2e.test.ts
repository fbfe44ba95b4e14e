/**
 * Issue 16, item 7: a CORS mistake must not look like an outage. A page on another origin
 * than the Plaza server (here 127.0.0.1:<port> against localhost:<port>) that the server
 * does not allow (PLAZA_CORS_ORIGINS) shows a message that says so in every widget, and the
 * console names the setting to change; a server that is really down still reads as
 * unreachable; and a page on another site, where the sign-in cookie is not sent, has the
 * console say why nobody is signed in.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';
import { uniqueTarget, waitFor } from './support.ts';
import { otherOriginPage } from './fixtures/embedding-pages.ts';

/** A static server for one page on 127.0.0.1: another origin (and site) than the Plaza server's localhost. */
async function pageServer(body: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/page.html')) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body());
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a page on another origin than the Plaza server (built library, Chromium)', { timeout: 180_000 }, () => {
  let plaza: ServerProcess | undefined;
  let browser: Browser | undefined;
  let allowed: { server: Server; origin: string } | undefined;
  let refused: { server: Server; origin: string } | undefined;
  /** What the page servers answer: set by each test. */
  let html = '';

  before(async () => {
    allowed = await pageServer(() => html);
    refused = await pageServer(() => html);
    plaza = await startServerProcess({ env: { PLAZA_SEED: 'demo', PLAZA_CORS_ORIGINS: allowed.origin } });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  });
  after(async () => {
    await browser?.close();
    await plaza?.stop();
    allowed?.server.close();
    refused?.server.close();
  });

  /** Opens the page in a fresh context and collects the console; `signIn` signs in at the Plaza server first. */
  async function open(origin: string, endpoint: string, signIn?: string): Promise<{ context: BrowserContext; page: Page; console: string[] }> {
    html = otherOriginPage(plaza!.url, endpoint, uniqueTarget('cross-origin'));
    const context = await browser!.newContext();
    if (signIn) {
      const response = await context.request.post(`${plaza!.url}api/v1/dev/session`, { data: { userId: signIn } });
      assert.ok(response.ok(), `signed in at the Plaza server (${response.status()})`);
    }
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    await page.goto(`${origin}/page.html`);
    return { context, page, console };
  }

  /** The text each widget shows once it has settled on an error (or content). */
  async function widgetTexts(page: Page, pattern: RegExp, tags = ['plaza-reactions', 'plaza-comments']): Promise<Record<string, string>> {
    const read = () =>
      page.evaluate(
        (names) => Object.fromEntries(names.map((tag) => [tag, document.querySelector(tag)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? ''])),
        tags,
      );
    return (await waitFor(async () => {
      const texts = await read();
      return Object.values(texts).every((text) => pattern.test(text)) ? texts : undefined;
    }, `every widget to show ${pattern}`, 20_000).catch(async (error: Error) => {
      error.message += `\nwidgets: ${JSON.stringify(await read())}`;
      throw error;
    }))!;
  }

  test('an origin the server does not allow: every widget says so, the console names PLAZA_CORS_ORIGINS', async () => {
    const { context, page, console } = await open(refused!.origin, `${plaza!.url}api/v1`);
    try {
      const texts = await widgetTexts(page, /lässt diese Seite aber nicht zu/);
      for (const text of Object.values(texts)) assert.doesNotMatch(text, /nicht erreichbar/);
      const hint = await waitFor(() => console.find((line) => line.includes(`PLAZA_CORS_ORIGINS=${refused!.origin}`)), 'the console to name the setting');
      assert.match(hint!, /^error: /, 'said as an error');
      assert.ok(!console.some((line) => /proxy may block/.test(line) && !/origin/.test(line)), `no talk of only a proxy blocking streams: ${console.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('a server that is down still reads as unreachable', async () => {
    const { context, page } = await open(refused!.origin, `http://localhost:${await closedPort()}/api/v1`);
    try {
      await widgetTexts(page, /Der Server ist nicht erreichbar/);
    } finally {
      await context.close();
    }
  });

  test('an allowed page on another site: signed in at the server, yet the console explains why nobody is signed in here', async () => {
    const { context, page, console } = await open(allowed!.origin, `${plaza!.url}api/v1`, 'ayse.demir');
    try {
      await widgetTexts(page, /Melden Sie sich an/, ['plaza-comments']);
      const hint = await waitFor(() => console.find((line) => line.includes('SameSite')), 'the console to explain the cookie');
      assert.match(hint!, /localhost.*another site/, `names the server and says why: ${hint}`);
    } finally {
      await context.close();
    }
  });
});
