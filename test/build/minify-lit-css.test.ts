import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss, minifyLitCss } from '../../build/minify-lit-css.ts';

test('comments and whitespace go, declarations stay', () => {
  assert.equal(minifyCss(`\n  :host {\n    display: block; /* note */\n    gap: var(--_space) 0;\n  }\n`), ':host{display:block;gap:var(--_space) 0}');
});

test('arithmetic in calc(), min(), max() and clamp() keeps its spaces', () => {
  assert.equal(minifyCss('a { width: calc(100% - 2px); gap: min(1rem, 2vw + 1px) max(0px,  50% - 1em); top: clamp(1px, 2vh * 3, 4px) }'), 'a{width:calc(100% - 2px);gap:min(1rem,2vw + 1px) max(0px,50% - 1em);top:clamp(1px,2vh * 3,4px)}');
  assert.equal(minifyCss('a { margin: calc(-1px + 0.15rem) -1px }'), 'a{margin:calc(-1px + 0.15rem) -1px}');
});

test('a space before a colon in a selector stays (.a :hover is not .a:hover)', () => {
  assert.equal(minifyCss('.a :hover, .b ::slotted(*) { color: red }'), '.a :hover,.b ::slotted(*){color:red}');
  assert.equal(minifyCss(':host(:hover) .c:not(:disabled) > .d { x: y }'), ':host(:hover) .c:not(:disabled) > .d{x:y}');
});

test('strings and escapes are kept byte for byte', () => {
  assert.equal(minifyCss(`a::before { content: ' ·  /* no comment */ ; } '; }`), `a::before{content:' ·  /* no comment */ ; } '}`);
  assert.equal(minifyCss(`a { content: "\\"  x"; font-family: 'A  B', sans-serif }`), `a{content:"\\"  x";font-family:'A  B',sans-serif}`);
  assert.equal(minifyCss('.a\\;  { x: y\\; }'), '.a\\;{x:y\\;}');
});

test('at-rules and !important', () => {
  assert.equal(minifyCss('@media (min-width: 40em) and (hover: hover) {\n  .x { display: none !important; }\n}'), '@media (min-width:40em) and (hover:hover){.x{display:none !important}}');
});

test('css`` templates in a module: interpolations intact, other code untouched, lines mapped', () => {
  const code = "import { css, unsafeCSS } from 'lit';\nconst x = `  keep  me  `;\nexport const s = css`\n  .a {\n    color: ${unsafeCSS(`x { y }`)} ;\n  }\n  ${tokens}\n  .b { margin: 0 }\n`;\nfoo();\n";
  const result = minifyLitCss(code, 'file.ts');
  assert.ok(result);
  assert.equal(
    result.code,
    "import { css, unsafeCSS } from 'lit';\nconst x = `  keep  me  `;\nexport const s = css`.a{color: ${unsafeCSS(`x { y }`)} } ${tokens} .b{margin:0}`;\nfoo();\n",
  );
  const map = result.map;
  assert.deepEqual(map.sources, ['file.ts']);
  // Five output lines, each with a mapping; foo() on output line 4 comes from input line 10 (0-based 9).
  assert.equal(map.mappings.split(';').length, 5);
  assert.equal(minifyLitCss('const a = `<p>\n  x</p>`;'), null, 'untagged templates are not touched');
});

test('html`` templates: indentation across lines becomes one space; spaces within a line and interpolations stay', () => {
  const code = 'const a = html`\n  <p part="x">  ${name}\n    <b>${html`<i>\n</i>`}</b>\n  </p>\n`;';
  assert.equal(minifyLitCss(code)!.code, 'const a = html` <p part="x">  ${name} <b>${html`<i> </i>`}</b> </p> `;');
});
