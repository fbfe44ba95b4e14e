import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/browser/wait.ts';
import { signOut, uniqueTarget } from '../../support/browser/session.ts';
import { $, article, commentsFor, post, reader, requestsSince, signInAs, textarea, type } from './comments-support.ts';
import type { PlazaComments } from '../../../src/elements/comments/comments.ts';

/*
 * The server renders Markdown (decision 105); the page shows its `html`
 * through DOMPurify, the text as plain text when a backend sends no `html`
 * (decision 108), and asks the server for the composer's preview
 * (`POST /preview`, decision 107). Against the real server.
 */

const previewButton = (element: PlazaComments) => $<HTMLButtonElement>(element, 'form[data-composer="new"] button[aria-pressed]')!;
const preview = (element: PlazaComments) => $(element, 'form[data-composer="new"] [part="preview"]');

describe('<plaza-comments>: HTML rendered by the server', () => {
  beforeEach(() => signInAs(reader.id));
  after(() => signOut());

  it('shows a comment as the server rendered it, mentions as name tags', async () => {
    const thread = uniqueTarget('server-html');
    const comment = await post(thread, 'Bitte **bis Freitag** an @[Jonas Richter](person:jonas.richter)\n\n- eins\n- zwei');
    expect(comment.html, 'the server answers the html').to.contain('<strong>bis Freitag</strong>');
    const element = await commentsFor(thread);
    const body = article(element, comment.id)!.querySelector('[part="body"]')!;
    expect(body.querySelector('strong')!.textContent).to.equal('bis Freitag');
    expect(body.querySelectorAll('ul > li')).to.have.length(2);
    expect(body.querySelector('plaza-person')!.getAttribute('user')).to.equal('jonas.richter');
  });

  it('shows the text as plain text when the backend sends no html', async () => {
    const thread = uniqueTarget('no-html');
    const comment = await post(thread, 'Nicht **fett** <b>roh</b>\nzweite Zeile, @[Jonas Richter](person:jonas.richter)');
    // Another backend implementing the protocol without `html`: the real answer with the field taken out.
    const real = window.fetch;
    window.fetch = async (input, init) => {
      const response = await real(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/comments')) return response;
      const body = (await response.json()) as { items: Array<{ html?: string }> };
      for (const item of body.items) delete item.html;
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    try {
      const element = await commentsFor(thread);
      const body = article(element, comment.id)!.querySelector('[part="body"]')!;
      expect(body.querySelector('strong, b'), 'no markup from the text').to.equal(null);
      expect(body.textContent).to.contain('Nicht **fett** <b>roh</b>');
      expect(body.querySelectorAll('br')).to.have.length(1);
      expect(body.querySelector('plaza-person')!.getAttribute('user'), 'mentions are still name tags').to.equal('jonas.richter');
    } finally {
      window.fetch = real;
    }
  });

  it('previews through the server, and pressing "Vorschau" again while it loads does no harm', async () => {
    const element = await commentsFor(uniqueTarget('preview'));
    const text = 'Vorschau mit **Betonung** für @[Jonas Richter](person:jonas.richter)';
    type(textarea(element), text);
    await element.updateComplete;
    const since = performance.getEntriesByType('resource').length;
    previewButton(element).click();
    previewButton(element).click();
    await element.updateComplete;
    expect(preview(element), 'closed again').to.equal(null);
    expect(textarea(element).value, 'the draft is untouched').to.contain('Vorschau mit **Betonung**');
    previewButton(element).click();
    await element.updateComplete;
    expect(preview(element)!.getAttribute('aria-busy'), 'loading is shown').to.equal('true');
    expect($(element, '[part="preview-pending"]')!.textContent).to.equal('Die Vorschau wird geladen …');
    await waitUntil(() => preview(element)?.querySelector('strong'), 'the server’s preview did not come');
    expect(preview(element)!.getAttribute('aria-busy')).to.equal('false');
    expect(preview(element)!.querySelector('plaza-person')!.getAttribute('user')).to.equal('jonas.richter');
    expect(requestsSince(since, '/preview').length, 'asked the server').to.be.greaterThan(0);
    previewButton(element).click();
    await element.updateComplete;
    expect(textarea(element).value).to.equal('Vorschau mit **Betonung** für @Jonas Richter');
  });

  it('says why the preview failed, in German, and keeps the draft', async () => {
    const element = await commentsFor(uniqueTarget('preview-refused'));
    type(textarea(element), 'Hallo @[Niemand](person:gibt.es.nicht)');
    await element.updateComplete;
    previewButton(element).click();
    await waitUntil(() => $(element, '[part="preview-error"]'), 'no reason shown');
    const error = $(element, '[part="preview-error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('Die Vorschau ließ sich nicht laden. Eine Person, die Sie erwähnen, steht nicht im Verzeichnis. Ihr Text bleibt erhalten.');
    previewButton(element).click();
    await element.updateComplete;
    expect(textarea(element).value).to.equal('Hallo @Niemand');
  });
});
