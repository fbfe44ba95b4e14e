// Bundle-size budget: the brotli bytes of script a page loads, per page, and a failure when a
// page outgrows its budget (bench/size-budget.json). plaza.js is the lazy loader (decision 126):
// a page loads it, then each element's chunk and what that chunk imports, transitively, and the
// chunk that links the loader to the elements. The budgeted pages: one with only
// <plaza-reactions>, and one with every wave-1 element. Also shown: each element alone, the
// bundlers' modules and plaza.classic.js. Ends with one JSON line for tools that track the numbers.
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

const chunksOf = pageChunks(root);
const WAVE_1 = ['plaza-reactions', 'plaza-comments', 'plaza-comment-count', 'plaza-person', 'plaza-profile-card', 'plaza-activity-feed', 'plaza-config'];
const pageFiles = (/** @type {string[]} */ tags) => chunksOf(tags).map((file) => join(dist, file));

// The bundlers' per-element modules re-export shared chunks: each counts with the chunks it
// imports (relative imports only; lit and dompurify stay external there).
/** @param {string} file @param {Set<string>} [seen] @returns {Set<string>} */
function withRelativeImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) withRelativeImports(join(dirname(file), spec), seen);
  return seen;
}

function measure(/** @type {string} */ name, /** @type {string[]} */ files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  // Each file travels compressed on its own, so the page's weight is the sum of each file's brotli.
  const brotli = files.reduce(
    (sum, f) => {
      const file = readFileSync(f);
      return sum + brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: file.length } }).length;
    },
    0,
  );
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return { name, files: files.length, raw: bytes.length, gzip, brotli };
}

const reactionsPage = measure('page: <plaza-reactions> only', pageFiles(['plaza-reactions']));
const allPage = measure('page: every wave-1 element', pageFiles(WAVE_1));
const rows = [
  reactionsPage,
  allPage,
  ...WAVE_1.filter((tag) => tag !== 'plaza-reactions').map((tag) => measure(`page: <${tag}> only`, pageFiles([tag]))),
  measure('dist/plaza.js (the loader alone)', [join(dist, 'plaza.js')]),
  ...['define.js', ...readdirSync(join(dist, 'elements')).filter((f) => f.endsWith('.js')).sort().map((f) => `elements/${f}`), 'plaza.classic.js']
    .map((f) => join(dist, f))
    .filter((f) => existsSync(f))
    .map((f) => measure(`${relative(root, f)} (with its chunks)`, [...withRelativeImports(f)])),
];

const header = ['what (files)', 'raw', 'gzip', 'brotli'];
const width = Math.max(...rows.map((r) => r.name.length + 5), header[0].length);
const line = (/** @type {Array<string | number>} */ cells) => console.log(String(cells[0]).padEnd(width), ...cells.slice(1).map((c) => String(c).padStart(8)));
line(header);
for (const r of rows) line([`${r.name} (${r.files})`, r.raw, r.gzip, r.brotli]);
console.log('\nWhat each chunk a page may load weighs (brotli):');
for (const file of pageFiles(WAVE_1)) console.log(`  ${relative(dist, file).padEnd(40)} ${measure('', [file]).brotli}`);

const checks = [
  { name: 'reactions-only page', brotli: reactionsPage.brotli, limit: budget.reactionsPageBrotli, goal: budget.reactionsPageGoal },
  { name: 'all-elements page', brotli: allPage.brotli, limit: budget.allElementsPageBrotli, goal: budget.allElementsPageGoal },
];
console.log('');
for (const c of checks) {
  const verdict = c.brotli <= c.limit ? 'within its budget of' : 'is OVER its budget of';
  console.log(`${c.name}: ${c.brotli} B brotli ${verdict} ${c.limit} B (goal ${c.goal} B${c.brotli <= c.goal ? ', met' : `, ${c.brotli - c.goal} B to go`}).`);
}
const ok = checks.every((c) => c.brotli <= c.limit);
if (!ok) console.log('A page outgrew its budget (bench/size-budget.json; decision 44 says when a limit may move).');
console.log(
  JSON.stringify({
    bench: 'size',
    reactionsPageBrotli: reactionsPage.brotli,
    reactionsPageBudget: budget.reactionsPageBrotli,
    reactionsPageGoal: budget.reactionsPageGoal,
    allElementsPageBrotli: allPage.brotli,
    allElementsPageBudget: budget.allElementsPageBrotli,
    allElementsPageGoal: budget.allElementsPageGoal,
    loaderBrotli: /** @type {{ brotli: number }} */ (rows.find((r) => r.name.startsWith('dist/plaza.js'))).brotli,
    ok,
  }),
);
process.exit(ok ? 0 : 1);
