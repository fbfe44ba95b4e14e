/**
 * Issue 16, item 20: on a server where the intranet's reverse proxy signs people in
 * (PLAZA_AUTH=proxy), the demo's sign-in box shows who is signed in and, calmly, why it
 * offers no test sign-in; not a red "switched off" error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';
import { SEED_PEOPLE } from '../../server/seed/people.ts';
import { waitFor, watchProblems } from './support.ts';

describe('the demo sign-in box on a server with proxy sign-in', { timeout: 120_000 }, () => {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  before(async () => {
    // The browser connects from loopback, so trusting it plays "behind the authenticating proxy".
    server = await startServerProcess({ env: { PLAZA_SEED: 'demo', PLAZA_AUTH: 'proxy', PLAZA_TRUSTED_PROXIES: '127.0.0.1,::1' } });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** What the box says, whether it says it in red, and what the select offers. */
  async function signInBox(headers: Record<string, string>) {
    const context = await browser!.newContext({ extraHTTPHeaders: headers });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${server!.url}demo/aktuelles.html`);
      const status = page.locator('#dev-status');
      await waitFor(async () => (await status.textContent())?.trim(), 'the sign-in box to say something');
      return {
        text: (await status.textContent())!.trim(),
        red: await status.evaluate((el) => getComputedStyle(el).color === 'rgb(204, 0, 0)'),
        select: await page.locator('#dev-user').isVisible(),
        signOut: await page.locator('#dev-sign-out').isVisible(),
        problems,
      };
    } finally {
      await context.close();
    }
  }

  test('signed in by the proxy header: names the person and says the intranet signs in', async () => {
    const person = SEED_PEOPLE[0]!;
    const box = await signInBox({ 'X-Remote-User': person.id });
    assert.doesNotMatch(box.text, /ausgeschaltet/, `not "switched off" (said: ${box.text})`);
    assert.match(box.text, /Anmeldung des Intranets/, `says why there is no test sign-in (said: ${box.text})`);
    assert.equal(box.red, false, 'said calmly, not in red');
    assert.ok(box.text.startsWith(`${person.name}, `), `the box shows who is signed in (said: ${box.text})`);
    assert.equal(box.select, false, 'no list of test users to pick from');
    assert.equal(box.signOut, false, 'no sign-out button: the intranet signs people out');
    // Chromium logs the 404 of /dev/users, the route that exists only with PLAZA_AUTH=dev; nothing else.
    assert.deepEqual(box.problems.filter((p) => !/status of 404/.test(p)), []);
  });

  test('nobody signed in (no header): says so calmly', async () => {
    const box = await signInBox({});
    assert.match(box.text, /Anmeldung des Intranets/, `says why there is no test sign-in (said: ${box.text})`);
    assert.equal(box.red, false, 'said calmly, not in red');
    assert.ok(box.text.startsWith('niemand. '), `says nobody is signed in (said: ${box.text})`);
  });
});
