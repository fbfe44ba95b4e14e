/**
 * Issue 16, item 8: in an ASP.NET WebForms page (one `<form>` around everything and
 * `document.onkeypress` turning Enter into a postback), Enter and Shift+Enter typed into
 * Plaza's comment box must not reach the page's handlers and submit the page; Plaza's own
 * keys (Ctrl+Enter posts) still work, and Escape and Tab still reach the page.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serveFixture, signedInPage, uniqueTarget, usePlazaServer, waitFor, watchProblems, withServerLog } from './support.ts';
import { webFormsPage } from './fixtures/embedding-pages.ts';

describe('keys typed into Plaza on a WebForms page (built library, real server, Chromium)', { timeout: 120_000 }, () => {
  const server = usePlazaServer(1);

  test('Enter and Shift+Enter in the comment box do not post the page back; Ctrl+Enter posts the comment', { timeout: 60_000 }, () =>
    withServerLog(server.plaza, async () => {
      const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
      try {
        const problems = watchProblems(page);
        const postbacks: string[] = [];
        const pageUrl = `${server.plaza.url}e2e/legacy/webforms.aspx`;
        await serveFixture(page, pageUrl, webFormsPage(uniqueTarget('webforms')));
        await page.route(`${server.plaza.url}e2e/legacy/postback.aspx`, (route) => {
          postbacks.push(route.request().postData() ?? '');
          return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Postback</p>' });
        });
        await page.goto(pageUrl);

        // The page's own handler is live: Enter in its search field posts back (then come back).
        await page.locator('#txtSearch').press('Enter');
        await waitFor(() => postbacks.length === 1, "the page's own Enter handler to post back");
        await page.goto(pageUrl);

        const box = page.locator('plaza-comments textarea[part~="textarea"]');
        await box.waitFor({ timeout: 15_000 });
        await box.click();
        await page.keyboard.type('Erste Zeile');
        await page.keyboard.press('Shift+Enter');
        await page.keyboard.type('zweite Zeile');
        await page.keyboard.press('Enter');
        await page.keyboard.type('dritte Zeile');
        await page.waitForTimeout(300);
        assert.deepEqual(postbacks.length, 1, 'Enter and Shift+Enter in the comment box did not submit the page');
        assert.equal(await box.inputValue(), 'Erste Zeile\nzweite Zeile\ndritte Zeile', 'both made new lines in the box');
        assert.deepEqual(await page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys), [], 'no key typed into the box reached the page');

        // Escape and Tab are the page's too (closing its dialog, moving focus in its focus trap).
        await page.keyboard.press('Escape');
        assert.deepEqual(await page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys), ['Escape'], 'Escape still reaches the page');

        const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/threads/'), { timeout: 15_000 });
        await box.focus();
        await page.keyboard.press('Control+Enter');
        assert.equal((await posted).status(), 201, "Plaza's own key posted the comment");
        await page.locator('plaza-comments [part~="body"]', { hasText: 'dritte Zeile' }).first().waitFor({ timeout: 10_000 });
        assert.equal(postbacks.length, 1, 'posting the comment did not submit the page either');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }),
  );
});
