/**
 * Issue 5, item 5: Plaza works on a page with
 * `Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'`
 * — its styles arrive as adopted stylesheets (no `unsafe-inline`), its templates go through
 * Trusted Types, and opening "who reacted" does not change that.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  barsLoadedIn,
  clickReaction,
  cspViolations,
  reactAs,
  reactionBarIn,
  reactionButton,
  recordCspViolations,
  serveFixture,
  signedInPage,
  uniqueTarget,
  waitFor,
  watchProblems,
  withServerLog,
  usePlazaServer,
} from './support.ts';
import { DEFAULT_REACTION_KINDS } from '../../src/core/protocol.ts';
import { CSP_PAGE_CSS, CSP_PAGE_JS, STRICT_CSP, cspPage } from './fixtures/csp-page.ts';

const KINDS = DEFAULT_REACTION_KINDS;

describe('Plaza under a strict Content-Security-Policy with Trusted Types', { timeout: 120_000 }, () => {
  const server = usePlazaServer(3);

  test('9. the bar renders and works, and "who reacted" opens, without a single violation', { timeout: 45_000 }, () =>
    withServerLog(server.plaza, async () => {
      const target = uniqueTarget('csp');
      // Colleagues reacted already, so "who reacted" has names to render.
      await reactAs(server.plaza, server.users[1]!.id, target, 'love');
      await reactAs(server.plaza, server.users[2]!.id, target, 'love');

      const { context, page } = await signedInPage(server.plaza, server.users[0]!.id);
      try {
        await recordCspViolations(page);
        const problems = watchProblems(page);
        const base = `${server.plaza.url}e2e/csp/`;
        await serveFixture(page, `${base}page.html`, cspPage(target), { headers: { 'Content-Security-Policy': STRICT_CSP } });
        await serveFixture(page, `${base}page.css`, CSP_PAGE_CSS, { contentType: 'text/css' });
        await serveFixture(page, `${base}page.js`, CSP_PAGE_JS, { contentType: 'text/javascript' });

        const response = await page.goto(`${base}page.html`);
        assert.equal((await response!.allHeaders())['content-security-policy'], STRICT_CSP, 'the page is served with the strict policy');
        await barsLoadedIn(page);

        const bar = reactionBarIn(page, target);
        const kinds = await bar.locator('button[part~="reaction"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-kind')));
        assert.deepEqual(kinds, KINDS);
        assert.equal(await reactionButton(bar, 'love').locator('[part~="count"]').textContent(), '2');
        await clickReaction(bar, 'like');

        // Plaza's styles apply although style-src forbids inline styles: Lit adopts constructed sheets.
        const styling = await page.evaluate(() => {
          const root = document.querySelector('plaza-reactions')!.shadowRoot!;
          const button = root.querySelector('button[part~="reaction"]')!;
          return {
            adopted: root.adoptedStyleSheets.length,
            styleElements: root.querySelectorAll('style').length,
            justify: getComputedStyle(button).justifyContent,
            radius: getComputedStyle(button).borderTopLeftRadius,
          };
        });
        assert.ok(styling.adopted >= 1, 'the shadow root has adopted stylesheets');
        assert.equal(styling.styleElements, 0, 'no <style> element (which style-src would block)');
        assert.equal(styling.justify, 'center', "Plaza's button styles are in force");
        assert.notEqual(styling.radius, '0px', 'the pill shape is in force');

        // "Who reacted" renders names (text from the server) under Trusted Types.
        await bar.locator('[part~="who-toggle"]').click();
        await waitFor(async () => (await bar.locator('[part="who"] ul[aria-busy="false"] li').count()) >= 3, 'the names of who reacted');
        const names = await bar.locator('[part="who"] li:not(.loading)').allTextContents();
        for (const user of server.users.slice(0, 3)) assert.ok(names.includes(user.name), `${user.name} is listed (${names.join(', ')})`);

        // The page's own external script still works.
        await page.locator('#ack').click();
        assert.equal(await page.locator('#ack-state').textContent(), 'acknowledged');
        assert.equal(await page.locator('body').getAttribute('data-page-script'), 'ran');

        await page.waitForTimeout(300); // a late violation (an update after the list loaded) would show here
        assert.deepEqual(await cspViolations(page), [], 'securitypolicyviolation events');
        assert.deepEqual(problems, [], 'console errors (CSP and Trusted Types report there) and uncaught errors');

        // Controls: the policy is really enforced and the recorders really record. (Not eval():
        // Playwright evaluates through CDP, which lifts the eval restriction for its own code.)
        // No named local functions in page code: tsx's keepNames would wrap them in a `__name` the page lacks.
        const refused = await page.evaluate(() => {
          const inlineStyle = document.createElement('style');
          inlineStyle.append('#notice { color: rgb(1, 2, 3) }');
          document.head.append(inlineStyle);
          let html = 'allowed';
          try {
            document.createElement('div').innerHTML = '<b>plain string</b>';
          } catch (error) {
            html = (error as Error).name;
          }
          return { html, inlineStyle: getComputedStyle(document.getElementById('notice')!).color !== 'rgb(1, 2, 3)' };
        });
        assert.deepEqual(refused, { html: 'TypeError', inlineStyle: true }, 'a plain string to innerHTML and an inline <style> are refused');
        const violations = (await waitFor(async () => {
          const seen = await cspViolations(page);
          return seen.length >= 2 ? seen : undefined;
        }, 'the two control violations to be recorded'))!;
        assert.ok(violations.some((v) => v.startsWith('require-trusted-types-for')), violations.join('\n'));
        assert.ok(violations.some((v) => v.startsWith('style-src')), violations.join('\n'));
        await waitFor(() => problems.some((p) => /TrustedHTML/.test(p)), `the Trusted Types error in the console (${problems.join(' | ')})`);
      } finally {
        for (const event of ['console', 'pageerror'] as const) page.removeAllListeners(event);
        await context.close();
      }
    }),
  );
});
