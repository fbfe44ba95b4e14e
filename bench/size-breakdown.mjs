// Where a page's brotli bytes come from, per source module (issue 18's size goals). Reads the
// loader build's chunks and their source maps (dist/chunks/*.js.map), gives every minified byte
// to the source the map names for it, and reports per module: its minified bytes, the brotli of
// its bytes alone, and what it costs in its chunk (the chunk's brotli minus the brotli of the
// chunk with that module's bytes cut out). The last figure is the one that says what removing
// the module would save; modules whose code repeats elsewhere in the chunk cost less than alone.
//
//   npm run build && npm run bench:size-breakdown [-- --page all|reactions] [--top N]
//
// The page is the reactions-only page unless told (`all`: every wave-1 element, as bench/size.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { pageChunks } from '../build/page-chunks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const arg = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
};
const WAVE_1 = ['plaza-reactions', 'plaza-comments', 'plaza-comment-count', 'plaza-person', 'plaza-profile-card', 'plaza-activity-feed', 'plaza-config'];
const pageName = arg('page', 'reactions');
const top = Number(arg('top', '25'));
const tags = pageName === 'all' ? WAVE_1 : ['plaza-reactions'];

const brotliOf = (/** @type {Buffer} */ bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
/** Decodes one segment's VLQ fields. @param {string} segment */
function vlq(segment) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = B64.get(c) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/**
 * The source of every byte of a chunk: an array as long as the code, each entry an index into
 * `sources` or -1 (bytes the bundler wrote itself: the chunk's imports and exports).
 * @param {string} code @param {{ sources: string[], mappings: string }} map
 */
function ownersOf(code, map) {
  const owner = new Int32Array(code.length).fill(-1);
  let source = 0;
  let offset = 0;
  const lines = map.mappings.split(';');
  for (let line = 0; line < lines.length; line++) {
    const lineStart = offset;
    const lineEnd = code.indexOf('\n', lineStart) < 0 ? code.length : code.indexOf('\n', lineStart) + 1;
    let column = 0;
    /** @type {Array<[number, number]>} column, source (-1 for an unmapped segment) */
    const segments = [];
    for (const segment of lines[line] ? lines[line].split(',') : []) {
      const f = vlq(segment);
      column += f[0];
      if (f.length >= 4) source += f[1];
      segments.push([column, f.length >= 4 ? source : -1]);
    }
    for (let s = 0; s < segments.length; s++) {
      const from = lineStart + segments[s][0];
      const to = s + 1 < segments.length ? lineStart + segments[s + 1][0] : lineEnd;
      owner.fill(segments[s][1], from, Math.min(to, lineEnd));
    }
    offset = lineEnd;
  }
  return owner;
}

const sourceName = (/** @type {string} */ file, /** @type {string} */ source) => {
  const path = relative(root, join(dist, dirname(file), source)).replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  return pkg ? `${pkg[1]} (${path.slice(path.indexOf(pkg[1]) + pkg[1].length + 1)})` : path;
};

const files = pageChunks(root)(tags);
let pageBrotli = 0;
/** @type {Array<{ chunk: string, module: string, raw: number, alone: number, cost: number }>} */
const rows = [];
for (const file of files) {
  const code = readFileSync(join(dist, file), 'utf8');
  const bytes = Buffer.from(code);
  const whole = brotliOf(bytes);
  pageBrotli += whole;
  let map;
  try {
    map = JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8'));
  } catch {
    rows.push({ chunk: file, module: '(no source map)', raw: bytes.length, alone: whole, cost: whole });
    continue;
  }
  const owner = ownersOf(code, map);
  const indices = new Set(owner);
  for (const index of indices) {
    const kept = [];
    const own = [];
    for (let k = 0; k < code.length; k++) (owner[k] === index ? own : kept).push(code[k]);
    rows.push({
      chunk: file,
      module: index < 0 ? '(bundler: imports, exports, wrappers)' : sourceName(file, map.sources[index]),
      raw: Buffer.byteLength(own.join('')),
      alone: brotliOf(Buffer.from(own.join(''))),
      cost: whole - brotliOf(Buffer.from(kept.join(''))),
    });
  }
}

rows.sort((a, b) => b.cost - a.cost);
const width = Math.min(70, Math.max(...rows.map((r) => r.module.length)));
const line = (/** @type {Array<string | number>} */ c) => console.log(String(c[0]).slice(0, width).padEnd(width), ...c.slice(1, 4).map((x) => String(x).padStart(7)), ' ', c[4]);
console.log(`${pageName === 'all' ? 'Every wave-1 element' : 'Only <plaza-reactions>'}: ${files.length} files, ${pageBrotli} B brotli (each file apart, summed).`);
line(['module', 'raw', 'alone', 'cost', 'chunk']);
for (const r of rows.slice(0, top)) line([r.module, r.raw, r.alone, r.cost, r.chunk.replace(/^chunks\//, '')]);
if (rows.length > top) console.log(`… ${rows.length - top} more (--top N shows more).`);
// By package or top folder: where to look first.
/** @type {Map<string, number>} */
const groups = new Map();
for (const r of rows) {
  const group = r.module.startsWith('src/') ? r.module.split('/').slice(0, 3).join('/').replace(/\.ts$/, '') : r.module.replace(/ \(.*$/, '');
  groups.set(group, (groups.get(group) ?? 0) + r.cost);
}
console.log('\nCost by package or folder (cost summed; cut-out costs overlap, so the sum is not the page):');
for (const [group, cost] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(cost).padStart(7)}  ${group}`);
