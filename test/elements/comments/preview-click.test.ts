import { expect } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { waitUntil } from '../../support/browser/wait.ts';
import { endpoint, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, article, commentsFor, post, reader, signInAs } from './comments-support.ts';
import type { Comment } from '../../../src/core/protocol.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';

/*
 * The edit composer's "Vorschau" button while the thread changes under it
 * (issue 16). In comments-xss.test.ts a click on it seemed ignored (Firefox
 * ESR; Chromium too). Two things replaced or moved it:
 * - A `reset` of the page's live updates made the thread read itself again
 *   and show its skeleton meanwhile, so the click's own render removed the
 *   form and the new page drew it anew (the XSS test's threads join the
 *   stream from long before their hundred comments, past what the test
 *   server replays). The thread now keeps showing what it has.
 * - A colleague's comment made the "N neue Kommentare" button appear above
 *   the list, pushing everything below, the open composer too, down 43 px
 *   between aiming and pressing; the press landed on the text field. Its row
 *   is now kept from the start.
 */

const ROUNDS = 30;

/** Keeps the thread busy until `stop()`: new comments, edits of another comment, reactions on it. */
function busyThread(thread: string, other: Comment): { stop(): Promise<number> } {
  let running = true;
  let writes = 0;
  const call = async (path: string, init: RequestInit) => {
    const response = await fetch(`${endpoint()}${path}`, { credentials: 'include', ...init });
    if (!response.ok) throw new Error(`${init.method} ${path} answered ${response.status}`);
    writes++;
    return response.json() as Promise<Partial<Comment>>;
  };
  const loop = (async () => {
    let version = other.version;
    for (let i = 0; running; i++) {
      await Promise.all([
        post(thread, `Nebenbei ${i}`).then(() => writes++),
        call(`/comments/${other.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `Geändert ${i}`, version }) }).then(
          (changed) => (version = changed.version!),
        ),
        call(`/reactions/comment:${other.id}/like`, { method: i % 2 ? 'DELETE' : 'PUT' }),
      ]);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return writes;
    },
  };
}

/** The centre of an element, in the viewport coordinates sendMouse wants. */
function centre(element: Element): [number, number] {
  const rect = element.getBoundingClientRect();
  return [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)];
}

/** Where an element is on the page (not in the viewport), so a scroll does not count as a move. */
function pageTop(element: Element): number {
  return element.getBoundingClientRect().top + scrollY;
}

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** A thread with one comment of the reader's open for editing, and another comment of hers. */
async function editing(): Promise<{ thread: string; other: Comment; element: PlazaComments; toggle: () => HTMLButtonElement | null }> {
  const thread = uniqueTarget('preview-click');
  const mine = await post(thread, 'Mein **Kommentar** mit [Link](https://example.org/)');
  const other = await post(thread, 'Ein anderer');
  const element = await commentsFor(thread);
  const toggle = () => article(element, mine.id)?.querySelector<HTMLButtonElement>('form[part="composer"] button[aria-pressed]') ?? null;
  article(element, mine.id)!.querySelector<HTMLButtonElement>('[data-action="edit"]')!.click();
  await waitUntil(toggle, 'the edit did not open');
  return { thread, other, element, toggle };
}

describe('<plaza-comments>: the edit’s preview button while the thread changes', () => {
  before(() => signInAs(reader.id));
  after(() => signOut());
  afterEach(() => resetMouse());

  it('stays where it is when a colleague’s comment arrives behind the "new comments" button', async () => {
    const { thread, element, toggle } = await editing();
    await frames();
    const before = pageTop(toggle()!);
    await post(thread, 'Ein neuer Kommentar');
    await waitUntil(() => $(element, '[part="arrived"]'), 'no "new comments" button');
    await frames();
    expect(pageTop(toggle()!), 'the button moved under the pointer').to.be.closeTo(before, 0.5);
  });

  it('keeps the open edit in place when the page’s live updates are reset', async () => {
    const { element, toggle } = await editing();
    const form = toggle()!.form!;
    // Another thread, written past what the test server replays (PLAZA_REPLAY_MAX_EVENTS, 50), joins the page's
    // stream from before those comments: the server says `reset`, and every thread on the page reads itself again.
    const busy = uniqueTarget('preview-click-reset');
    for (let i = 0; i < 55; i++) await post(busy, `Viel los ${i}`);
    const second = await commentsFor(busy);
    await waitUntil(() => second.shadowRoot!.querySelectorAll('article').length >= 20, 'the second thread did not show');
    // The reset arrives once the second thread's topics reach the stream, and the first thread reads itself again.
    // Meanwhile it renders every frame, as a click, a live event or the clock makes it do at any moment.
    const until = performance.now() + 2000;
    while (performance.now() < until) {
      element.requestUpdate();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    expect(form.isConnected, 'the edit form was drawn anew (focus, and a click on its way, lost)').to.equal(true);
    toggle()!.click();
    await waitUntil(() => form.querySelector('[part="preview"]'), 'no preview in the form');
    expect(element.shadowRoot!.contains(form)).to.equal(true);
  });

  it('turns the preview on and off at every click, a pointer’s or a script’s, while comments, edits and reactions arrive', async function () {
    this.timeout(120_000);
    const { thread, other, element, toggle } = await editing();
    const lost: string[] = [];
    const busy = busyThread(thread, other);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const button = toggle()!;
        const before = button.getAttribute('aria-pressed');
        const pointer = round % 2 === 0;
        if (pointer) {
          button.scrollIntoView({ block: 'center' });
          await sendMouse({ type: 'click', position: centre(button) });
        } else button.click();
        await waitUntil(() => toggle()?.getAttribute('aria-pressed') !== before, 'no change', { timeout: 3000 }).catch(() => {
          lost.push(`round ${round} (${pointer ? 'pointer' : 'script'}): still ${before}, button ${toggle() === button ? 'the same' : 'replaced'}`);
        });
        // Between clicks, as a person's: the thread's events land at every point of a click.
        await new Promise((resolve) => setTimeout(resolve, 50 + (round % 5) * 30));
      }
    } finally {
      const writes = await busy.stop();
      console.log(`${ROUNDS} clicks while ${writes} writes arrived`);
    }
    expect(lost, 'clicks that did not turn the preview on or off').to.deep.equal([]);
    expect($(element, '[part="preview"]'), 'an even number of clicks: closed').to.equal(null);
  });
});
