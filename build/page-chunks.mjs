// Which files a page loads from dist/ for the Plaza tags on it (decision 126): plaza.lazy.js (the
// lazy loader), the page language's core messages, the chunk that links it to the elements (the one holding
// src/elements/loader-link.ts, told by source maps), and each tag's chunk with every chunk it
// imports, transitively, with the messages in the page's language that those chunks load (decisions 180, 222: `chunks/<lang>-…`), as the build's manifest (dist/.vite/manifest.json) lists them.
// Plain JavaScript so that bench/size.mjs (node) and the tests (tsx) share it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} root the checkout (holds src/registry.ts and dist/)
 * @returns {(tags: readonly string[], lang?: 'de' | 'en') => string[]} the files under dist/ a page with those tags (in German unless told) loads
 */
export function pageChunks(root) {
  const dist = join(root, 'dist');
  /** @type {Record<string, { file: string, imports?: string[] }>} */
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const keyOfFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));

  // Tag → its class module, from the list the loader loads from.
  const registry = readFileSync(join(root, 'src', 'registry.ts'), 'utf8');
  const sources = new Map([...registry.matchAll(/'(plaza-[\w-]+)': \(\) => import\('\.\/([\w/.-]+\.ts)'\)/g)].map((m) => [m[1], `src/${m[2]}`]));

  const linkFile = Object.values(manifest)
    .map((chunk) => chunk.file)
    .find((file) => JSON.parse(readFileSync(join(dist, `${file}.map`), 'utf8')).sources.some((/** @type {string} */ s) => s.endsWith('src/elements/loader-link.ts')));
  const linkKey = linkFile && keyOfFile.get(linkFile);
  if (!linkKey) throw new Error('no chunk holds src/elements/loader-link.ts');

  /** The key of the chunk holding a language's core messages, `chunks/<lang>-core-<hash>.js` (decision 222). */
  const coreMessages = (/** @type {string} */ lang) => {
    const key = Object.keys(manifest).find((k) => new RegExp(`^chunks/${lang}-core-[\\w-]{8}\\.js$`).test(manifest[k].file));
    if (!key) throw new Error(`no chunk holds the ${lang} core messages`);
    return key;
  };

  /**
   * Adds the chunk of `key` and every chunk it imports; with `lang`, also the message modules of
   * that language any of them asks for (an element's own messages, decision 180).
   * @param {string} key @param {Set<string>} seen @param {string} [lang]
   */
  const withImports = (key, seen, lang) => {
    if (seen.has(manifest[key].file)) return;
    seen.add(manifest[key].file);
    for (const imported of manifest[key].imports ?? []) withImports(imported, seen, lang);
    for (const later of manifest[key].dynamicImports ?? []) if (lang && manifest[later].file.startsWith(`chunks/${lang}-`)) withImports(later, seen);
  };

  return (tags, lang = 'de') => {
    const files = new Set();
    withImports('src/lazy.ts', files);
    // The page's language: its core messages, loaded beside the first element (decision 131).
    withImports(coreMessages(lang), files);
    withImports(linkKey, files);
    for (const tag of tags) {
      const source = sources.get(tag);
      if (!source) throw new Error(`src/registry.ts does not load ${tag}`);
      withImports(source, files, lang);
    }
    return [...files];
  };
}
