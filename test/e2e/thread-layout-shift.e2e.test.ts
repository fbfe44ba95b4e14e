/**
 * `<plaza-comments>` must not push the page around while it loads (issue 16, item 15): the
 * space the thread will take is held before its data arrives. Measured as the browser's
 * Cumulative Layout Shift (PerformanceObserver 'layout-shift') on the demo's article pages,
 * with the built library against a real server, signed in and signed out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signedInPage, usePlazaServer, waitFor } from './support.ts';

/** Shift the thread may cause while its data is on the way ("good" CLS is 0.1 for a whole page). */
const MOST_SHIFT = 0.005;

interface Shift {
  value: number;
  /** Milliseconds since navigation. */
  at: number;
  sources: string[];
}

interface ShiftLog {
  shifts: Shift[];
}

/**
 * Records every layout shift from the first paint on (buffered) that moved what follows the
 * thread but not the thread itself (what moves the thread comes from above it: the demo's
 * sign-in switcher, the reaction bar; nodes in shadow roots are reported as null and not counted).
 */
async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // (No named functions in here: tsx would wrap them in a helper the page does not have.)
    const record: ShiftLog = { shifts: [] };
    (window as unknown as { __shifts: ShiftLog }).__shifts = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ value: number; startTime: number; hadRecentInput: boolean; sources?: Array<{ node?: Node | null }> }>) {
        const thread = document.querySelector('plaza-comments');
        const sources = (entry.sources ?? []).map((source) => source.node);
        if (entry.hadRecentInput || !thread || sources.some((node) => node?.contains(thread))) continue;
        if (!sources.some((node) => node && thread.compareDocumentPosition(node) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY))) continue;
        const names = sources.map((node) => (node instanceof Element ? `${node.localName}${node.id ? `#${node.id}` : ''}${typeof node.className === 'string' && node.className ? `.${node.className.split(' ')[0]}` : ''}` : String(node?.nodeName)));
        record.shifts.push({ value: entry.value, at: Math.round(entry.startTime), sources: names });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

async function recordOf(page: Page): Promise<ShiftLog> {
  return page.evaluate(() => (window as unknown as { __shifts: ShiftLog }).__shifts);
}

const sum = (shifts: Shift[]) => shifts.reduce((total, shift) => total + shift.value, 0);

describe('the thread holds its place while it loads', { timeout: 360_000 }, () => {
  const server = usePlazaServer(1);

  for (const article of ['news/kantine.html', 'news/tag-der-offenen-tuer.html']) {
    for (const signedIn of [true, false]) {
      test(`${article}, ${signedIn ? 'signed in' : 'signed out'}: the thread does not shift the page while its data is on the way`, { timeout: 60_000 }, async () => {
        const { context, page } = signedIn
          ? await signedInPage(server.plaza, server.users[0]!.id)
          : await server.plaza.browser.newContext().then(async (context) => ({ context, page: await context.newPage() }));
        try {
          await page.setViewportSize({ width: 1280, height: 1000 });
          await recordShifts(page);
          const figures: string[] = [];
          // The first visit, and the next one, which knows the thread's height.
          for (const visit of ['first', 'return']) {
            // The thread's data waits until the skeleton has been on screen a while: what moves meanwhile is the skeleton's doing.
            let release = () => {};
            const gate = new Promise<void>((resolve) => (release = resolve));
            await page.route(/\/api\/v1\/threads\/[^/]+\/comments/, async (route) => {
              await gate;
              await route.continue();
            });
            await page.goto(`${server.plaza.url}demo/${article}`);
            const comments = page.locator('plaza-comments');
            await waitFor(async () => (await comments.locator('[part="skeleton"]').count()) > 0, 'the skeleton');
            await page.waitForTimeout(1000);
            const loading = sum((await recordOf(page)).shifts);
            release();
            await waitFor(async () => (await comments.locator('[part="list"], [part="empty"]').count()) > 0, 'the thread');
            if (signedIn) await waitFor(async () => (await comments.locator('[part="composer"]').count()) > 0, 'the composer');
            // Name tags, reaction bars and avatars settle after the thread.
            await page.waitForTimeout(1500);
            await page.unrouteAll();
            const { shifts } = await recordOf(page);
            figures.push(`${visit} visit: ${sum(shifts).toFixed(4)} in all, ${loading.toFixed(4)} while loading`);
            console.log(`CLS ${article} ${signedIn ? 'signed in' : 'signed out'}, ${figures.at(-1)} ${JSON.stringify(shifts)}`);
            assert.ok(loading < MOST_SHIFT, `layout shift while the thread loads, ${visit} visit: ${loading.toFixed(4)} (${JSON.stringify(shifts)})`);
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
