import { expect } from '@open-wc/testing';
import { renderMarkdown } from '../support/browser/markdown-render.ts';
import { markdownToHtml } from '../../src/core/markdown.ts';

function render(markdown: string): HTMLElement {
  const box = document.createElement('div');
  box.append(renderMarkdown(markdown));
  return box;
}

describe('Markdown, the safe subset', () => {
  it('renders paragraphs, line breaks, emphasis, strike and code', () => {
    const box = render('Hallo **Team**, das *ist* ~~nicht~~ `x < y`.\nZweite Zeile\n\nNeuer Absatz');
    expect(box.innerHTML).to.equal(
      '<p>Hallo <strong>Team</strong>, das <em>ist</em> <del>nicht</del> <code>x &lt; y</code>.<br>Zweite Zeile</p><p>Neuer Absatz</p>',
    );
  });

  it('renders lists, quotes and fenced code without interpreting the code', () => {
    const box = render('- eins\n- zwei\n\n1. a\n2. b\n\n> zitiert **fett**\n\n```\n<b>nicht fett</b>\n```');
    expect(box.querySelectorAll('ul > li')).to.have.length(2);
    expect(box.querySelectorAll('ol > li')).to.have.length(2);
    expect(box.querySelector('blockquote strong')?.textContent).to.equal('fett');
    expect(box.querySelector('pre code')?.textContent).to.equal('<b>nicht fett</b>');
    expect(box.querySelector('b')).to.equal(null);
  });

  it('makes links safe: rel, new tab, and no script URLs', () => {
    const box = render('[Kantine](https://intranet.example/kantine) und https://example.org/a?b=1&c=2. [böse](javascript:alert(1))');
    const links = [...box.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://intranet.example/kantine', 'https://example.org/a?b=1&c=2']);
    for (const a of links) {
      expect(a.rel).to.equal('noopener noreferrer ugc');
      expect(a.target).to.equal('_blank');
    }
    expect(box.textContent).to.contain('[böse](javascript:alert(1))');
  });

  it('renders mentions as marked names', () => {
    const box = render('Danke @[Jürgen Müller](person:juergen.mueller)!');
    const mention = box.querySelector('.mention')!;
    expect(mention.textContent).to.equal('@Jürgen Müller');
    expect(mention.getAttribute('data-person-id')).to.equal('juergen.mueller');
  });

  it('escapes raw HTML instead of interpreting it', () => {
    expect(markdownToHtml('<img src=x onerror=alert(1)>')).to.equal('<p>&#60;img src=x onerror=alert(1)&#62;</p>');
  });
});

describe('XSS corpus (../shared/corpora): every payload renders inert', () => {
  const pwned: number[] = [];
  const traps = ['alert', 'confirm', 'prompt', 'print'] as const;
  const saved = new Map<string, unknown>();

  before(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__pwned = (n: number) => pwned.push(n);
    for (const name of traps) {
      saved.set(name, w[name]);
      w[name] = () => pwned.push(-1);
    }
  });
  after(() => {
    const w = window as unknown as Record<string, unknown>;
    for (const name of traps) w[name] = saved.get(name);
    delete w.__pwned;
  });

  it('runs no payload from the canary corpus, as Markdown, in the document', async function () {
    this.timeout(60_000);
    const text = await (await fetch('/__corpora/xss-canary.txt')).text();
    const payloads = text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.replace(/\\n/g, '\n').replace(/\\r/g, '\r'));
    expect(payloads.length).to.be.greaterThan(1000);
    const stage = document.createElement('div');
    document.body.append(stage);
    try {
      for (const payload of payloads) {
        const box = document.createElement('article');
        box.append(renderMarkdown(payload));
        stage.append(box);
      }
      // Give event handlers, timers, image errors and animations their chance.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (const element of stage.querySelectorAll('*')) {
        for (const attribute of element.attributes) expect(attribute.name, attribute.name).not.to.match(/^on/i);
        const href = element.getAttribute('href');
        if (href) expect(href).to.match(/^(https?:|mailto:|\/|#|\?)/i);
      }
      expect(pwned, 'payloads that ran').to.deep.equal([]);
    } finally {
      stage.remove();
    }
  });
});
