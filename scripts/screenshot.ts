/**
 * `npm run screenshot`: the README's picture, made from the running demo so it
 * never goes stale. Starts a real server on a free port with a fresh data
 * folder, signs in as a seeded colleague, opens the canteen article, opens
 * "who reacted", and writes docs/images/demo.png (desktop) and
 * docs/images/demo-phone.png (320 px), each down to the first comment.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess } from './server-process.mjs';

const OUT = new URL('../docs/images/', import.meta.url);

const server = await startServerProcess({ env: { PLAZA_SEED: 'demo' } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
try {
  const shots = [
    { file: 'demo.png', width: 1000 },
    { file: 'demo-phone.png', width: 320 },
  ];
  for (const { file, width } of shots) {
    const context = await browser.newContext({ viewport: { width, height: 760 }, deviceScaleFactor: 1, locale: 'de-DE' });
    const users = (await (await context.request.get(`${server.url}api/v1/dev/users`)).json()) as { items: Array<{ id: string }> };
    await context.request.post(`${server.url}api/v1/dev/session`, { data: { userId: users.items[0]!.id } });
    const page = await context.newPage();
    await page.goto(`${server.url}demo/news/kantine.html`);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('plaza-reactions')).every((bar) => bar.shadowRoot?.querySelector('[part~="bar"][aria-busy="false"]')),
    );
    await page.waitForFunction(() => document.querySelector('plaza-comments')?.shadowRoot?.querySelector('[part~="comment"]'));
    await page.locator('plaza-reactions').first().locator('[part="who-toggle"]').click();
    await page.waitForFunction(() => {
      const who = document.querySelector('plaza-reactions')?.shadowRoot?.querySelector('[part="who"]');
      return who && !who.querySelector('[aria-busy="true"]');
    });
    // The article, its reaction bar with "who reacted", and the discussion down to its first comment.
    const firstComment = (await page.locator('plaza-comments [part~="comment"]').first().boundingBox())!;
    const scrollY = await page.evaluate(() => window.scrollY);
    await page.setViewportSize({ width, height: Math.ceil(scrollY + firstComment.y + firstComment.height + 16) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: new URL(file, OUT).pathname });
    console.log(`wrote docs/images/${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
