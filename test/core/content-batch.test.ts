import { expect } from '@open-wc/testing';
import { prepareMarkdown, renderMarkdown } from '../../src/core/content.ts';

/* Sanitising a page of comments in one pass must give each comment exactly what sanitising it alone gives. */

const TEXTS = [
  'Einfach **fett**, *kursiv* und ~~weg~~.',
  '- eins\n- zwei\n\n1. erstens\n2. zweitens',
  '> Zitat mit [Link](https://intranet.example/a?b=1)\n\nDanach `code`.',
  '```\n</span><span class="plaza-split">\n<script>alert(1)</script>\n```',
  'Hallo @[Ayşe Demir](person:ayse.demir), siehe https://wiki.example/x".',
  '<img src=x onerror=alert(1)></span></p></li></ul></blockquote>',
  'Zeile eins\nZeile zwei',
  '',
];

const html = (fragment: DocumentFragment) => {
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
};

describe('prepareMarkdown', () => {
  it('gives every text the nodes it would get alone, each once', () => {
    const alone = TEXTS.map((text) => html(renderMarkdown(text)));
    prepareMarkdown(TEXTS);
    const prepared = TEXTS.map((text) => html(renderMarkdown(text)));
    expect(prepared).to.deep.equal(alone);
    expect(prepared[3]).not.to.contain('<script');
    expect(prepared[5]).not.to.contain('<img');
    expect(prepared[5]).to.contain('&lt;img');
    // Handed out once: a second render sanitises again and still agrees.
    expect(html(renderMarkdown(TEXTS[0]!))).to.equal(alone[0]);
  });

  it('lets nothing an author typed escape into the next comment', () => {
    const texts = ['eins </span></p> <span class="plaza-split">zwei', 'drei'];
    prepareMarkdown(texts);
    expect(html(renderMarkdown('drei'))).to.equal('<p>drei</p>');
    expect(html(renderMarkdown(texts[0]!))).to.contain('&lt;/span&gt;');
  });
});
