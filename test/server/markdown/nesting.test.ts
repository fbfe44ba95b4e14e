import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_QUOTE_DEPTH } from '../../../server/markdown/nesting.ts';
import { markdownToHtml } from '../../../server/markdown/render.ts';
import { html } from './rendered.ts';

/*
 * Hostile nesting (decision 104): quotes stop at the first converter's depth
 * and show the rest as text; everything else stops at markdown-it's
 * maxNesting; and 10,000 levels of anything render quickly.
 */

const DEEP = 10_000;

describe('Verschachtelung', () => {
  it(`schachtelt Zitate höchstens ${MAX_QUOTE_DEPTH} tief, tiefere > bleiben Text`, () => {
    assert.equal(MAX_QUOTE_DEPTH, 4);
    const open = '<blockquote>'.repeat(4);
    const close = '</blockquote>'.repeat(4);
    assert.equal(html('> > > > vier'), `${open}<p>vier</p>${close}`);
    assert.equal(html('> > > > > > sechs'), `${open}<p>&gt; &gt; sechs</p>${close}`);
  });

  it('schachtelt Listen so tief, wie ein Kommentar es braucht', () => {
    const nested = Array.from({ length: 6 }, (_, level) => `${'  '.repeat(level)}- Ebene ${level + 1}`).join('\n');
    const out = markdownToHtml(nested);
    assert.equal(out.split('<ul>').length - 1, 6);
    assert.match(out, /Ebene 6/);
  });

  const hostile: Record<string, string> = {
    '>>>>': `${'>'.repeat(DEEP)} x`,
    '> > >': `${'> '.repeat(DEEP)}x`,
    '[[[[': `${'['.repeat(DEEP)}x`,
    '[[[[ ]]]]': `${'['.repeat(DEEP)}x${']'.repeat(DEEP)}`,
    '****': `${'*'.repeat(DEEP)}x`,
    '*a **b': '*a **b '.repeat(DEEP),
    '____': `${'_'.repeat(DEEP)}x${'_'.repeat(DEEP)}`,
    '- - - -': `${'- '.repeat(DEEP)}x`,
    'nested list lines': Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n'),
    '[a](((((': `[a](${'('.repeat(DEEP)})`,
    'https://a.example/((((': `https://a.example/${'('.repeat(DEEP)}`,
    '@[@[@[': '@['.repeat(DEEP),
    '````': `${'`'.repeat(DEEP)}x`,
    '<<<<': `${'<'.repeat(DEEP)}a`,
    // Not nesting, but the same attack: every colon asks whether a bare link starts there.
    'a long word, then colons': `${'x'.repeat(10 * DEEP)}${':'.repeat(5 * DEEP)}`,
  };
  for (const [name, source] of Object.entries(hostile)) {
    it(`rendert ${DEEP} Ebenen „${name}“ in unter einer Sekunde`, () => {
      markdownToHtml(source.slice(0, 1000)); // compiled first: the bound is about growth, not warming up
      const started = performance.now();
      const out = markdownToHtml(source);
      const ms = performance.now() - started;
      assert.ok(ms < 1000, `${Math.round(ms)} ms`);
      assert.ok(out.split('<blockquote>').length - 1 <= MAX_QUOTE_DEPTH);
    });
  }
});
