// Bundle-size budget: raw, gzip and brotli bytes of what a page or a bundler loads from
// dist/, and a failure when dist/plaza.js (the one script a page loads) outgrows its budget.
// Then the opt-in lazy loader, dist/plaza.lazy.js (decision 126), per page: what a page with only
// <plaza-reactions>, and one with every wave-1 element, loads with it, each with its own limit.
// Ends with one JSON line for tools that track the numbers over time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pageChunks } from '../build/page-chunks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'bench/size-budget.json'), 'utf8'));

if (!existsSync(join(dist, 'plaza.js')) || !existsSync(join(dist, 'plaza.lazy.js')) || !existsSync(join(dist, '.vite', 'manifest.json'))) {
  console.error('dist/plaza.js, dist/plaza.lazy.js or its manifest (dist/.vite/manifest.json) is missing: run `npm run build` first.');
  process.exit(1);
}

const elements = existsSync(join(dist, 'elements'))
  ? readdirSync(join(dist, 'elements')).filter((f) => f.endsWith('.js')).sort().map((f) => join(dist, 'elements', f))
  : [];
// plaza.js first: the budget is its figure alone. plaza.classic.js (the same elements for classic
// scripts) is shown, not budgeted: a page loads one or the other, never both.
const files = [join(dist, 'plaza.js'), join(dist, 'define.js'), ...elements, join(dist, 'plaza.classic.js')].filter((f) => existsSync(f));

// The per-element modules are thin re-exports of shared chunks, so each row counts the file
// plus every chunk it imports (relative imports only: lit and dompurify stay external there).
/** @param {string} file @param {Set<string>} [seen] @returns {Set<string>} */
function withChunks(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) withChunks(join(dirname(file), spec), seen);
  return seen;
}

const rows = files.map((file) => {
  const bytes = Buffer.concat([...withChunks(file)].map((f) => readFileSync(f)));
  return {
    file: relative(root, file),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
});

const header = ['file (with its chunks)', 'raw', 'gzip', 'brotli'];
const width = Math.max(...rows.map((r) => r.file.length), header[0].length);
const line = (/** @type {Array<string | number>} */ cells) => console.log(String(cells[0]).padEnd(width), ...cells.slice(1).map((c) => String(c).padStart(8)));
line(header);
for (const r of rows) line([r.file, r.raw, r.gzip, r.brotli]);

// With plaza.lazy.js a page loads the loader, then each of its tags' chunks with what they
// import (build/page-chunks.mjs). Each file travels compressed on its own, so a page's weight is
// the sum of each file's brotli, not the brotli of them all together.
const brotliOf = (/** @type {Buffer} */ bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
const chunksOf = pageChunks(root);
const WAVE_1 = ['plaza-reactions', 'plaza-comments', 'plaza-comment-count', 'plaza-person', 'plaza-profile-card', 'plaza-activity-feed', 'plaza-config'];
const lazyPage = (/** @type {string[]} */ tags) => {
  const files = chunksOf(tags).map((file) => readFileSync(join(dist, file)));
  return { files: files.length, brotli: files.reduce((sum, bytes) => sum + brotliOf(bytes), 0) };
};
const reactionsPage = lazyPage(['plaza-reactions']);
const allPage = lazyPage(WAVE_1);
const loaderBrotli = brotliOf(readFileSync(join(dist, 'plaza.lazy.js')));
console.log(`\ndist/plaza.lazy.js, the opt-in loader, alone: ${loaderBrotli} B brotli. Budgets (a page's files, the brotli of each summed):`);

const plazaBrotli = /** @type {{ brotli: number }} */ (rows[0]).brotli;
const checks = [
  { name: 'dist/plaza.js', files: 1, brotli: plazaBrotli, limit: budget.plazaBrotli, goal: budget.goal },
  { name: 'plaza.lazy.js, <plaza-reactions> only', ...reactionsPage, limit: budget.lazyReactionsPageBrotli, goal: budget.lazyReactionsPageGoal },
  { name: 'plaza.lazy.js, every wave-1 element', ...allPage, limit: budget.lazyAllElementsPageBrotli, goal: budget.lazyAllElementsPageGoal },
];
for (const c of checks) {
  const verdict = c.brotli <= c.limit ? 'within its budget of' : 'is OVER its budget of';
  console.log(`${c.name} (${c.files} file${c.files === 1 ? '' : 's'}): ${c.brotli} B brotli ${verdict} ${c.limit} B (goal ${c.goal} B${c.brotli <= c.goal ? ', met' : `, ${c.brotli - c.goal} B to go`}).`);
}
const ok = checks.every((c) => c.brotli <= c.limit);
if (!ok) console.log('Over a budget (bench/size-budget.json; decision 44 says when a limit may move).');
console.log(
  JSON.stringify({
    bench: 'size',
    plazaBrotli,
    budget: budget.plazaBrotli,
    lazyLoaderBrotli: loaderBrotli,
    lazyReactionsPageBrotli: reactionsPage.brotli,
    lazyReactionsPageFiles: reactionsPage.files,
    lazyReactionsPageBudget: budget.lazyReactionsPageBrotli,
    lazyReactionsPageGoal: budget.lazyReactionsPageGoal,
    lazyAllElementsPageBrotli: allPage.brotli,
    lazyAllElementsPageFiles: allPage.files,
    lazyAllElementsPageBudget: budget.lazyAllElementsPageBrotli,
    lazyAllElementsPageGoal: budget.lazyAllElementsPageGoal,
    ok,
  }),
);
process.exit(ok ? 0 : 1);
