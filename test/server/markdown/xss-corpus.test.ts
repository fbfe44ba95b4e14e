import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { markdownToHtml } from '../../../server/markdown/render.ts';

/*
 * Every payload of the shared XSS corpora (../shared/corpora beside the
 * repository, read at run time, never copied in) through markdownToHtml: the
 * output holds only Plaza's elements and attributes, each closed in order,
 * and no link goes
 * anywhere but http:, https:, mailto: or a relative address. Whether anything
 * runs in a browser is the element-level canary test's to show; this is the
 * server's half, checked on the string it sends.
 */

const CORPORA = new URL('../../../../shared/corpora/', import.meta.url);
const ELEMENTS = new Set(['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'span']);
/** Elements that are never closed. */
const VOID = new Set(['br', 'hr']);
const ATTRIBUTES = new Set(['href', 'title', 'class', 'data-person-id', 'start']);
/** The safe-URL rule, written independently of isSafeUrl: an allowed scheme, or no colon before the first / ? #. */
const SAFE_HREF = /^(?:(?:https?|mailto):|[^:/?#]*(?:[/?#]|$))/i;
const TAG = /<(\/?)([a-z]+[1-6]?)((?: [a-z-]+="[^"<>]*")*)>/y;

/** Lines of a corpus file: comments skipped, `\n` and `\r` written out turned back into the characters. */
function payloads(file: string): string[] {
  return readFileSync(new URL(file, CORPORA), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.replace(/\\n/g, '\n').replace(/\\r/g, '\r'));
}

/** What is wrong with one rendered payload, if anything. */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  // Every element opened is closed, in order (decision 48 wraps each comment's HTML in a span and splits it again).
  const open: string[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const tag = TAG.exec(html);
    if (!tag) {
      problems.push(`a "<" that opens no tag of Plaza's: ${html.slice(at, at + 60)}`);
      continue;
    }
    const [, closing, name, attributes] = tag;
    if (!ELEMENTS.has(name!)) problems.push(`element <${name}>`);
    if (closing && attributes) problems.push(`attributes on </${name}>`);
    if (closing && open.pop() !== name) problems.push(`</${name}> closes what it did not open`);
    else if (!closing && !VOID.has(name!)) open.push(name!);
    for (const [, attribute, raw] of attributes!.matchAll(/ ([a-z-]+)="([^"]*)"/g)) {
      const value = raw!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      if (!ATTRIBUTES.has(attribute!)) problems.push(`attribute ${attribute}`);
      if (attribute === 'title' && name !== 'a') problems.push(`title on <${name}>`);
      // markdown-it escapes only & < > "; any other reference would hide what a browser reads.
      if (/&(?!(?:amp|quot|lt|gt);)/.test(raw!)) problems.push(`a character reference in ${attribute}="${raw}"`);
      // eslint-disable-next-line no-control-regex -- a raw control character in an href is the problem looked for
      if (attribute === 'href' && (!SAFE_HREF.test(value) || /[\x00-\x20\x7f]/.test(value))) problems.push(`href="${value}"`);
      if (attribute === 'class' && !/^(?:mention|language-[^\s]+)$/.test(value)) problems.push(`class="${value}"`);
      if (attribute === 'start' && !/^\d+$/.test(value)) problems.push(`start="${value}"`);
    }
  }
  if (open.length) problems.push(`unclosed: ${open.join(' ')}`);
  return problems;
}

for (const file of ['xss.txt', 'xss-canary.txt']) {
  test(`XSS corpus ${file}: only Plaza's elements, attributes and safe links come out`, () => {
    const all = payloads(file);
    assert.ok(all.length > 1000, `${file} holds ${all.length} payloads`);
    const started = performance.now();
    const found: string[] = [];
    all.forEach((payload, i) => {
      for (const problem of problemsIn(markdownToHtml(payload))) found.push(`payload ${i + 1} ${JSON.stringify(payload.slice(0, 80))}: ${problem}`);
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${all.length} payloads of ${file} rendered and checked in ${seconds.toFixed(2)} s`);
    assert.deepEqual(found, []);
    assert.ok(seconds < 10, `${seconds} s`);
  });
}

test('the checker finds what it looks for', () => {
  assert.deepEqual(problemsIn('<p><a href="https://a.example" class="mention">x</a><span data-person-id="a">y</span></p>'), []);
  assert.deepEqual(problemsIn('<img src=x onerror=alert(1)>'), ['a "<" that opens no tag of Plaza\'s: <img src=x onerror=alert(1)>']);
  assert.deepEqual(problemsIn('<div></div>'), ['element <div>', 'element <div>']);
  assert.deepEqual(problemsIn('<h2>x</h2><hr><h6>y</h6><a href="/" title="t">z</a>'), []);
  assert.deepEqual(problemsIn('<h7>x</h7><h1 title="t">y</h1>'), [`a "<" that opens no tag of Plaza's: <h7>x</h7><h1 title="t">y</h1>`, `a "<" that opens no tag of Plaza's: </h7><h1 title="t">y</h1>`, 'title on <h1>']);
  assert.deepEqual(problemsIn('<a href="javascript:alert(1)" title="t" style="x">x</a>'), ['href="javascript:alert(1)"', 'attribute style']);
  assert.deepEqual(problemsIn('<a href="java&#x09;script:x"></a>'), ['a character reference in href="java&#x09;script:x"']);
  assert.deepEqual(problemsIn('<a href="java\tscript:x"></a>'), ['href="java\tscript:x"']);
  assert.deepEqual(problemsIn('<code class="x y"></code>'), ['class="x y"']);
  assert.deepEqual(problemsIn('<p><em>x</p></em>'), ['</p> closes what it did not open', '</em> closes what it did not open']);
});
