import { aTimeout, expect } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { endpoint, signIn, signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, article, bodies, colleague, commentsFor, postAs, reader, signInAs } from './comments-support.ts';

/* Live: what colleagues write arrives without a reload, politely. Against the real server's event stream. */

async function asColleague(work: () => Promise<Response>): Promise<void> {
  await signIn(colleague.id);
  try {
    const response = await work();
    if (!response.ok) throw new Error(`answered ${response.status}`);
  } finally {
    await signIn(reader.id);
  }
}

const json = { 'content-type': 'application/json' };
/** Internal communications moderate (server/seed/people.ts). */
const moderator = 'julia.schmitt';

describe('<plaza-comments>: live', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOut());

  it('announces a colleague’s comment behind a button instead of inserting it, and reveals it on click', async () => {
    const thread = uniqueTarget('live');
    const first = await postAs(colleague.id, thread, 'Schon da.');
    const element = await commentsFor(thread);
    // Let the shared event stream open before the colleague writes.
    await aTimeout(300);
    await postAs(colleague.id, thread, 'Gerade eben geschrieben.');

    await waitUntil(() => $(element, '[part="arrived"]'), 'no "new comments" button', { timeout: 5000 });
    expect($(element, '[part="arrived"]')!.textContent!.trim()).to.equal('1 neuer Kommentar');
    expect(bodies(element), 'nothing moved under the reader’s eyes').to.deep.equal(['Schon da.']);
    expect($(element, '[part="heading"]')!.textContent).to.equal('2 Kommentare');
    await waitUntil(() => $(element, '[role="status"]')!.textContent === '1 neuer Kommentar', 'not announced');

    const newest = await postAs(colleague.id, thread, 'Und noch einer.');
    await waitUntil(() => $(element, '[part="arrived"]')!.textContent!.trim() === '2 neue Kommentare', 'the second did not arrive', { timeout: 5000 });
    await waitUntil(() => $(element, '[role="status"]')!.textContent === '2 neue Kommentare', 'not announced');

    $<HTMLButtonElement>(element, '[part="arrived"]')!.click();
    await element.updateComplete;
    await element.updateComplete;
    expect(bodies(element)).to.deep.equal(['Und noch einer.', 'Gerade eben geschrieben.', 'Schon da.']);
    expect($(element, '[part="arrived"]')).to.equal(null);
    expect(element.shadowRoot!.activeElement, 'focus on the first new comment').to.equal(article(element, newest.id));
    expect(article(element, first.id)).to.exist;
  });

  it('applies a colleague’s edit and deletion in place', async () => {
    const thread = uniqueTarget('live-edit');
    const edited = await postAs(colleague.id, thread, 'Tippfehlr');
    const removed = await postAs(colleague.id, thread, 'Versehentlich gepostet.');
    const element = await commentsFor(thread);
    await aTimeout(300);

    await asColleague(() =>
      fetch(`${endpoint()}/comments/${edited.id}`, { method: 'PATCH', credentials: 'include', headers: json, body: JSON.stringify({ text: 'Tippfehler', version: 1 }) }),
    );
    await waitUntil(() => bodies(element).includes('Tippfehler'), 'the edit did not arrive', { timeout: 5000 });
    expect(article(element, edited.id)!.querySelector('[part="edited"]')).to.exist;

    await asColleague(() => fetch(`${endpoint()}/comments/${removed.id}`, { method: 'DELETE', credentials: 'include' }));
    await waitUntil(() => !article(element, removed.id), 'the deletion did not arrive', { timeout: 5000 });
    expect($(element, '[part="heading"]')!.textContent).to.equal('1 Kommentar');
  });

  it('shows a comment a moderator hid as a placeholder, at once', async () => {
    const thread = uniqueTarget('live-hidden');
    const rude = await postAs(colleague.id, thread, 'Das gehört hier nicht hin.');
    const element = await commentsFor(thread);
    await aTimeout(300);
    await signIn(moderator);
    try {
      const response = await fetch(`${endpoint()}/comments/${rude.id}/hidden`, { method: 'PUT', credentials: 'include' });
      expect(response.status).to.equal(200);
    } finally {
      await signIn(reader.id);
    }
    await waitUntil(() => article(element, rude.id)?.querySelector('[part="placeholder"]'), 'the hiding did not arrive', { timeout: 5000 });
    expect(article(element, rude.id)!.querySelector('[part="placeholder"]')!.textContent).to.equal('Von der Moderation ausgeblendet');
    expect(bodies(element)).to.deep.equal([]);
    expect($(element, '[part="heading"]')!.textContent).to.equal('Kommentare');
  });
});
