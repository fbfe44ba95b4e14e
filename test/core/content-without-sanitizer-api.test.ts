import { expect } from '@open-wc/testing';
import { renderWritten, sanitizeHtml, sanitizerLoading } from '../../src/core/content.ts';

/*
 * A browser without the HTML Sanitizer API (Firefox ESR 140, for one) sanitises with DOMPurify,
 * loaded on demand (decision 182). This page plays one: the API is taken away before anything
 * sanitised (the choice is made at the first use).
 */
delete (window as { Sanitizer?: unknown }).Sanitizer;

describe('Sanitising without the Sanitizer API', () => {
  it('shows nobody’s HTML unsanitised while DOMPurify is on its way: the text as plain text', async () => {
    const loading = sanitizerLoading();
    expect(loading, 'DOMPurify is asked for').to.be.instanceOf(Promise);
    const shown = renderWritten({ text: 'Nicht **fett**', html: '<p><strong>fett</strong><img src="x" onerror="alert(1)"></p>' });
    expect(shown.querySelector('strong, img')).to.equal(null);
    expect(shown.textContent).to.equal('Nicht **fett**');
    await loading;
    expect(sanitizerLoading(), 'here now').to.equal(undefined);
  });

  it('then sanitises with DOMPurify and the same allowlist', () => {
    const box = document.createElement('div');
    box.append(sanitizeHtml('<p onclick="alert(1)"><strong>a</strong><b>b</b><a href="javascript:alert(1)">c</a></p>'));
    expect(box.innerHTML).to.equal('<p><strong>a</strong>b<a rel="noopener noreferrer ugc" target="_blank">c</a></p>');
  });
});
