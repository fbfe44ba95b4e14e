import { expect } from '@open-wc/testing';
import { sanitizeHtml, sanitizerLoading } from '../../src/core/content.ts';
import { purifySanitizer } from '../../src/core/purify.ts';
import { nativeSanitizer } from '../../src/core/sanitizer-api.ts';

/*
 * The page trusts no HTML, not even its own server's (decision 108): whatever arrives in a
 * comment's `html` goes through the browser's Sanitizer API, or DOMPurify where there is none
 * (decision 182), with Plaza's allowlist. These tests hand both what the server's renderer
 * writes, and what a hostile or broken backend could send instead.
 */
type Sanitize = (html: string) => DocumentFragment;
const SANITIZERS: Array<[string, () => Sanitize | undefined]> = [
  ['the Sanitizer API', nativeSanitizer],
  ['DOMPurify', purifySanitizer],
];

it('uses the browser’s Sanitizer API where it has one that takes the allowlist, else DOMPurify', async () => {
  await sanitizerLoading();
  const box = document.createElement('div');
  box.append(sanitizeHtml('<p>a<b>b</b></p>'));
  // The Sanitizer API drops an element off the list with its content, DOMPurify keeps the text.
  expect(box.textContent).to.equal(nativeSanitizer() ? 'a' : 'ab');
});

for (const [name, make] of SANITIZERS) {
  const sanitize = make();
  const shown = (html: string): HTMLElement => {
    const box = document.createElement('div');
    box.append(sanitize!(html));
    return box;
  };
  const where = (title: string) => `${title} (${name})`;
  if (!sanitize) {
    it.skip(where('this browser has no Sanitizer API that takes the allowlist'));
    continue;
  }

  describe(where('Sanitising the server\'s HTML'), () => {
    it('keeps everything the renderer writes: paragraphs, breaks, emphasis, strike, code, lists with a start, quotes, headings, rules', () => {
      const html =
        '<h1>Sommerfest</h1><h3>Ablauf</h3><p>Am <strong>Freitag</strong> <em>ab</em> <del>17</del> 18 Uhr<br>im Hof</p><hr>' +
        '<ol start="3"><li>drei<ul><li>drei.a</li></ul></li></ol><blockquote><p>Zitat</p></blockquote><pre><code class="language-js">a &lt; b</code></pre>';
      const box = shown(html);
      expect([...box.querySelectorAll('*')].map((e) => e.localName)).to.deep.equal(
        ['h1', 'h3', 'p', 'strong', 'em', 'del', 'br', 'hr', 'ol', 'li', 'ul', 'li', 'blockquote', 'p', 'pre', 'code'],
      );
      expect(box.querySelector('ol')!.start, 'the list starts at 3').to.equal(3);
      expect(box.querySelector('code')!.textContent).to.equal('a < b');
    });

    it('keeps http, https, mailto and relative links with their titles, opening outside and passing nothing on', () => {
      const box = shown(
        '<p><a href="https://intranet.example/kantine" title="Startseite">Kantine</a> <a href="mailto:empfang@example.org">Empfang</a> ' +
          '<a href="seite.html">Seite</a> <a href="/news/">News</a> <a href="#oben">oben</a></p>',
      );
      const links = [...box.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://intranet.example/kantine', 'mailto:empfang@example.org', 'seite.html', '/news/', '#oben']);
      expect(links[0]!.title).to.equal('Startseite');
      for (const a of links) {
        expect(a.rel).to.equal('noopener noreferrer ugc');
        expect(a.target).to.equal('_blank');
      }
    });

    it('takes the href off any other scheme, however it is spelled, and keeps the text', () => {
      const box = shown(
        '<p><a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="java&#x09;script:alert(1)">c</a>' +
          '<a href="data:text/html,<script>alert(1)</script>">d</a><a href="vbscript:x">e</a><a href="file:///etc/passwd">f</a></p>',
      );
      expect([...box.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([null, null, null, null, null, null]);
      expect(box.textContent).to.equal('abcdef');
    });

    it('drops what the renderer never writes: scripts, handlers, styles, images, forms, frames', () => {
      const box = shown('<p style="color:red" onclick="alert(1)">Hallo<img src="x" onerror="alert(1)"><iframe src="https://example.org"></iframe><form><input></form><script>alert(1)</script></p>');
      // The parser closes the <p> before the <form>, so an empty paragraph is left where the form was.
      expect([...box.querySelectorAll('*')].map((e) => e.localName + [...e.attributes].map((a) => ` ${a.name}`).join(''))).to.deep.equal(['p', 'p']);
      expect(box.textContent).to.equal('Hallo');
    });

    it('keeps a mention as the marked name the element turns into a name tag', () => {
      const mention = shown('<p>Danke <span class="mention" data-person-id="juergen.mueller">@Jürgen Müller</span>!</p>').querySelector('.mention')!;
      expect(mention.textContent).to.equal('@Jürgen Müller');
      expect(mention.getAttribute('data-person-id')).to.equal('juergen.mueller');
    });
  });

  describe(where('XSS corpus (../shared/corpora): every payload renders inert'), () => {
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

    it('runs no payload from the canary corpus sent as the comment\'s HTML by a hostile backend', async function () {
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
          box.append(sanitize(payload));
          stage.append(box);
        }
        // Give event handlers, timers, image errors and animations their chance.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        for (const element of stage.querySelectorAll('*')) {
          for (const attribute of element.attributes) expect(attribute.name, attribute.name).not.to.match(/^on/i);
          const href = element.getAttribute('href');
          if (href) expect(href).to.match(/^(?:(?:https?|mailto):|[^:/?#]*(?:[/?#]|$))/i);
        }
        expect(pwned, 'payloads that ran').to.deep.equal([]);
      } finally {
        stage.remove();
      }
    });
  });
}
