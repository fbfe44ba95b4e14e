/**
 * Issue 7 end to end: two colleagues, each in their own browser (context) signed in with the dev
 * sign-in of the demo server. A follows B on B's profile card (`/demo/personen.html`) while the
 * start page (`/demo/`) has A's "Meine Kolleg:innen" feed (`<plaza-activity-feed scope="following">`)
 * open in another tab; B posts through the status composer of B's own start page; the post
 * reaches A's following feed live, behind the "neuer Beitrag" button. B deletes it from the feed,
 * and it leaves A's open feed live. A stops following, and B's next post no longer arrives there
 * (while A's "all" feed on the same page does get it).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { signedInPage, waitFor, watchProblems, withServerLog, usePlazaServer } from './support.ts';

/** A follows nobody the test touches; B has a profile card on personen.html and follows nobody (server/seed/feed.ts). */
const A = 'dennis.krause';
const B = 'petra.schulz';
const B_NAME = 'Petra Schulz';
/** Realtime crosses two browsers and the server's event log: generous, on two busy cores. */
const LIVE_MS = 15_000;

describe('following a colleague, live (built library, real server, two browsers)', { timeout: 180_000 }, () => {
  const server = usePlazaServer(3);
  const demo = (path: string) => `${server.plaza.url}demo/${path}`;

  /** Opens a demo page and waits until every feed on it has loaded. */
  async function open(page: Page, path: string): Promise<void> {
    const response = await page.goto(demo(path));
    assert.equal(response?.status(), 200, `GET /demo/${path}`);
    await page.waitForFunction(
      () => {
        const feeds = Array.from(document.querySelectorAll('plaza-activity-feed'));
        return feeds.every((feed) => feed.shadowRoot?.querySelector('.feed[aria-busy="false"]') && !feed.shadowRoot.querySelector('.skeleton'));
      },
      null,
      { timeout: LIVE_MS },
    );
  }

  /** The articles of a feed whose text contains `text` (the locator pierces the shadow root). */
  const item = (feed: Locator, text: string) => feed.locator('[part="feed"] article', { hasText: text });

  /** Waits until `text` shows in `feed`, clicking the "neue Beiträge" button whenever it appears, as a reader would. */
  async function arrives(feed: Locator, text: string, what: string): Promise<void> {
    const more = feed.locator('button[part="new"]');
    await waitFor(async () => {
      if (await more.isVisible()) await more.click();
      return (await item(feed, text).count()) === 1 && (await item(feed, text).isVisible());
    }, what, LIVE_MS);
  }

  /** Follows or stops following B on B's card, as a click does, and waits until the server has it. */
  async function toggleFollow(cards: Page, active: boolean): Promise<void> {
    const button = cards.locator(`plaza-profile-card[user="${B}"] button[part="follow-button"]`);
    await button.waitFor({ timeout: LIVE_MS });
    assert.equal((await button.textContent())?.trim(), active ? 'Folgen' : 'Nicht mehr folgen');
    const saved = cards.waitForResponse((r) => r.url().endsWith(`/api/v1/people/${B}/follow`) && r.request().method() === (active ? 'PUT' : 'DELETE'));
    await button.click();
    assert.equal((await saved).status(), 200, `${active ? 'PUT' : 'DELETE'} /people/${B}/follow`);
    await waitFor(async () => (await button.textContent())?.trim() === (active ? 'Nicht mehr folgen' : 'Folgen'), 'the card to show the change');
  }

  /** B posts `text` through the composer of B's "all" feed and waits until the server accepted it; returns the post's id. */
  async function post(page: Page, text: string): Promise<string> {
    const feed = page.locator('plaza-activity-feed[scope="all"]');
    const field = feed.locator('form[part="composer"] textarea');
    await field.fill(text);
    const accepted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/activities' && r.request().method() === 'POST');
    await feed.locator('form[part="composer"] [part="submit"]').click();
    const response = await accepted;
    assert.equal(response.status(), 201, 'POST /activities');
    await item(feed, text).locator('[part="time"]').waitFor({ timeout: LIVE_MS });
    return ((await response.json()) as { id: string }).id;
  }

  test('A follows B on the card, sees B’s post arrive (and leave) live, unfollows, and B’s next post stays away', { timeout: 150_000 }, () =>
    withServerLog(server.plaza, async () => {
      const a = await signedInPage(server.plaza, A);
      const b = await signedInPage(server.plaza, B);
      const posted: string[] = [];
      const problems = [watchProblems(a.page), watchProblems(b.page)];
      try {
        // A rerun against the same server starts where this one ended: A not following B.
        await a.context.request.delete(`${server.plaza.api}/people/${B}/follow`);

        await open(a.page, '');
        const following = a.page.locator('plaza-activity-feed[scope="following"]');
        const everything = a.page.locator('plaza-activity-feed[scope="all"]');
        const cards = await a.context.newPage();
        problems.push(watchProblems(cards));
        await open(cards, 'personen.html');
        assert.equal(await a.page.evaluate(() => document.visibilityState), 'visible', 'the feed tab is live while the card tab is open');

        // 1. A follows B on B's card; the follow itself is A's own news, so the feed tab shows it live.
        await toggleFollow(cards, true);
        await arrives(following, `folgt jetzt ${B_NAME}`, 'A’s follow in A’s following feed');

        // 2. B posts from B's own start page; A's following feed announces it and shows it after a click.
        await open(b.page, '');
        const first = `Im Umspannwerk Ost ist die neue Schaltanlage in Betrieb ${Date.now().toString(36)}`;
        posted.push(await post(b.page, first));
        const button = following.locator('button[part="new"]');
        await button.waitFor({ timeout: LIVE_MS });
        assert.equal((await button.textContent())?.trim(), '1 neuer Beitrag');
        await button.click();
        const arrived = item(following, first);
        await arrived.waitFor({ timeout: LIVE_MS });
        assert.match((await arrived.locator('.line').textContent()) ?? '', new RegExp(`${B_NAME}\\s+hat einen Beitrag geschrieben`));
        assert.equal(await following.evaluate((feed) => feed.shadowRoot!.activeElement?.getAttribute('data-id')), posted[0], 'focus on the new post');

        // 3. B deletes the post from the feed ("Löschen", then "Wirklich löschen?"); it leaves B's feed at once and A's live.
        const own = item(b.page.locator('plaza-activity-feed[scope="all"]'), first);
        const remove = own.locator('[part="delete-button"]');
        assert.equal((await remove.getAttribute('aria-label')) ?? '', 'Ihren Beitrag „Im Umspannwerk Ost ist die neue…“ löschen');
        await remove.click();
        assert.equal((await own.locator('[part="confirm-delete"] .prompt').textContent())?.trim(), 'Wirklich löschen?');
        const deleted = b.page.waitForResponse((r) => r.url().endsWith(`/api/v1/activities/${posted[0]}`) && r.request().method() === 'DELETE');
        await own.locator('[data-action="confirm-delete"]').click();
        assert.equal((await deleted).status(), 204, 'DELETE /activities/{id}');
        await own.waitFor({ state: 'detached', timeout: LIVE_MS });
        await waitFor(async () => (await item(following, first).count()) === 0, 'the deleted post to leave A’s following feed', LIVE_MS);
        posted.shift();

        // 4. A stops following on the card; A's follow leaves the feed tab live, so its stream is still listening.
        await toggleFollow(cards, false);
        await waitFor(async () => (await item(following, `folgt jetzt ${B_NAME}`).count()) === 0, 'the follow to leave the following feed', LIVE_MS);

        // 5. B posts again: it reaches A's "all" feed on the same page (same stream), but not the following feed.
        const second = `Nachtrag: Die Umleitung an der Hafenstraße endet am Freitag ${Date.now().toString(36)}`;
        posted.push(await post(b.page, second));
        await arrives(everything, second, 'the second post in A’s "all" feed');
        await a.page.waitForTimeout(2_000);
        const more = following.locator('button[part="new"]');
        if (await more.isVisible()) await more.click();
        assert.equal(await item(following, second).count(), 0, 'the second post is not in the following feed');

        assert.deepEqual(problems.flat(), [], 'console errors or uncaught exceptions');
      } finally {
        await cleanUp(a.context, b.context, posted);
      }
    }),
  );

  /** Leaves the server as the seed made it: A not following B, B's test posts gone. */
  async function cleanUp(a: BrowserContext, b: BrowserContext, posted: string[]): Promise<void> {
    try {
      await a.request.delete(`${server.plaza.api}/people/${B}/follow`);
      for (const id of posted) await b.request.delete(`${server.plaza.api}/activities/${id}`);
    } finally {
      await a.close();
      await b.close();
    }
  }
});
