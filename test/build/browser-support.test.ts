import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

/*
 * docs/browsers.md promises the browser versions Plaza works in. This holds the promise
 * against what dist/plaza.js really uses: a newer CSS function or JavaScript method that
 * Plaza needs without a fallback raises the floor, and the docs must say so.
 *
 * Each entry: text that shows the feature in the minified bundle, and the first version of
 * Chrome, Firefox and Safari that has it without a flag (null: none yet). Features Plaza
 * detects before use (popover, requestIdleCallback, crypto.randomUUID) are not listed: older
 * browsers take the fallback. Lit falls back from adoptedStyleSheets to <style> by itself.
 */
type Versions = { chrome: number | null; firefox: number | null; safari: number | null };
const FEATURES: Array<{ feature: string; seen: RegExp } & Versions> = [
  { feature: 'CSS light-dark()', seen: /light-dark\(/, chrome: 123, firefox: 120, safari: 17.5 },
  { feature: 'CSS color-mix()', seen: /color-mix\(/, chrome: 111, firefox: 113, safari: 16.2 },
  { feature: 'CSS :focus-visible', seen: /:focus-visible/, chrome: 86, firefox: 85, safari: 15.4 },
  { feature: 'CSS :has()', seen: /:has\(/, chrome: 105, firefox: 121, safari: 15.4 },
  { feature: 'CSS container queries', seen: /@container/, chrome: 105, firefox: 110, safari: 16 },
  { feature: 'CSS @layer', seen: /@layer/, chrome: 99, firefox: 97, safari: 15.4 },
  { feature: 'CSS @property', seen: /@property\s*--/, chrome: 85, firefox: 128, safari: 16.4 },
  { feature: 'CSS @starting-style', seen: /@starting-style/, chrome: 117, firefox: 129, safari: 17.5 },
  { feature: 'CSS text-wrap: balance/pretty', seen: /text-wrap(-style)?:\s*(balance|pretty)/, chrome: 114, firefox: 121, safari: 17.5 },
  { feature: 'CSS hyphens: auto (unprefixed)', seen: /(?<!-webkit-)hyphens:\s*auto/, chrome: 88, firefox: 43, safari: 17 },
  { feature: 'CSS :state()', seen: /:state\(/, chrome: 125, firefox: 126, safari: 17.4 },
  { feature: 'class static blocks (ES2022)', seen: /static\s*\{/, chrome: 94, firefox: 93, safari: 16.4 },
  { feature: 'Array.prototype.at (ES2022)', seen: /\.at\(-?\d/, chrome: 92, firefox: 90, safari: 15.4 },
  { feature: 'structuredClone', seen: /structuredClone\(/, chrome: 98, firefox: 94, safari: 15.4 },
  { feature: 'findLast (ES2023)', seen: /\.findLast(Index)?\(/, chrome: 97, firefox: 104, safari: 15.4 },
  { feature: 'toSorted / toReversed / toSpliced (ES2023)', seen: /\.to(Sorted|Reversed|Spliced)\(/, chrome: 110, firefox: 115, safari: 16 },
  { feature: 'Object.groupBy / Map.groupBy', seen: /\b(Object|Map)\.groupBy\(/, chrome: 117, firefox: 119, safari: 17.4 },
  { feature: 'Promise.withResolvers', seen: /Promise\.withResolvers\(/, chrome: 119, firefox: 121, safari: 17.4 },
  { feature: 'Array.fromAsync', seen: /Array\.fromAsync\(/, chrome: 121, firefox: 115, safari: 16.4 },
  { feature: 'AbortSignal.any', seen: /AbortSignal\.any\(/, chrome: 116, firefox: 124, safari: 17.4 },
  { feature: 'URL.canParse', seen: /URL\.canParse\(/, chrome: 120, firefox: 115, safari: 17 },
  { feature: 'Set methods (union, intersection, …)', seen: /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/, chrome: 122, firefox: 127, safari: 17 },
  { feature: 'Intl.Segmenter', seen: /Intl\.Segmenter\b/, chrome: 87, firefox: 125, safari: 14.1 },
  { feature: 'Element.checkVisibility', seen: /\.checkVisibility\(/, chrome: 105, firefox: 106, safari: 17.4 },
  { feature: 'BroadcastChannel', seen: /\bBroadcastChannel\b/, chrome: 54, firefox: 38, safari: 15.4 },
  { feature: 'SharedWorker', seen: /\bSharedWorker\b/, chrome: 4, firefox: 29, safari: 16 },
];

const BROWSERS = { chrome: /^\| Chrome/m, firefox: /^\| Firefox/m, safari: /^\| Safari/m } as const;

/** The "from version" column of docs/browsers.md's table, per browser. */
function documentedMinimums(): Record<keyof Versions, number> {
  const docs = readFileSync(new URL('../../docs/browsers.md', import.meta.url), 'utf8');
  const read = (row: RegExp) => {
    const line = docs.split('\n').find((l) => row.test(l));
    const version = /^\|[^|]+\|\s*(\d+(?:\.\d+)?)\b/.exec(line ?? '')?.[1];
    assert.ok(version, `docs/browsers.md has no table row ${row} with a version in its second column`);
    return Number(version);
  };
  return { chrome: read(BROWSERS.chrome), firefox: read(BROWSERS.firefox), safari: read(BROWSERS.safari) };
}

test('docs/browsers.md names a first version for Chrome/Edge, Firefox and Safari', () => {
  const minimums = documentedMinimums();
  for (const [browser, version] of Object.entries(minimums)) assert.ok(version > 0, `${browser}: ${version}`);
});

test('docs/browsers.md promises exactly the versions dist/plaza.js and its chunks need', () => {
  const bundle = new URL('../../dist/plaza.js', import.meta.url);
  assert.ok(existsSync(bundle), 'dist/plaza.js is missing: run `npm run build` first');
  // The loader imports every element's code from dist/chunks/ (decision 133).
  const chunks = new URL('../../dist/chunks/', import.meta.url);
  const code = [bundle, ...readdirSync(chunks).filter((f) => f.endsWith('.js')).map((f) => new URL(f, chunks))].map((file) => readFileSync(file, 'utf8')).join('\n');
  const used = FEATURES.filter(({ seen }) => seen.test(code));
  const documented = documentedMinimums();
  for (const browser of Object.keys(BROWSERS) as Array<keyof Versions>) {
    const unsupported = used.filter((f) => f[browser] === null).map((f) => f.feature);
    assert.deepEqual(unsupported, [], `${browser} has none of these yet: give them a fallback`);
    const floor = Math.max(...used.map((f) => f[browser] ?? 0));
    const setBy = used.filter((f) => f[browser] === floor).map((f) => f.feature);
    // Higher than the docs: those browsers break. Lower: the docs turn away browsers that work.
    assert.equal(documented[browser], floor, `${browser}: the bundle needs ${floor} (${setBy.join(', ')}); docs/browsers.md says ${documented[browser]}`);
  }
});
