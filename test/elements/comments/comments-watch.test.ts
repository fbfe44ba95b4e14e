import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../../support/browser/wait.ts';
import { api, signIn, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, commentsFor, post, requestsSince, signInAs, signOutReader, submit, textarea, type } from './comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';
import type { PlazaWatchChangedEvent, PlazaWatchChangeEvent, PlazaWatchFailedEvent } from '../../../src/elements/comments/events.ts';
import type { ThreadWatch } from '../../../src/core/protocol.ts';

/*
 * "Diskussion folgen" (issue 20, item 2), against the real server: the toggle asks
 * `GET /threads/{key}/watch` for a signed-in reader only, beside the thread; a press shows at once
 * and is stored; writing a comment follows the thread. People of their own (server/seed/people.ts),
 * so their write-rate buckets are not the other tests': Sabine reads, Stefan writes.
 */

const reader = 'sabine.krueger';
const colleague = 'stefan.fischer';

const toggle = (element: PlazaComments) => $<HTMLButtonElement>(element, '[part="watch"]');
const serverSays = async (thread: string) => (await api<ThreadWatch>(`/threads/${encodeURIComponent(thread)}/watch`)).watching;

/** The thread shown, and its toggle once the server said whether the reader follows. */
async function watchFor(thread: string, options?: { lang?: string }): Promise<PlazaComments> {
  const element = await commentsFor(thread, options);
  await waitUntil(() => toggle(element)?.hasAttribute('aria-pressed'), 'the toggle did not learn whether the reader follows', { timeout: 5000 });
  return element;
}

