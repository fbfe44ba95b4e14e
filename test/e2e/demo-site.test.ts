/**
 * The demo intranet (`/demo/`) as a visitor meets it: every page loads under the demo's strict
 * Content-Security-Policy without a console error or a policy violation, the news list shows
 * the seeded comment counts, an article shows its seeded discussion, the CMS page's
 * placeholders become elements, and the snippet builder writes, previews and copies a snippet.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { SEED_NEWS, type SeedComment } from '../../server/seed/news.ts';
import { SEED_PEOPLE } from '../../server/seed/people.ts';
import { cspViolations, recordCspViolations, signedInPage, waitFor, watchProblems, withServerLog, usePlazaServer } from './support.ts';

/** Every page of the demo; the navigation, the news list and the articles link only among these. */
const PAGES = [
  '',
  'aktuelles.html',
  'news/tag-der-offenen-tuer.html',
  'news/kantine.html',
  'news/e-ladesaeulen.html',
  'news/betriebsausflug.html',
  'news/sharepoint-umzug.html',
  'telefonbuch.html',
  'personen.html',
  'redaktion.html',
  'design.html',
  'baukasten.html',
];

/** The only scripts a demo page loads: Plaza, the dev sign-in switcher, and the snippet builder's own. */
const SCRIPTS = new Set(['/dist/plaza.js', '/demo/dev-switcher.js', '/demo/baukasten.js']);

/** Published comments and replies, as `GET /threads/counts` counts them (deleted ones are placeholders). */
function published(comments: SeedComment[]): number {
  return comments.reduce((sum, c) => sum + (c.deleted ? 0 : 1) + published(c.replies ?? []), 0);
}

