/**
 * Issue 18, item 3: `plaza.js` is the lazy loader (decisions 126, 133). A page pays only for the
 * elements on it: with only a reaction bar it fetches the loader, its language's messages, the
 * shared chunk and the bar's own chunks, and nothing of comments, the feed, the people cards or
 * the other language. A tag or a
 * `data-plaza` placeholder the page adds later still loads and renders, and so does a tag an
 * element draws into its own shadow root (a comment's author `<plaza-person>`). Chunks come
 * from where plaza.js is, whatever the page's `<base href>` says. `plaza.lazy.js`, the loader's
 * name as a preview, still works.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { pageChunks } from '../../build/page-chunks.mjs';
import { barsLoaded, serveFixture, signedInPage, uniqueTarget, usePlazaServer, waitFor, watchProblems } from './support.ts';

const chunksFor = pageChunks(fileURLToPath(new URL('../..', import.meta.url)));

/** Every file the page fetches from /dist/, as `plaza.js` or `chunks/…`. */
function recordLibraryFiles(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/dist/')) files.push(pathname.slice('/dist/'.length));
  });
  return files;
}

function barPage(target: string, lang: 'de' | 'en' = 'de'): string {
  // The base points elsewhere on purpose: chunks resolve against plaza.js, not the page.
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Nur ein Reaktionsbalken</title>
<base href="/somewhere/else/">
<script type="module" src="/dist/plaza.js"></script></head>
<body><h1>Kantine</h1><plaza-reactions target="${target}"></plaza-reactions><div id="later"></div></body></html>`;
}

describe('the lazy loader (built library, real server, Chromium)', { timeout: 120_000 }, () => {
  const server = usePlazaServer(2);

  /** Runs `body` in a fresh signed-in page and fails on any console error or uncaught exception. */
  const signedIn = (body: (page: Page, context: BrowserContext) => Promise<void>) => async () => {
    const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
    try {
      const problems = watchProblems(page);
      await body(page, context);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  };

  test('a page with only <plaza-reactions> fetches only the chunks the bar needs', { timeout: 30_000 }, signedIn(async (page, context) => {
    const files = recordLibraryFiles(page);
    const url = `${server.plaza.url}e2e/lazy/bar.html`;
    await serveFixture(page, url, barPage(uniqueTarget('lazy')));
    await page.goto(url);
    await barsLoaded(page);
    await page.waitForTimeout(300); // anything fetched late would show up here
    assert.deepEqual(files.toSorted(), chunksFor(['plaza-reactions']).toSorted(), 'the loader, the German messages, the shared chunk and the bar’s chunks, each once');
    for (const other of chunksFor(['plaza-comments', 'plaza-activity-feed', 'plaza-person', 'plaza-profile-card'])) {
      if (!chunksFor(['plaza-reactions']).includes(other)) assert.ok(!files.includes(other), `${other} is not fetched`);
    }
    const defined = await page.evaluate(() => ['plaza-reactions', 'plaza-comments', 'plaza-person'].map((tag) => !!customElements.get(tag)));
    assert.deepEqual(defined, [true, false, false], 'only the bar is defined');
    // The chunks have their content's hash in their names: cached for a year, sent precompressed.
    for (const file of files.filter((f) => f.startsWith('chunks/'))) {
      const response = await context.request.get(`${server.plaza.url}dist/${file}`, { headers: { 'accept-encoding': 'br' } });
      assert.equal(response.headers()['cache-control'], 'public, max-age=31536000, immutable', file);
      assert.equal(response.headers()['content-encoding'], 'br', file);
    }
  }));

  test('an English page fetches the English messages and not the German ones', { timeout: 30_000 }, signedIn(async (page) => {
    const files = recordLibraryFiles(page);
    const url = `${server.plaza.url}e2e/lazy/bar-en.html`;
    await serveFixture(page, url, barPage(uniqueTarget('lazy-en'), 'en'));
    await page.goto(url);
    await barsLoaded(page);
    await page.waitForTimeout(300);
    assert.deepEqual(files.toSorted(), chunksFor(['plaza-reactions'], 'en').toSorted());
    assert.equal(await page.locator('plaza-reactions button[part~="reaction"]').first().getAttribute('title'), 'Like', 'the bar speaks English');
  }));

  test("a tag's chunks and its messages are asked for at once, not each after the one that imports it", { timeout: 30_000 }, signedIn(async (page) => {
    // Decision 210: while the thread's own chunk is held back, the page already asks for every other
    // file the thread needs (the shared and composer chunks, its German and the composer's).
    // Without the build's preloads it learns of them only from that chunk, once it has it.
    const files = recordLibraryFiles(page);
    const needed = chunksFor(['plaza-comments']);
    const own = needed.find((file) => /^chunks\/comments-[\w-]{8}\.js$/.test(file))!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${server.plaza.url}dist/${own}`, async (route) => {
      await held;
      await route.continue();
    });
    const url = `${server.plaza.url}e2e/lazy/thread-preload.html`;
    await serveFixture(
      page,
      url,
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Diskussion</title>
<script type="module" src="/dist/plaza.js"></script></head><body><plaza-comments thread="${uniqueTarget('lazy-preload')}"></plaza-comments></body></html>`,
    );
    await page.goto(url);
    try {
      await waitFor(() => needed.every((file) => files.includes(file)), `every file of the thread while ${own} is held (asked for: ${files.join(', ')})`);
    } finally {
      release();
    }
    await page.locator('plaza-comments [part~="list"], plaza-comments [part~="empty"]').first().waitFor({ timeout: 15_000 });
    assert.ok(!files.some((file) => file.startsWith('chunks/en-')), 'no English on a German page');
  }));

  test('a tag and a placeholder the page adds later load and render', { timeout: 30_000 }, signedIn(async (page) => {
    const files = recordLibraryFiles(page);
    const url = `${server.plaza.url}e2e/lazy/later.html`;
    await serveFixture(page, url, barPage(uniqueTarget('lazy-later')));
    await page.goto(url);
    await barsLoaded(page);
    const colleague = server.users[1]!;
    await page.evaluate((user) => {
      const later = document.getElementById('later')!;
      const person = document.createElement('plaza-person');
      person.setAttribute('user', user);
      later.append(person);
      // A teaser loaded by the page's own script, written by a CMS editor as a placeholder.
      const teaser = document.createElement('div');
      teaser.innerHTML = '<div data-plaza="comment-count" data-thread="page:/e2e/lazy-teaser"></div>';
      later.append(teaser);
    }, colleague.id);

    await page.locator('plaza-person [part~="name"]').filter({ hasText: colleague.name }).waitFor({ timeout: 15_000 });
    await page.locator('plaza-comment-count [part~="count"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('[data-plaza]').count(), 0, 'the placeholder became its element');
    for (const file of chunksFor(['plaza-person', 'plaza-comment-count'])) assert.ok(files.includes(file), `${file} was fetched once the tags appeared`);
  }));

  test("a tag inside an element's shadow root (a comment's author) loads too", { timeout: 45_000 }, signedIn(async (page, context) => {
    const thread = uniqueTarget('lazy-thread');
    const posted = await context.request.post(`${server.plaza.api}/threads/${encodeURIComponent(thread)}/comments`, {
      data: { text: 'Gibt es morgen wieder Linsensuppe?' },
      headers: { 'idempotency-key': `lazy-${thread}` },
    });
    assert.equal(posted.status(), 201, await posted.text());
    const url = `${server.plaza.url}e2e/lazy/thread.html`;
    await serveFixture(
      page,
      url,
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Diskussion</title>
<script type="module" src="/dist/plaza.lazy.js" data-locale="en"></script></head><body><plaza-comments thread="${thread}"></plaza-comments></body></html>`,
    );
    await page.goto(url);
    // The author's name tag is drawn inside the thread's shadow root, where no document watch sees it.
    await waitFor(() => page.evaluate(() => !!customElements.get('plaza-person')), '<plaza-person> to be defined');
    await page.locator('plaza-comments plaza-person[part~="author-person"] [part~="name"]').first().waitFor({ timeout: 15_000 });
    // Loaded by its preview name, plaza.lazy.js, the loader still reads its script's data-* settings.
    assert.match((await page.locator('plaza-comments h2').first().textContent()) ?? '', /comment/i, 'data-locale="en" on plaza.lazy.js counts');
  }));
});
