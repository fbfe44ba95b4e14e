import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { REFERRER_POLICY } from './middleware/response-headers.ts';

/**
 * `/dist/*`: the built library, as a CDN would serve it (decision 90). The build
 * writes `name.js.br` and `name.js.gz` beside each file (build/precompress.ts);
 * the browser's `Accept-Encoding` picks one, so nothing is compressed per
 * request. Files under `chunks/` carry their content's hash in their name and
 * never change, so browsers keep them for a year; every other file (`plaza.js`,
 * `define.js`, `elements/*.js`, whatever else a build adds) keeps its address
 * across releases and is revalidated (`no-cache` with an ETag: a 304 costs a
 * round trip, never a download).
 *
 * The library is fetched cross-origin by intranet pages on other hosts (module
 * scripts use CORS), so it is public: `*`, no credentials.
 */
export function libraryFiles(distRoot: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const relative = safeRelativePath(c.req.path.slice('/dist/'.length));
    if (!relative) return next();
    const path = join(distRoot, relative);
    const original = await regularFile(path);
    if (!original) return next();

    const type = getMimeType(path) ?? 'application/octet-stream';
    const compressible = COMPRESSIBLE.test(type);
    let file = path;
    let size = original.size;
    let encoding: Encoding | undefined;
    if (compressible) {
      for (const candidate of acceptedEncodings(c.req.header('accept-encoding'))) {
        const variant = await regularFile(path + SUFFIX[candidate]);
        // A copy older than its file is from a previous build that was not compressed again: never serve stale code.
        if (variant && variant.mtimeMs >= original.mtimeMs) {
          file = path + SUFFIX[candidate];
          size = variant.size;
          encoding = candidate;
          break;
        }
      }
    }

    const headers = new Headers({
      'Cache-Control': relative.startsWith('chunks/') ? IMMUTABLE : REVALIDATE,
      ETag: `"${original.size.toString(36)}-${Math.trunc(original.mtimeMs).toString(36)}${encoding ? `-${encoding}` : ''}"`,
      'Last-Modified': original.mtime.toUTCString(),
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Referrer-Policy': REFERRER_POLICY,
    });
    if (compressible) headers.set('Vary', 'Accept-Encoding');
    if (notModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), headers.get('ETag')!, original)) {
      return new Response(null, { status: 304, headers });
    }
    headers.set('Content-Type', type);
    headers.set('Content-Length', String(size));
    if (encoding) headers.set('Content-Encoding', encoding);
    // Whole files in memory: the largest (a source map) is a few hundred KB, and a page loads each once a release.
    return new Response(c.req.method === 'HEAD' ? null : await readFile(file), { status: 200, headers });
  };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'public, no-cache';

type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
/** Text the build compresses (build/precompress.ts compresses the same extensions). */
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json)|image\/svg\+xml)/;

/** `br` before `gzip` (smaller) unless the browser ranks them otherwise; `q=0` refuses. */
function acceptedEncodings(header: string | undefined): Encoding[] {
  if (!header) return [];
  const ranked: Array<{ encoding: Encoding; q: number; order: number }> = [];
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    if ((name === 'br' || name === 'gzip') && q > 0) ranked.push({ encoding: name, q, order: name === 'br' ? 0 : 1 });
  }
  return ranked.sort((a, b) => b.q - a.q || a.order - b.order).map((r) => r.encoding);
}

/** The path below `dist/`, or undefined for anything that could leave it (`..`, backslashes, empty segments, NUL). */
function safeRelativePath(raw: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/');
  if (decoded.includes('\\') || decoded.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return segments.join('/');
}

async function regularFile(path: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; HTTP dates have whole seconds. */
function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, etag: string, stats: Stats): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t === etag || t === `W/${etag}`;
    });
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.trunc(stats.mtimeMs / 1000) * 1000 <= since;
}