describe('the demo intranet (built library, real server, Chromium)', { timeout: 240_000 }, () => {
  const server = usePlazaServer(3);
  const demo = (path: string) => `${server.plaza.url}demo/${path}`;

  /** A signed-in page recording console errors, uncaught errors, failed responses and CSP violations. */
  function onPage(body: (page: Page, problems: string[], context: BrowserContext, t: TestContext) => Promise<void>): (t: TestContext) => Promise<void> {
    return (t) =>
      withServerLog(server.plaza, async () => {
        const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
        try {
          await recordCspViolations(page);
          const problems = watchProblems(page);
          page.on('response', (response) => {
            // The browser's own favicon probe is not the page's request.
            if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
              problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
            }
          });
          await body(page, problems, context, t);
        } finally {
          // Closing aborts the event stream; that is not something the page did.
          for (const event of ['console', 'pageerror', 'response'] as const) page.removeAllListeners(event);
          await context.close();
        }
      });
  }

  /** Opens a demo page and waits until Plaza has loaded and registered the elements on it (plaza.js loads each tag's code when it appears). */
  async function open(page: Page, path: string): Promise<void> {
    const response = await page.goto(demo(path));
    assert.equal(response?.status(), 200, `GET /demo/${path}`);
    assert.match((await response!.allHeaders())['content-security-policy'] ?? '', /require-trusted-types-for 'script'/, `/demo/${path} is sent with the strict policy`);
    await page.waitForFunction(
      () => {
        const tags = Array.from(document.querySelectorAll('*'), (element) => element.localName).filter((name) => name.startsWith('plaza-'));
        return tags.length > 0 && !document.querySelector('[data-plaza]') && tags.every((name) => customElements.get(name) !== undefined);
      },
      null,
      { timeout: 15_000 },
    );
  }

  test('every page loads without console errors, failed requests or CSP violations', { timeout: 120_000 }, onPage(async (page, problems) => {
    let navigation: string[] | undefined;
    for (const path of PAGES) {
      problems.length = 0;
      await open(page, path);
      await page.waitForTimeout(800); // late requests (profile batches, counts) and their errors show up here

      assert.deepEqual(await cspViolations(page), [], `securitypolicyviolation events on /demo/${path}`);
      assert.deepEqual(problems, [], `console errors, uncaught errors and failed requests on /demo/${path}`);

      const shape = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        scripts: Array.from(document.scripts).map((s) => (s.src ? new URL(s.src).pathname : '(inline)')),
        styled: document.querySelectorAll('style, [style]').length,
        handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
        nav: Array.from(document.querySelectorAll('td.sidebar nav a')).map((a) => new URL((a as HTMLAnchorElement).href).pathname),
        switcher: !!document.getElementById('dev-user'),
      }));
      assert.equal(shape.lang, 'de', `/demo/${path} is German`);
      assert.match(shape.title, /Intranet der Stadtwerke Musterstadt$/);
      assert.ok(shape.scripts.includes('/dist/plaza.js'), `/demo/${path} loads Plaza`);
      for (const script of shape.scripts) assert.ok(SCRIPTS.has(script), `/demo/${path} loads only known scripts, not ${script}`);
      assert.equal(shape.styled, 0, `/demo/${path} has no inline styles`);
      assert.equal(shape.handlers, 0, `/demo/${path} has no inline event handlers`);
      assert.ok(shape.switcher, `/demo/${path} has the dev user switcher`);
      // The same navigation everywhere, and it reaches every page that is not an article.
      navigation ??= shape.nav;
      assert.deepEqual(shape.nav, navigation, `/demo/${path} has the same navigation as the start page`);
    }
    const reachable = new Set(navigation);
    for (const path of PAGES.filter((p) => !p.startsWith('news/'))) assert.ok(reachable.has(`/demo/${path}`), `the navigation links to /demo/${path}`);
  }));

  test('the news list shows every seeded article with its comment count', { timeout: 45_000 }, onPage(async (page, problems, context, t) => {
    await open(page, 'aktuelles.html');
    const counts = page.locator('plaza-comment-count');
    const articles = await counts.evaluateAll((elements) =>
      elements.map((el) => ({ thread: el.getAttribute('thread'), href: new URL(el.getAttribute('href')!, location.href).pathname })),
    );
    for (const article of SEED_NEWS) {
      assert.ok(articles.some((a) => a.thread === article.key), `the list counts ${article.key}`);
    }
    // Each link leads to an article page whose discussion is the thread counted.
    for (const { thread, href } of articles) {
      const html = await (await context.request.get(`${server.plaza.url}${href.slice(1)}`)).text();
      if (thread) assert.match(html, new RegExp(`<plaza-comments thread="${thread}">`), `${href} shows the discussion ${thread}`);
      else assert.match(html, /<plaza-comments><\/plaza-comments>/, `${href} shows its own discussion`);
    }

    if (!(await page.evaluate(() => customElements.get('plaza-comment-count') !== undefined))) {
      t.skip('<plaza-comment-count> is not registered yet');
      return;
    }
    const shown = () =>
      counts.evaluateAll((elements) =>
        elements.map((el) => ({ thread: el.getAttribute('thread'), text: el.shadowRoot?.querySelector('[part~="count"]')?.textContent ?? null })),
      );
    await waitFor(async () => (await shown()).every((c) => c.text !== null), 'every count to be loaded', 15_000);
    const texts = await shown();
    for (const article of SEED_NEWS) {
      const n = published(article.comments);
      const expected = n === 0 ? 'Noch keine Kommentare' : n === 1 ? '1 Kommentar' : `${n} Kommentare`;
      assert.equal(texts.find((c) => c.thread === article.key)?.text, expected, `the count of ${article.key}`);
    }
    assert.ok(texts.some((c) => c.thread === null && c.text === 'Noch keine Kommentare'), 'the newest article, not in the seed, has none yet');
    assert.deepEqual(problems, []);
  }));

  test('an article shows its seeded discussion and reactions', { timeout: 45_000 }, onPage(async (page, problems) => {
    const article = SEED_NEWS.find((a) => a.key === 'page:/news/kantine')!;
    await open(page, 'news/kantine.html');
    const comments = page.locator('plaza-comments');
    assert.equal(await comments.getAttribute('thread'), article.key);
    await waitFor(async () => (await comments.locator('[part~="body"]').count()) > 0, 'the seeded comments');
    const bodies = (await comments.locator('[part~="body"]').allTextContents()).map((text) => text.trim());
    const first = article.comments[0]!;
    assert.ok(bodies.includes(first.body), `"${first.body}" is shown (${bodies.join(' | ')})`);
    const reply = first.replies![1]!;
    assert.ok(bodies.includes(reply.body), `the reply "${reply.body}" is shown`);
    assert.equal((await comments.locator('[part~="heading"]').textContent())?.trim(), `${published(article.comments)} Kommentare`);

    const bar = page.locator(`plaza-reactions[target="${article.key}"]`);
    await waitFor(async () => (await bar.locator('[part~="bar"][aria-busy="false"]').count()) === 1, 'the reaction bar');
    const likes = (await bar.locator('button[data-kind="like"] [part~="count"]').textContent()) ?? '';
    assert.ok(Number(likes) >= article.reactions.like!.length, `the seeded likes are counted (${likes})`);
    assert.deepEqual(problems, []);
  }));

  test('the staff directory lists every seeded colleague as a <plaza-person>', { timeout: 45_000 }, onPage(async (page, problems, _context, t) => {
    await open(page, 'telefonbuch.html');
    const people = page.locator('table.phonebook plaza-person');
    const listed = await people.evaluateAll((elements) => elements.map((el) => ({ user: el.getAttribute('user'), text: el.textContent?.trim() })));
    assert.deepEqual(
      listed.map((p) => p.user).toSorted(),
      SEED_PEOPLE.map((p) => p.id).toSorted(),
      'one row per seeded colleague',
    );
    for (const { user, text } of listed) assert.equal(text, SEED_PEOPLE.find((p) => p.id === user)!.name, `the name inside <plaza-person user="${user}">`);

    if (!(await page.evaluate(() => customElements.get('plaza-person') !== undefined))) {
      t.skip('<plaza-person> is not registered yet');
      return;
    }
    // The directory's spelling replaces the fallback once the one batched request has answered.
    const names = () => people.evaluateAll((elements) => elements.map((el) => el.shadowRoot?.querySelector('[part~="name"]')?.textContent?.trim() ?? null));
    const expected = SEED_PEOPLE.map((p) => p.name).toSorted();
    await waitFor(async () => (await names()).toSorted().join('|') === expected.join('|'), 'every name as the directory spells it').catch(async (error) => {
      assert.deepEqual((await names()).toSorted(), expected, String(error));
    });
    assert.deepEqual(problems, []);
  }));

  test('the CMS page has only placeholders, and each becomes its element', { timeout: 45_000 }, onPage(async (page, problems) => {
    const source = await (await page.request.get(demo('redaktion.html'))).text();
    const body = source.replace(/<pre>[\s\S]*?<\/pre>/g, '');
    assert.doesNotMatch(body, /<plaza-/, 'the stored page has no plaza-* tags outside the example');
    await open(page, 'redaktion.html');
    await waitFor(() => page.evaluate(() => document.querySelectorAll('[data-plaza]').length === 0), 'every placeholder to be replaced');
    const tags = await page.evaluate(() => Array.from(document.querySelectorAll('td.content *')).map((el) => el.localName).filter((name) => name.startsWith('plaza-')));
    assert.deepEqual(tags.toSorted(), ['plaza-comments', 'plaza-person', 'plaza-person', 'plaza-person', 'plaza-person', 'plaza-profile-card', 'plaza-reactions']);
    assert.equal(await page.locator('plaza-profile-card').getAttribute('variant'), 'compact');
    await waitFor(async () => (await page.locator('plaza-comments [part~="heading"]').count()) === 1, 'the comment section');
    assert.deepEqual(problems, []);
  }));

  test('the custom-themed page takes its colours from --plaza-* and ::part()', { timeout: 45_000 }, onPage(async (page, problems) => {
    await open(page, 'design.html');
    const heading = page.locator('.neues-design plaza-comments [part~="heading"]');
    await waitFor(async () => (await heading.count()) === 1, 'the themed comment section');
    const look = await page.evaluate(() => {
      const comments = document.querySelector('.neues-design plaza-comments')!;
      const headingPart = comments.shadowRoot!.querySelector('[part~="heading"]')!;
      return {
        accent: getComputedStyle(comments).getPropertyValue('--plaza-color-accent').trim(),
        heading: getComputedStyle(headingPart).color,
      };
    });
    assert.deepEqual(look, { accent: '#004a93', heading: 'rgb(0, 43, 87)' });
    assert.deepEqual(problems, []);
  }));

  test('the snippet builder writes, previews and copies a placeholder snippet', { timeout: 60_000 }, onPage(async (page, problems, context) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.plaza.url.replace(/\/$/, '') });
    await open(page, 'baukasten.html');
    const snippet = page.getByLabel('Snippet zum Kopieren');
    assert.equal(await snippet.inputValue(), '<plaza-comments></plaza-comments>', 'comments as a tag, no settings, to begin with');

    await page.getByLabel('Reihenfolge').selectOption('oldest');
    await page.getByRole('radio', { name: /Als Platzhalter/ }).check();
    const expected = '<div data-plaza="comments" data-sort="oldest"></div>';
    assert.equal(await snippet.inputValue(), expected);

    // The preview holds the same placeholder, which Plaza turned into the element.
    const previewed = page.locator('#preview plaza-comments');
    await waitFor(async () => (await previewed.count()) === 1, 'the previewed <plaza-comments>');
    assert.equal(await previewed.getAttribute('sort'), 'oldest');
    assert.equal(await page.locator('#preview [data-plaza]').count(), 0, 'no placeholder left in the preview');
    await waitFor(async () => (await previewed.locator('[part~="heading"]').count()) === 1, 'the preview to render');

    await page.getByRole('button', { name: 'Kopieren' }).click();
    const status = page.locator('#copy-status');
    await waitFor(async () => /Kopiert/.test((await status.textContent()) ?? ''), 'the copy status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected, 'the clipboard holds the snippet');

    // A colleague found by name: the picker asks GET /people?q=.
    await page.getByRole('radio', { name: /^Person/ }).check();
    await page.getByRole('radio', { name: /Als Tag/ }).check();
    await page.getByLabel('Kollegin oder Kollegen suchen').fill('lehm');
    await waitFor(async () => (await page.getByLabel('Person (user)').inputValue()) === 'anna.lehmann' && /gefunden/.test((await page.locator('#person-status').textContent()) ?? ''), 'the search result');
    assert.equal(await snippet.inputValue(), '<plaza-person user="anna.lehmann"></plaza-person>');
    await waitFor(async () => (await page.locator('#preview plaza-person[user="anna.lehmann"]').count()) === 1, 'the previewed <plaza-person>');

    assert.deepEqual(await cspViolations(page), [], 'securitypolicyviolation events');
    assert.deepEqual(problems, []);
  }));
});