describe('<plaza-comments>: following a discussion', () => {
  beforeEach(() => signInAs(reader));
  after(() => signOut());

  it('shows no toggle to a signed-out reader, and asks the server nothing about following', async () => {
    await signOutReader();
    const since = performance.getEntriesByType('resource').length;
    const thread = uniqueTarget('watch-anonymous');
    const element = await commentsFor(thread);
    await element.updateComplete;
    expect($(element, '[part="notice"]')!.textContent).to.contain('Melden Sie sich an');
    expect(toggle(element)).to.equal(null);
    expect(requestsSince(since, '/watch'), 'no watch request').to.have.length(0);
  });

  it('asks beside the thread, not a round trip after it, and shows a labelled toggle that is not pressed', async () => {
    const since = performance.getEntriesByType('resource').length;
    const thread = uniqueTarget('watch-new');
    const element = await watchFor(thread);
    const button = toggle(element)!;
    expect(button.textContent!.trim()).to.equal('Diskussion folgen');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    const [page] = requestsSince(since, `/threads/${encodeURIComponent(thread)}/comments`);
    const [watch] = requestsSince(since, `/threads/${encodeURIComponent(thread)}/watch`);
    // Decision 223: the reader is known (/me is loaded once per page), so both go out as the element starts.
    expect(watch!.startTime, 'the watch is asked while the thread is on its way').to.be.below(page!.responseEnd);
    expect(watch!.startTime, 'the thread is asked first').to.be.at.least(page!.startTime);
    const box = button.getBoundingClientRect();
    expect(Math.min(box.width, box.height), '24 px target').to.be.at.least(24);
    await expect(element).to.be.accessible();
  });

  it('follows and stops following with a press: shown at once, stored on the server, announced, with its events', async () => {
    const thread = uniqueTarget('watch-toggle');
    const element = await watchFor(thread);
    const button = toggle(element)!;
    const before = oneEvent(element, 'plaza-watch-change') as unknown as Promise<PlazaWatchChangeEvent>;
    const changed = oneEvent(element, 'plaza-watch-changed') as unknown as Promise<PlazaWatchChangedEvent>;
    button.click();
    expect((await before).watching).to.equal(true);
    await element.updateComplete;
    expect(button.getAttribute('aria-pressed'), 'pressed before the server answered').to.equal('true');
    expect((await changed).watching).to.equal(true);
    expect(await serverSays(thread)).to.equal(true);
    await waitUntil(() => $(element, '[role="status"]')!.textContent === 'Sie folgen dieser Diskussion und erfahren von neuen Kommentaren.', 'not announced');
    await expect(element).to.be.accessible();

    const stopped = oneEvent(element, 'plaza-watch-changed') as unknown as Promise<PlazaWatchChangedEvent>;
    button.click();
    expect((await stopped).watching).to.equal(false);
    await element.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(await serverSays(thread)).to.equal(false);
    await waitUntil(() => $(element, '[role="status"]')!.textContent === 'Sie folgen dieser Diskussion nicht mehr.', 'not announced');
  });

  it('toggles from the keyboard, with Space and with Enter', async () => {
    const thread = uniqueTarget('watch-keys');
    const element = await watchFor(thread);
    const button = toggle(element)!;
    button.focus();
    let changed = oneEvent(element, 'plaza-watch-changed') as unknown as Promise<PlazaWatchChangedEvent>;
    await sendKeys({ press: 'Space' });
    expect((await changed).watching).to.equal(true);
    changed = oneEvent(element, 'plaza-watch-changed') as unknown as Promise<PlazaWatchChangedEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await changed).watching).to.equal(false);
    expect(element.shadowRoot!.activeElement, 'focus stays on the toggle').to.equal(button);
  });

  it('shows a thread the reader already follows as pressed, and lets a page veto a change', async () => {
    const thread = uniqueTarget('watch-known');
    await api(`/threads/${encodeURIComponent(thread)}/watch`, { method: 'PUT' });
    const element = await watchFor(thread);
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('true');

    element.addEventListener('plaza-watch-change', (event) => event.preventDefault(), { once: true });
    const since = performance.getEntriesByType('resource').length;
    toggle(element)!.click();
    await element.updateComplete;
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('true');
    expect(requestsSince(since, '/watch'), 'nothing sent').to.have.length(0);
    expect(await serverSays(thread)).to.equal(true);
  });

  it('shows "following" after the reader writes a comment, as the server has it', async () => {
    const thread = uniqueTarget('watch-post');
    // A colleague started the thread; the reader had stopped following it before (unwatching lasts until one writes).
    await signIn(colleague);
    await post(thread, 'Wer kommt mit zur Betriebsversammlung?');
    await signInAs(reader);
    await api(`/threads/${encodeURIComponent(thread)}/watch`, { method: 'DELETE' });
    const element = await watchFor(thread);
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('false');

    type(textarea(element), 'Ich komme mit.');
    const posted = oneEvent(element, 'plaza-comment-posted');
    submit(element);
    await posted;
    await element.updateComplete;
    expect(toggle(element)!.getAttribute('aria-pressed')).to.equal('true');
    expect(await serverSays(thread)).to.equal(true);
  });

  it('rolls back and explains when the server refuses (the session ended)', async () => {
    const thread = uniqueTarget('watch-refused');
    const element = await watchFor(thread);
    await signOut(); // The session ends while the page is open.
    const failed = oneEvent(element, 'plaza-watch-failed') as unknown as Promise<PlazaWatchFailedEvent>;
    toggle(element)!.click();
    const event = await failed;
    expect(event.watching).to.equal(true);
    expect(event.error.status).to.equal(401);
    await element.updateComplete;
    expect(toggle(element)!.getAttribute('aria-pressed'), 'back as it was').to.equal('false');
    const error = $(element, '[part="watch-error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('Ihre Änderung wurde nicht gespeichert.');
    expect(error.textContent).to.contain('Bitte melden Sie sich zuerst an.');
  });

  it('speaks English on an English page', async () => {
    const element = await watchFor(uniqueTarget('watch-en'), { lang: 'en' });
    expect(toggle(element)!.textContent!.trim()).to.equal('Follow discussion');
    await expect(element).to.be.accessible();
  });
});
