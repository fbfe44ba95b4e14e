// Bundle-size budget (decisions 44, 129, 133). dist/plaza.js is the lazy loader: a page loads it,
// its language's messages, and each of its tags' chunks with what they import
// (build/page-chunks.mjs). Each file travels compressed on its own, so a page's weight is the sum
// of each file's brotli. Three limits fail the bench: the loader alone, a page with only
// <plaza-reactions>, and one with every wave-1 element; the goals are printed beside them.
// Shown without a limit: DOMPurify, which only browsers without the Sanitizer API load (decision
// 182), plaza.classic.js (every element in one file, for classic scripts) and
// what a bundler imports (dist/index.js, define.js, elements/*.js with their chunks).
// Ends with one JSON line for tools that track the numbers over time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pageChunks } from '../build/page-chunks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'bench/size-budget.json'), 'utf8'));

if (!existsSync(join(dist, 'plaza.js')) || !existsSync(join(dist, '.vite', 'manifest.json'))) {
  console.error('dist/plaza.js or its manifest (dist/.vite/manifest.json) is missing: run `npm run build` first.');
  process.exit(1);
}

const brotliOf = (/** @type {Buffer} */ bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;

// What bundlers and classic pages load, one row each. The modules build's files are thin
// re-exports of shared chunks, so each row counts the file plus every chunk it imports (relative
// imports only: lit and dompurify stay external there).
/** @param {string} file @param {Set<string>} [seen] @returns {Set<string>} */
function withChunks(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) withChunks(join(dirname(file), spec), seen);
  return seen;
}
const elements = existsSync(join(dist, 'elements'))
  ? readdirSync(join(dist, 'elements')).filter((f) => f.endsWith('.js')).sort().map((f) => join(dist, 'elements', f))
  : [];
const files = [join(dist, 'plaza.classic.js'), join(dist, 'index.js'), join(dist, 'define.js'), ...elements].filter((f) => existsSync(f));
const rows = files.map((file) => {
  const bytes = Buffer.concat([...withChunks(file)].map((f) => readFileSync(f)));
  return { file: relative(root, file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliOf(bytes) };
});
const header = ['file (with its chunks)', 'raw', 'gzip', 'brotli'];
const width = Math.max(...rows.map((r) => r.file.length), header[0].length);
const line = (/** @type {Array<string | number>} */ cells) => console.log(String(cells[0]).padEnd(width), ...cells.slice(1).map((c) => String(c).padStart(8)));
line(header);
for (const r of rows) line([r.file, r.raw, r.gzip, r.brotli]);

const chunksOf = pageChunks(root);
const WAVE_1 = ['plaza-reactions', 'plaza-comments', 'plaza-comment-count', 'plaza-person', 'plaza-profile-card', 'plaza-activity-feed', 'plaza-config'];
const page = (/** @type {string[]} */ tags) => {
  const bytes = chunksOf(tags).map((file) => readFileSync(join(dist, file)));
  return { files: bytes.length, brotli: bytes.reduce((sum, b) => sum + brotliOf(b), 0) };
};
const loader = { files: 1, brotli: brotliOf(readFileSync(join(dist, 'plaza.js'))) };
const reactionsPage = page(['plaza-reactions']);
const allPage = page(WAVE_1);
const classic = rows.find((r) => r.file === 'dist/plaza.classic.js')?.brotli ?? null;
// Pages that show what people wrote (comments, the feed) load DOMPurify only in browsers without the
// Sanitizer API (decision 182): counted apart, since the pages above are what a browser with it loads.
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const purifyFile = manifest['src/core/purify.ts']?.file;
const purify = purifyFile ? brotliOf(readFileSync(join(dist, purifyFile))) : null;

console.log(`\nA page with dist/plaza.js (the brotli of each file it loads, summed; German messages):`);
const checks = [
  { name: 'dist/plaza.js, the loader alone', ...loader, limit: budget.loaderBrotli },
  { name: 'a page with only <plaza-reactions>', ...reactionsPage, limit: budget.reactionsPageBrotli, goal: budget.reactionsPageGoal },
  { name: 'a page with every wave-1 element', ...allPage, limit: budget.allElementsPageBrotli, goal: budget.allElementsPageGoal },
];
for (const c of checks) {
  const verdict = c.brotli <= c.limit ? 'within its limit of' : 'is OVER its limit of';
  const goal = c.goal === undefined ? '' : ` (goal ${c.goal} B${c.brotli <= c.goal ? ', met' : `, ${c.brotli - c.goal} B to go`})`;
  console.log(`${c.name} (${c.files} file${c.files === 1 ? '' : 's'}): ${c.brotli} B brotli ${verdict} ${c.limit} B${goal}.`);
}
if (purify !== null) console.log(`In browsers without the Sanitizer API, pages with comments or a feed also load DOMPurify (${purifyFile}): ${purify} B more (every wave-1 element: ${allPage.brotli + purify} B).`);
if (classic !== null) console.log(`For comparison, every element in one file (dist/plaza.classic.js): ${classic} B.`);
const ok = checks.every((c) => c.brotli <= c.limit);
if (!ok) console.log('Over a limit (bench/size-budget.json; decision 44 says when a limit may move).');
console.log(
  JSON.stringify({
    bench: 'size',
    loaderBrotli: loader.brotli,
    loaderBudget: budget.loaderBrotli,
    reactionsPageBrotli: reactionsPage.brotli,
    reactionsPageFiles: reactionsPage.files,
    reactionsPageBudget: budget.reactionsPageBrotli,
    reactionsPageGoal: budget.reactionsPageGoal,
    allElementsPageBrotli: allPage.brotli,
    allElementsPageFiles: allPage.files,
    allElementsPageBudget: budget.allElementsPageBrotli,
    allElementsPageGoal: budget.allElementsPageGoal,
    purifyBrotli: purify,
    classicBrotli: classic,
    ok,
  }),
);
process.exit(ok ? 0 : 1);
