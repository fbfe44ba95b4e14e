import { expect } from '@open-wc/testing';
import { signOut, uniqueTarget } from '../../support/browser/session.ts';
import { article, commentsFor, post, reader, signInAs } from './comments-support.ts';

/*
 * A browser without the HTML Sanitizer API (Firefox ESR 140, for one) sanitises with DOMPurify,
 * which comments and the feed load before they draw (decision 182). This page plays one: the API
 * is taken away before anything sanitised (the choice is made at the first use). Nothing asked
 * for DOMPurify before the element: it waits for it (`ready`), or it would show plain text.
 * (What shows before DOMPurify is here: test/core/content-without-sanitizer-api.test.ts.)
 */
delete (window as { Sanitizer?: unknown }).Sanitizer;

describe('<plaza-comments> in a browser without the Sanitizer API', () => {
  before(() => signInAs(reader.id));
  after(() => signOut());

  it('loads DOMPurify and shows a comment as the server rendered it, sanitised', async () => {
    const thread = uniqueTarget('no-sanitizer-api');
    const comment = await post(thread, 'Bitte **bis Freitag** [lesen](https://intranet.example/a)');
    const element = await commentsFor(thread);
    const body = article(element, comment.id)!.querySelector('[part="body"]')!;
    expect(body.querySelector('strong')!.textContent).to.equal('bis Freitag');
    const link = body.querySelector('a')!;
    expect([link.getAttribute('href'), link.rel, link.target]).to.deep.equal(['https://intranet.example/a', 'noopener noreferrer ugc', '_blank']);
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.some((url) => /\/purify\.ts|dompurify/.test(url)), 'DOMPurify was fetched').to.equal(true);
  });
});
