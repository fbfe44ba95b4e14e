/**
 * Issue 16, item 6: `dist/plaza.classic.js` is for a classic `<script src>`: it must parse as a
 * plain script (no `import`, `export` or `import.meta`), leave nothing global behind, and never
 * hand itself to a page's AMD `define` (a UMD wrapper would, and then register nothing).
 * Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Script } from 'node:vm';

const file = new URL('../../dist/plaza.classic.js', import.meta.url);

test('plaza.classic.js is one classic script that leaves the AMD loader alone', { skip: !existsSync(file) && 'run npm run build first' }, () => {
  const code = readFileSync(file, 'utf8');
  assert.doesNotThrow(() => new Script(code, { filename: 'plaza.classic.js' }), 'parses as a classic script');
  assert.match(code, /^\(function\(\)\{/, 'one immediately invoked function: no top-level names on window');
  assert.doesNotMatch(code, /import\.meta/);
  assert.doesNotMatch(code, /\bdefine\.amd\b|typeof define\b/, 'no AMD detection');
});
