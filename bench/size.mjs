// Bundle-size budget: raw, gzip and brotli bytes of what a page or a bundler loads from
// dist/, and a failure when dist/plaza.js (the one script a page loads) outgrows its budget.
// Ends with one JSON line for tools that track the numbers over time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const budget = JSON.parse(readFileSync(join(root, 'bench/size-budget.json'), 'utf8'));

if (!existsSync(join(dist, 'plaza.js'))) {
  console.error('dist/plaza.js is missing: run `npm run build` first.');
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

const plazaBrotli = /** @type {{ brotli: number }} */ (rows[0]).brotli;
const ok = plazaBrotli <= budget.plazaBrotli;
console.log(
  ok
    ? `dist/plaza.js: ${plazaBrotli} B brotli, within its budget of ${budget.plazaBrotli} B (goal ${budget.goal} B).`
    : `dist/plaza.js: ${plazaBrotli} B brotli is over its budget of ${budget.plazaBrotli} B (bench/size-budget.json).`,
);
console.log(JSON.stringify({ bench: 'size', plazaBrotli, budget: budget.plazaBrotli, ok }));
process.exit(ok ? 0 : 1);
