import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { endpoint, signIn, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $$, article, colleague, commentsFor, postAs, reader, signInAs } from './comments-support.ts';
import type { PlazaActivityFeed } from '../../../src/elements/activity-feed/activity-feed.ts';

/*
 * Issue 19, item 5, in the browser against the real server: a page left open
 * follows a colleague's erasure (`DELETE /me` as them, through the dev
 * sign-in) without a reload. The server runs with its default erase mode
 * (`anonymise`): their comment stays with "Ehemaliges Teammitglied" where the
 * name was, a colleague's mention of them reads as the server's neutral label,
 * the feed's entry "Ursula Walter commented" leaves an open feed, and her
 * status post stays in it as "Jemand hat einen Beitrag geschrieben", as a
 * reload would show it (`activity.updated`).
 *
 * The erased person is one no other browser test names (server/seed/people.ts:
 * Ursula Walter, late in /dev/users' order, so tests that take the first
 * colleagues by index keep theirs); the erasure cannot be undone on the
 * shared server, so this file erases her once, and both tests watch it.
 */

const leaving = { id: 'ursula.walter', name: 'Ursula Walter' };
/** The label the server writes where an erased person's mention was (server/store/erased-mentions.ts). */
const FORMER_COLLEAGUE = 'ehemalige:r Kolleg:in';

/** A status post of `leaving`'s, written through the API as her; the reader is signed in again afterwards. */
async function postStatusAsLeaving(text: string): Promise<void> {
  await signIn(leaving.id);
  const response = await fetch(`${endpoint()}/activities`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ text }),
  });
  if (!response.ok) throw new Error(`POST /activities answered ${response.status}: ${await response.text()}`);
  await signIn(reader.id);
}

async function eraseLeaving(): Promise<void> {
  await signIn(leaving.id);
  const response = await fetch(`${endpoint()}/me`, { method: 'DELETE', credentials: 'include' });
  if (!response.ok) throw new Error(`DELETE /me answered ${response.status}: ${await response.text()}`);
  await signIn(reader.id);
}

/** All text a shadow root shows, the shadow roots of the elements inside it included. */
function shownText(root: ShadowRoot | Element): string {
  const own = [...root.childNodes].map((node) => (node instanceof Element ? shownText(node) : node instanceof Text ? node.data : '')).join('');
  return root instanceof Element && root.shadowRoot ? `${shownText(root.shadowRoot)} ${own}` : own;
}

describe('open pages follow a colleague\'s erasure, without a reload', function () {
  this.timeout(30_000);
  after(() => signOut());

  it('<plaza-comments> shows their comment as a former colleague\'s and relabels the mention; <plaza-activity-feed> drops their entry', async () => {
    await signInAs(reader.id);
    const thread = uniqueTarget('erasure');
    const own = await postAs(leaving.id, thread, 'Heute ist mein letzter Tag.');
    const thanks = await postAs(colleague.id, thread, `Alles Gute, @[${leaving.name}](person:${leaving.id})!`);
    const farewell = `Danke für die schöne Zeit (${thread})`;
    await postStatusAsLeaving(farewell);
    const comments = await commentsFor(thread);
    const wrapper = await fixture(html`<div lang="de"></div>`);
    wrapper.innerHTML = '<plaza-activity-feed scope="all" page-size="10"></plaza-activity-feed>';
    const feed = wrapper.querySelector<PlazaActivityFeed>('plaza-activity-feed')!;
    const theirEntry = () =>
      [...(feed.shadowRoot?.querySelectorAll<HTMLElement>('article[data-kind="comment"]') ?? [])].find((entry) => entry.querySelector('[part~="body"]')?.textContent?.includes('Heute ist mein letzter Tag.')) ?? null;
    await waitUntil(theirEntry, 'the feed did not show their comment', { timeout: 8000 });
    const entryId = theirEntry()!.dataset.id;
    const theirPost = () =>
      [...(feed.shadowRoot?.querySelectorAll<HTMLElement>('article[data-kind="status"]') ?? [])].find((entry) => entry.querySelector('[part~="body"]')?.textContent?.includes(farewell)) ?? null;
    await waitUntil(theirPost, 'the feed did not show their status post', { timeout: 8000 });
    expect(theirPost()!.querySelector('.line')!.textContent!.trim()).to.equal(`${leaving.name} hat einen Beitrag geschrieben`);
    expect(article(comments, own.id)!.querySelector('[part="author"]')!.textContent!.trim()).to.equal(leaving.name);
    await waitUntil(() => shownText(article(comments, thanks.id)!).includes(`@${leaving.name}`), 'the mention does not show the name', { timeout: 5000 });
    // Let the page's one event stream carry both elements' topics before the erasure.
    await aTimeout(500);

    await eraseLeaving();

    await waitUntil(
      () => article(comments, own.id)?.querySelector('[part="author"]')?.textContent?.trim() === 'Ehemaliges Teammitglied',
      'their comment still names them',
      { timeout: 8000 },
    );
    // Booleans, not elements: chai formatting a Lit element for a failure message can stall the page.
    expect(article(comments, own.id)!.querySelector('[part="author"] plaza-person') === null, 'no name tag, no card to open').to.equal(true);
    await waitUntil(() => shownText(article(comments, thanks.id)!).includes(FORMER_COLLEAGUE), 'the mention was not relabelled', { timeout: 8000 });
    expect(shownText(comments.shadowRoot!), 'the name is nowhere in the thread').not.to.contain('Ursula');
    expect($$(comments, '[part="body"]').map((body) => body.textContent!.trim())).to.deep.equal([`Alles Gute, ${FORMER_COLLEAGUE}!`, 'Heute ist mein letzter Tag.']);
    await waitUntil(() => !feed.shadowRoot!.querySelector(`article[data-id="${entryId}"]`), 'their entry stayed in the open feed', { timeout: 8000 });
    // Their status post stays, in place, as a reload shows a post without author.
    await waitUntil(() => theirPost()?.querySelector('.line')?.textContent?.trim() === 'Jemand hat einen Beitrag geschrieben', 'their status post still names them', { timeout: 8000 });
    expect(theirPost()!.querySelector('plaza-person') === null, 'no name tag on their post').to.equal(true);
    expect(theirPost()!.querySelector('[part~="body"]')!.textContent!.trim()).to.equal(farewell);
    expect(shownText(theirPost()!), 'the name is nowhere in their post').not.to.contain('Ursula');
    expect($$(comments, '[role="alert"]').map((alert) => alert.textContent!.trim()).join(' / '), 'no error').to.equal('');
  });
});
