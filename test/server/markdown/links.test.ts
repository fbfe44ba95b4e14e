import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafeUrl } from '../../../server/markdown/links.ts';
import { markdownToHtml } from '../../../server/markdown/render.ts';
import { html, links, text } from './rendered.ts';

/*
 * Bare URLs end where the URL ends (every case of the browser's
 * test/core/markdown-autolink.test.ts, ported), and no link goes anywhere but
 * http:, https:, mailto: or a relative address (decision 102).
 */

describe('Bare links end where the URL ends', () => {
  it('stops before a quote after the URL', () => {
    assert.deepEqual(links('see https://intranet.example/x" and more'), [['https://intranet.example/x', 'https://intranet.example/x']]);
    assert.equal(text('see https://intranet.example/x" and more'), 'see https://intranet.example/x" and more');
  });

  it('stops before quotes and apostrophes around the URL', () => {
    assert.deepEqual(links('"https://a.example/b"'), [['https://a.example/b', 'https://a.example/b']]);
    assert.deepEqual(links('„https://a.example/b" oder \'https://a.example/c\''), [
      ['https://a.example/b', 'https://a.example/b'],
      ['https://a.example/c', 'https://a.example/c'],
    ]);
    assert.equal(text('"https://a.example/b"'), '"https://a.example/b"');
  });

  it('stops before angle brackets around the URL, and shows an autolink without them', () => {
    assert.deepEqual(links('<https://a.example>'), [['https://a.example', 'https://a.example']]);
    assert.equal(text('<https://a.example>'), 'https://a.example');
    assert.deepEqual(links('https://a.example/x<b>fett</b>'), [['https://a.example/x', 'https://a.example/x']]);
  });

  it('stops before an entity written for a quote or an angle bracket', () => {
    assert.deepEqual(links('https://a.example/b&quot; und weiter'), [['https://a.example/b', 'https://a.example/b']]);
    assert.deepEqual(links('https://a.example/b&#34;onmouseover=alert(1)'), [['https://a.example/b', 'https://a.example/b']]);
    assert.deepEqual(links('&lt;https://a.example/c&gt;'), [['https://a.example/c', 'https://a.example/c']]);
    assert.deepEqual(links('https://a.example/d&lt;b&gt;'), [['https://a.example/d', 'https://a.example/d']]);
    assert.deepEqual(links('https://a.example/e&#x27;'), [['https://a.example/e', 'https://a.example/e']]);
    // The entity now shows as the character it stands for (issue 17: `&amp;` showed literally before).
    assert.equal(text('https://a.example/b&quot; und weiter'), 'https://a.example/b" und weiter');
  });

  it('leaves the sentence its punctuation', () => {
    assert.deepEqual(links('Siehe https://a.example/x. Danach https://a.example/y, dann https://a.example/z!'), [
      ['https://a.example/x', 'https://a.example/x'],
      ['https://a.example/y', 'https://a.example/y'],
      ['https://a.example/z', 'https://a.example/z'],
    ]);
    assert.deepEqual(links('Wirklich https://a.example/q? Ja: https://a.example/r; gut.'), [
      ['https://a.example/q', 'https://a.example/q'],
      ['https://a.example/r', 'https://a.example/r'],
    ]);
    assert.deepEqual(links('Ende https://a.example/s...'), [['https://a.example/s', 'https://a.example/s']]);
  });

  it('keeps a closing parenthesis only when the URL opened one', () => {
    assert.deepEqual(links('(siehe https://a.example/x)'), [['https://a.example/x', 'https://a.example/x']]);
    assert.deepEqual(links('https://de.wikipedia.org/wiki/Kassel_(Stadt)'), [
      ['https://de.wikipedia.org/wiki/Kassel_(Stadt)', 'https://de.wikipedia.org/wiki/Kassel_(Stadt)'],
    ]);
    assert.deepEqual(links('(https://de.wikipedia.org/wiki/Kassel_(Stadt)).'), [
      ['https://de.wikipedia.org/wiki/Kassel_(Stadt)', 'https://de.wikipedia.org/wiki/Kassel_(Stadt)'],
    ]);
    assert.equal(text('(siehe https://a.example/x).'), '(siehe https://a.example/x).');
  });

  it('leaves emphasis around a URL to the emphasis', () => {
    assert.equal(
      html('**https://a.example/x** und _https://a.example/y_'),
      '<p><strong><a href="https://a.example/x">https://a.example/x</a></strong> und <em><a href="https://a.example/y">https://a.example/y</a></em></p>',
    );
  });

  it('still links what belongs to the URL: queries, fragments, ports, underscores', () => {
    assert.deepEqual(links('https://example.org/a?b=1&c=2#teil und http://intranet:8080/x_y-z/~a'), [
      ['https://example.org/a?b=1&c=2#teil', 'https://example.org/a?b=1&c=2#teil'],
      ['http://intranet:8080/x_y-z/~a', 'http://intranet:8080/x_y-z/~a'],
    ]);
    assert.deepEqual(links('https://intranet.example/wiki/Haus_und_Hof_A_b_c'), [
      ['https://intranet.example/wiki/Haus_und_Hof_A_b_c', 'https://intranet.example/wiki/Haus_und_Hof_A_b_c'],
    ]);
    assert.deepEqual(links('nur https:// allein'), []);
  });

  it('links no URL glued to a word, no www. address and no bare e-mail address (decision 102)', () => {
    assert.deepEqual(links('xhttps://a.example/x'), []);
    assert.deepEqual(links('www.stadtwerke.example und anna@stadtwerke.example'), []);
  });

  it('stays inert: nothing but href on a link', () => {
    const out = markdownToHtml('https://a.example/"onmouseover="alert(1) https://a.example/&quot;onclick=&quot;alert(2)');
    const anchors = [...out.matchAll(/<a\b[^>]*>/g)].map((tag) => tag[0]);
    assert.deepEqual(anchors, ['<a href="https://a.example/">', '<a href="https://a.example/">']);
  });

  it('shows links in angle brackets without the brackets, and nothing that runs code', () => {
    assert.deepEqual(links('Siehe <https://intranet.example/x>.'), [['https://intranet.example/x', 'https://intranet.example/x']]);
    assert.equal(text('Siehe <https://intranet.example/x>.'), 'Siehe https://intranet.example/x.');
    assert.deepEqual(links('<mailto:anna@stadtwerke.example>'), [['mailto:anna@stadtwerke.example', 'mailto:anna@stadtwerke.example']]);
    assert.deepEqual(links('Schreib an <anna.schmidt@stadtwerke.example>'), [
      ['mailto:anna.schmidt@stadtwerke.example', 'anna.schmidt@stadtwerke.example'],
    ]);
    assert.deepEqual(links('<javascript:alert(1)>'), []);
    assert.equal(text('<javascript:alert(1)>'), '<javascript:alert(1)>');
  });

  it('keeps balanced parentheses in a link’s destination', () => {
    assert.deepEqual(links('[Kassel](https://de.wikipedia.org/wiki/Kassel_(Stadt)) liegt in Hessen'), [
      ['https://de.wikipedia.org/wiki/Kassel_(Stadt)', 'Kassel'],
    ]);
    assert.equal(text('[Kassel](https://de.wikipedia.org/wiki/Kassel_(Stadt)) liegt in Hessen'), 'Kassel liegt in Hessen');
  });

  it('does not link inside a link’s text', () => {
    assert.deepEqual(links('[siehe https://a.example/x](https://b.example/y)'), [['https://b.example/y', 'siehe https://a.example/x']]);
  });
});

