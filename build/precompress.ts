/**
 * After `vite build`: writes `name.br` and `name.gz` beside every text file in
 * dist/ (decision 90), so the server (server/library-files.ts), nginx's
 * `gzip_static`/`brotli_static` or Apache's rewrite rules send them as they are,
 * at the best compression, without compressing per request. Source maps are
 * left alone: only developer tools load them.
 *
 *   tsx build/precompress.ts [folder]     (default: dist)
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What a browser fetches from dist/ as text (server/library-files.ts serves the copies for the same). */
const TEXT = /\.(?:js|mjs|css|json|svg|html)$/;

export interface Compressed {
  file: string;
  bytes: number;
  brotli: number;
  gzip: number;
}

export function precompress(folder: string): Compressed[] {
  const done: Compressed[] = [];
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const file = join(folder, entry);
    if (!TEXT.test(entry) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    // A copy that saves nothing is not written (and one from an earlier build is removed): the server then sends the file.
    for (const [suffix, copy] of [['.br', brotli], ['.gz', gzip]] as const) {
      if (copy.length < bytes.length) writeFileSync(file + suffix, copy);
      else rmSync(file + suffix, { force: true });
    }
    done.push({ file: entry, bytes: bytes.length, brotli: brotli.length, gzip: gzip.length });
  }
  return done;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2] ?? 'dist';
  const done = precompress(folder);
  const total = (key: 'bytes' | 'brotli' | 'gzip') => done.reduce((sum, c) => sum + c[key], 0);
  console.log(`precompressed ${done.length} files in ${folder}/: ${total('bytes')} B → ${total('brotli')} B brotli, ${total('gzip')} B gzip`);
}
