import { posix } from 'node:path';
import { RolldownMagicString, type RenderedChunk, type SourceMapInput } from 'rolldown';
import type { Plugin } from 'vite';

/** The language of a built-in message module (`src/core/messages/<lang>/<part>.ts`, decision 180), else undefined. */
export function messageLanguageOf(moduleId: string | null | undefined): 'de' | 'en' | undefined {
  return /[\\/]messages[\\/](de|en)[\\/][\w-]+\.ts$/.exec(moduleId ?? '')?.[1] as 'de' | 'en' | undefined;
}

/** The language of a chunk of built-in messages (its modules are all of one language's parts: decision 222), else undefined. */
function chunkLanguageOf(chunk: RenderedChunk): 'de' | 'en' | undefined {
  const languages = new Set(chunk.moduleIds.map(messageLanguageOf));
  return languages.size === 1 ? [...languages][0] : undefined;
}

/**
 * The loader (`plaza.js`) imports an element's chunk with `import()`; the browser learns which
 * chunks that one imports (core, shared, …) only once it has fetched and parsed it, and the
 * element's messages only once it runs: three or four round trips one after another where the
 * one-file `plaza.js` had one (issue 18). Vite's own preloading is off in library mode.
 *
 * This plugin rewrites each `import("./chunks/x.js")` in an entry chunk whose target has a module
 * of its own (an element's chunk, not a shared one) into
 * `__plazaPreload(import("./chunks/x.js"), [its static imports, transitively], [German messages], [English messages])`:
 * the chunks it will import start at once and resolve to the same module instances (one module
 * map per page, keyed by URL), and so do the messages it and its chunks load in the page's language.
 * The `import()` stays where it was, so the source map still points at src/registry.ts; the
 * rewrite is done in `renderChunk`, whose maps Rolldown composes with the minifier's.
 */
export function preloadChunks(): Plugin {
  return {
    name: 'plaza-preload-chunks',
    renderChunk(code, chunk, _options, { chunks }) {
      if (!chunk.isEntry) return null;
      const byFile = new Map(Object.values(chunks).map((c) => [c.fileName, c]));
      const here = posix.dirname(chunk.fileName);
      const s = new RolldownMagicString(code);
      // Rolldown writes each import() of a chunk as `import("./…")`, the file name holding a hash placeholder.
      for (const match of code.matchAll(/\bimport\("(\.\.?\/[^"]+)"\)/g)) {
        const target = byFile.get(posix.join(here, match[1]!));
        if (!target?.facadeModuleId) continue;
        const { imports, messages } = preloadsOf(target, byFile);
        if (!imports.length && !messages.length) continue;
        const url = (c: RenderedChunk) => JSON.stringify(`./${posix.relative(here, c.fileName)}`);
        const list = (cs: RenderedChunk[]) => `[${cs.map(url).join(', ')}]`;
        const inLanguage = (lang: string) => list(messages.filter((c) => chunkLanguageOf(c) === lang));
        s.prependLeft(match.index, '__plazaPreload(');
        s.appendRight(match.index + match[0].length, `, ${list(imports)}, ${inLanguage('de')}, ${inLanguage('en')})`);
      }
      if (!s.hasChanged()) return null;
      s.prepend(PRELOAD_HELPER);
      // As plain JSON: Rolldown takes no map object of its own kind back here; hires, so columns stay right.
      return { code: s.toString(), map: JSON.parse(s.generateMap({ hires: true }).toString()) as SourceMapInput };
    },
  };
}

/**
 * Run in the browser (it goes into `plaza.js` as written, the minifier shortens it). The page's
 * language is the one the loader has always guessed first (decision 131): `<html lang>`, else the
 * browser's; English for any language but German, as English is the base of every other (i18n.ts).
 * Only a head start: each element loads the language it speaks itself and says when that fails,
 * so a failed head start is not reported twice. A chunk the element imports fails its import too,
 * so those go into `Promise.all` and are reported with it by the loader.
 */
const PRELOAD_HELPER = `function __plazaPreload(element, chunks, de, en) {
	for (const messages of /^de\\b/i.test(document.documentElement.lang || navigator.language) ? de : en) import(messages).catch(() => {});
	return Promise.all([element, ...chunks.map((chunk) => import(chunk))]).then(([module]) => module);
}
`;

/** The chunks `chunk` imports statically, transitively, and the message chunks any of them (or it) imports dynamically. */
function preloadsOf(chunk: RenderedChunk, byFile: ReadonlyMap<string, RenderedChunk>): { imports: RenderedChunk[]; messages: RenderedChunk[] } {
  const seen = new Set<RenderedChunk>();
  const messages = new Set<RenderedChunk>();
  const visit = (c: RenderedChunk) => {
    if (seen.has(c)) return;
    seen.add(c);
    for (const file of c.dynamicImports) {
      const later = byFile.get(file);
      if (later && chunkLanguageOf(later)) messages.add(later);
    }
    for (const file of c.imports) visit(byFile.get(file)!);
  };
  visit(chunk);
  seen.delete(chunk);
  return { imports: [...seen], messages: [...messages] };
}
