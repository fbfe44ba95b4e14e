import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownToHtml } from '../../../server/markdown/render.ts';
import { mentionedIds } from '../../../server/mentions.ts';
import { html } from './rendered.ts';

/*
 * Mentions render exactly as the first converter rendered them (the browser
 * turns the span into a <plaza-person>), and the server counts exactly the
 * mentions the renderer shows: none in code, none in a link's text.
 */

describe('Erwähnungen', () => {
  it('werden zum Namensschild, genau wie bisher', () => {
    assert.equal(
      html('Danke @[Anna Schmidt](person:anna.schmidt)!'),
      '<p>Danke <span class="mention" data-person-id="anna.schmidt">@Anna Schmidt</span>!</p>',
    );
    assert.equal(
      html('**@[Jürgen Müller](person:juergen.mueller)** und @[Ayşe Demir](person:ayse.demir)'),
      '<p><strong><span class="mention" data-person-id="juergen.mueller">@Jürgen Müller</span></strong> und <span class="mention" data-person-id="ayse.demir">@Ayşe Demir</span></p>',
    );
  });

  it('zeigen den Namen, wie er geschrieben ist, und escapen Name und Kennung', () => {
    assert.equal(html('@[A*b*_c_](person:a)'), '<p><span class="mention" data-person-id="a">@A*b*_c_</span></p>');
    assert.equal(
      html('@[<b>x</b>](person:x"onclick=alert(1))'),
      '<p><span class="mention" data-person-id="x&quot;onclick=alert(1">@&lt;b&gt;x&lt;/b&gt;</span>)</p>',
    );
  });

  it('bleiben in Code Code', () => {
    assert.equal(html('`@[Anna](person:anna)`'), '<p><code>@[Anna](person:anna)</code></p>');
    assert.equal(html('```\n@[Anna](person:anna)\n```'), '<pre><code>@[Anna](person:anna)\n</code></pre>');
  });

  it('sind im Text eines Links nur der Name, ohne Platzhalterzeichen', () => {
    const out = markdownToHtml('[Frag @[Anna Schmidt](person:anna.schmidt)](https://intranet.example/faq)');
    assert.equal(out, '<p><a href="https://intranet.example/faq">Frag @Anna Schmidt</a></p>\n');
    assert.equal(html('![Foto von @[Anna](person:anna)](/foto.jpg)'), '<p><a href="/foto.jpg">Foto von @Anna</a></p>');
  });

  it('lassen kein U+0000 durch, woher es auch kommt', () => {
    for (const source of ['a\u0000b', '@[A\u0000](person:a)', '[`x\u0000`](/y)', '\u0000@[A](person:a)\u0000', '```\n\u0000\n```']) {
      assert.ok(!markdownToHtml(source).includes('\u0000'), JSON.stringify(source));
    }
  });
});

describe('mentionedIds (server/mentions.ts) counts what the renderer shows', () => {
  it('lists distinct people in order of first mention', () => {
    assert.deepEqual(mentionedIds('@[B](person:b) @[A](person:a) @[B](person:b)'), ['b', 'a']);
  });

  it('skips mentions in code spans, fenced and indented code, as the renderer does', () => {
    const text = '@[A](person:a) `@[C](person:c)`\n```\n@[D](person:d)\n```\n~~~\n```\n@[E](person:e)\n~~~\n\n    @[F](person:f)\n\n``@[G](person:g)``';
    assert.deepEqual(mentionedIds(text), ['a']);
  });

  it('skips mentions shown as text in a link or an image label, and counts them everywhere else', () => {
    assert.deepEqual(mentionedIds('[@[A](person:a)](/x) ![@[B](person:b)](/y.png) > @[C](person:c)\n\n- @[D](person:d)'), ['c', 'd']);
  });

  it('counts mentions in headings, as they render there', () => {
    assert.deepEqual(mentionedIds('# @[A](person:a)\n\n@[B](person:b)\n---\n\n***\n\n> ### @[C](person:c)'), ['a', 'b', 'c']);
  });
});
