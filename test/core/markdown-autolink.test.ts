import { expect } from '@open-wc/testing';
import { renderMarkdown } from '../support/browser/markdown-render.ts';

/*
 * Bare URLs in comments and status posts become links (src/core/markdown.ts).
 * A link must end where the URL ends: not run on through a quote, an angle
 * bracket or the entity that stands for one, nor swallow the sentence's
 * punctuation. Rendered through the whole path, DOMPurify included.
 */

function render(markdown: string): HTMLElement {
  const box = document.createElement('div');
  box.append(renderMarkdown(markdown));
  return box;
}

/** href and text of every link, in order. */
function links(markdown: string): Array<[string | null, string | null]> {
  return [...render(markdown).querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);
}

describe('Markdown autolinks end where the URL ends', () => {
  it('stops before a quote after the URL', () => {
    const box = render('see https://intranet.example/x" and more');
    expect([...box.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
      ['https://intranet.example/x', 'https://intranet.example/x'],
    ]);
    expect(box.textContent).to.equal('see https://intranet.example/x" and more');
  });

  it('stops before quotes and apostrophes around the URL', () => {
    expect(links('"https://a.example/b"')).to.deep.equal([['https://a.example/b', 'https://a.example/b']]);
    expect(links('„https://a.example/b" oder \'https://a.example/c\'')).to.deep.equal([
      ['https://a.example/b', 'https://a.example/b'],
      ['https://a.example/c', 'https://a.example/c'],
    ]);
    expect(render('"https://a.example/b"').textContent).to.equal('"https://a.example/b"');
  });

  it('stops before angle brackets around the URL', () => {
    const box = render('<https://a.example>');
    expect([...box.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent])).to.deep.equal([
      ['https://a.example', 'https://a.example'],
    ]);
    expect(box.textContent, 'an autolink in angle brackets shows without them, as in CommonMark').to.equal('https://a.example');
    expect(links('https://a.example/x<b>fett</b>')).to.deep.equal([['https://a.example/x', 'https://a.example/x']]);
  });

  it('stops before an entity written for a quote or an angle bracket', () => {
    expect(links('https://a.example/b&quot; und weiter')).to.deep.equal([['https://a.example/b', 'https://a.example/b']]);
    expect(links('https://a.example/b&#34;onmouseover=alert(1)')).to.deep.equal([['https://a.example/b', 'https://a.example/b']]);
    expect(links('&lt;https://a.example/c&gt;')).to.deep.equal([['https://a.example/c', 'https://a.example/c']]);
    expect(links('https://a.example/d&lt;b&gt;')).to.deep.equal([['https://a.example/d', 'https://a.example/d']]);
    expect(links('https://a.example/e&#x27;')).to.deep.equal([['https://a.example/e', 'https://a.example/e']]);
    expect(render('https://a.example/b&quot; und weiter').textContent).to.equal('https://a.example/b&quot; und weiter');
  });

  it('leaves the sentence its punctuation', () => {
    expect(links('Siehe https://a.example/x. Danach https://a.example/y, dann https://a.example/z!')).to.deep.equal([
      ['https://a.example/x', 'https://a.example/x'],
      ['https://a.example/y', 'https://a.example/y'],
      ['https://a.example/z', 'https://a.example/z'],
    ]);
    expect(links('Wirklich https://a.example/q? Ja: https://a.example/r; gut.')).to.deep.equal([
      ['https://a.example/q', 'https://a.example/q'],
      ['https://a.example/r', 'https://a.example/r'],
    ]);
    expect(links('Ende https://a.example/s...')).to.deep.equal([['https://a.example/s', 'https://a.example/s']]);
  });

  it('keeps a closing parenthesis only when the URL opened one', () => {
    expect(links('(siehe https://a.example/x)')).to.deep.equal([['https://a.example/x', 'https://a.example/x']]);
    expect(links('https://de.wikipedia.org/wiki/Kassel_(Stadt)')).to.deep.equal([
      ['https://de.wikipedia.org/wiki/Kassel_(Stadt)', 'https://de.wikipedia.org/wiki/Kassel_(Stadt)'],
    ]);
    expect(links('(https://de.wikipedia.org/wiki/Kassel_(Stadt)).')).to.deep.equal([
      ['https://de.wikipedia.org/wiki/Kassel_(Stadt)', 'https://de.wikipedia.org/wiki/Kassel_(Stadt)'],
    ]);
    expect(render('(siehe https://a.example/x).').textContent).to.equal('(siehe https://a.example/x).');
  });

  it('leaves emphasis around a URL to the emphasis', () => {
    const box = render('**https://a.example/x** und _https://a.example/y_');
    expect(box.querySelector('strong > a')?.getAttribute('href')).to.equal('https://a.example/x');
    expect(box.querySelector('em > a')?.getAttribute('href')).to.equal('https://a.example/y');
  });

  it('still links what belongs to the URL: queries, fragments, ports', () => {
    expect(links('https://example.org/a?b=1&c=2#teil und http://intranet:8080/x_y-z/~a')).to.deep.equal([
      ['https://example.org/a?b=1&c=2#teil', 'https://example.org/a?b=1&c=2#teil'],
      ['http://intranet:8080/x_y-z/~a', 'http://intranet:8080/x_y-z/~a'],
    ]);
    expect(links('nur https:// allein')).to.deep.equal([]);
  });

  it('stays inert: no attribute but href, rel and target on a link', () => {
    const box = render('https://a.example/"onmouseover="alert(1) https://a.example/&quot;onclick=&quot;alert(2)');
    for (const a of box.querySelectorAll('a')) {
      expect([...a.attributes].map((attribute) => attribute.name).sort()).to.deep.equal(['href', 'rel', 'target']);
      expect(a.getAttribute('href')).to.match(/^https:\/\/a\.example\/$/);
    }
  });

  it('shows links in angle brackets without the brackets, and nothing that runs code', () => {
    expect(links('Siehe <https://intranet.example/x>.')).to.deep.equal([['https://intranet.example/x', 'https://intranet.example/x']]);
    expect(render('Siehe <https://intranet.example/x>.').textContent).to.equal('Siehe https://intranet.example/x.');
    expect(links('<mailto:anna@stadtwerke.example>')).to.deep.equal([['mailto:anna@stadtwerke.example', 'mailto:anna@stadtwerke.example']]);
    expect(links('Schreib an <anna.schmidt@stadtwerke.example>')).to.deep.equal([['mailto:anna.schmidt@stadtwerke.example', 'anna.schmidt@stadtwerke.example']]);
    expect(links('<javascript:alert(1)>')).to.deep.equal([]);
    expect(render('<javascript:alert(1)>').textContent).to.equal('<javascript:alert(1)>');
  });

  it('keeps balanced parentheses in a link’s destination', () => {
    expect(links('[Kassel](https://de.wikipedia.org/wiki/Kassel_(Stadt)) liegt in Hessen')).to.deep.equal([
      ['https://de.wikipedia.org/wiki/Kassel_(Stadt)', 'Kassel'],
    ]);
    expect(render('[Kassel](https://de.wikipedia.org/wiki/Kassel_(Stadt)) liegt in Hessen').textContent).to.equal('Kassel liegt in Hessen');
  });
});