describe('Only safe URLs become links', () => {
  const unsafe = [
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](javascript&colon;alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](file:///etc/passwd)',
    '[x](ftp://files.example/a)',
    '<javascript:alert(1)>',
    '<data:text/html,<script>alert(1)</script>>',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '![x](javascript:alert(1))',
    '![x](data:image/png;base64,AAAA)',
  ];
  for (const markdown of unsafe) {
    it(`is no link: ${JSON.stringify(markdown)}`, () => {
      assert.doesNotMatch(markdownToHtml(markdown), /<a /);
    });
  }

  it('links the web, mail and relative addresses', () => {
    assert.deepEqual(
      links('[a](https://a.example) [b](HTTP://b.example) [c](mailto:c@d.example) [d](/pfad) [e](#anker) [f](?q=1) [g](seite.html) [h](./x/y)'),
      [
        ['https://a.example', 'a'],
        ['HTTP://b.example', 'b'],
        ['mailto:c@d.example', 'c'],
        ['/pfad', 'd'],
        ['#anker', 'e'],
        ['?q=1', 'f'],
        ['seite.html', 'g'],
        ['./x/y', 'h'],
      ],
    );
  });

  it('decides on the scheme, after entities and escapes are decoded and the URL percent-encoded', () => {
    for (const url of ['https://a.example', 'http://a', 'mailto:a@b', 'MAILTO:A@B', '/x', '#y', '?z', 'x/y:z', 'seite?a=b:c']) {
      assert.equal(isSafeUrl(url), true, url);
    }
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///x', 'irc://x', 'localhost:5001/foo', 'a+b+c:d', 'java%09script:alert(1)', 'foo):', ' javascript:x', 'java\tscript:x', '\u0001javascript:x']) {
      assert.equal(isSafeUrl(url), false, url);
    }
  });
});
