import { expect } from '@open-wc/testing';
import { prepareHtml, renderWritten } from '../../src/core/content.ts';

/* Sanitising a page of comments' HTML in one pass must give each comment exactly what sanitising it alone gives. */

/** HTML as a server sends it, and as a hostile backend might. */
const HTMLS = [
  '<p>Einfach <strong>fett</strong>, <em>kursiv</em> und <del>weg</del>.</p>',
  '<ul><li>eins</li><li>zwei</li></ul><ol start="3"><li>drei</li></ol>',
  '<blockquote><p>Zitat mit <a href="https://intranet.example/a?b=1">Link</a></p></blockquote><p>Danach <code>code</code>.</p>',
  '<pre><code>&lt;/span&gt;&lt;span class="plaza-split"&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>',
  '<p>Hallo <span class="mention" data-person-id="ayse.demir">@Ayşe Demir</span></p>',
  '<p>Zeile eins<br>Zeile zwei</p>',
];

const shown = (fragment: DocumentFragment) => {
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
};
const written = (html: string) => ({ text: 'x', html });

describe('prepareHtml', () => {
  it('gives every comment the nodes it would get alone, each once', () => {
    const alone = HTMLS.map((html) => shown(renderWritten(written(html))));
    prepareHtml(HTMLS);
    const prepared = HTMLS.map((html) => shown(renderWritten(written(html))));
    expect(prepared).to.deep.equal(alone);
    expect(prepared[3]).not.to.contain('<script');
    // Handed out once: a second render sanitises again and still agrees.
    expect(shown(renderWritten(written(HTMLS[0]!)))).to.equal(alone[0]);
  });

  it('lets no HTML from a backend run or reach into the next comment', () => {
    const hostile = ['<p>eins</p></span><span class="plaza-split"><img src=x onerror=alert(1)>', '<p>drei</p>'];
    prepareHtml(hostile);
    expect(shown(renderWritten(written('<p>drei</p>')))).to.equal('<p>drei</p>');
    expect(shown(renderWritten(written(hostile[0]!)))).not.to.contain('onerror');
  });
});

describe('the server\'s HTML', () => {
  it('keeps what the server\'s renderer writes: a list\'s start number, a code block\'s language', () => {
    const box = document.createElement('div');
    box.append(renderWritten({ text: 'x', html: '<ol start="3"><li>drei</li></ol><pre><code class="language-js">x</code></pre>' }));
    expect(box.querySelector('ol')!.getAttribute('start')).to.equal('3');
    expect(box.querySelector('code')!.className).to.equal('language-js');
  });
});

describe('text without html (a backend that renders none)', () => {
  it('shows the text as typed: line breaks, mentions as names, markup as text', () => {
    const box = document.createElement('div');
    box.append(renderWritten({ text: '**nicht fett** <b>x</b>\nDanke @[Ayşe Demir](person:ayse.demir)!' }));
    expect(box.innerHTML).to.equal(
      '<p>**nicht fett** &lt;b&gt;x&lt;/b&gt;<br>Danke <span class="mention" data-person-id="ayse.demir">@Ayşe Demir</span>!</p>',
    );
  });

  it('shows nothing for an empty text', () => {
    expect(renderWritten({ text: '', html: '' }).childNodes).to.have.length(0);
  });
});
