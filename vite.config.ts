import { defineConfig, type LibraryOptions, type Plugin } from 'vite';
import type { ChunkingContext, CodeSplittingGroup } from 'rolldown';
import { fileURLToPath } from 'node:url';
import { ELEMENT_ENTRIES } from './build/elements.ts';
import { minifyLitCssPlugin } from './build/minify-lit-css.ts';
import { messageLanguageOf, preloadChunks } from './build/preload-chunks.ts';

/**
 * Library builds into dist/:
 * - default mode: `plaza.js`, the one script a page loads: the lazy loader (src/lazy.ts, decisions
 *   126 and 133) that imports each element's code from `chunks/` the first time its tag appears,
 *   Lit and DOMPurify included (a page needs no import map); `plaza.lazy.js`, the name the loader
 *   had while it was a preview, as a one-line alias; and `.vite/manifest.json`, from which
 *   build/page-chunks.mjs tells which chunks a page loads (bench/size.mjs, the e2e tests).
 * - `--mode modules`: side-effect-free class modules per element plus `define.js`, and `index.js`
 *   (the package root: every element registered, the classes and protocol as values), for people
 *   who bundle Plaza themselves; dependencies stay external so their bundler can share one Lit
 *   with the rest of their app.
 * - `--mode classic`: `plaza.classic.js`, the same elements for a classic `<script src>` (old
 *   templates, tag managers): one immediately invoked function with every element, no exports,
 *   no AMD wrapper.
 */
const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig(({ mode }) => {
  const modules = mode === 'modules';
  const classic = mode === 'classic';
  const loader = !modules && !classic;
  const lib: LibraryOptions = modules
    ? {
        entry: {
          index: src('index.ts'),
          define: src('define.ts'),
          // One per element, from build/elements.ts (package.json's exports are checked against the same list).
          ...Object.fromEntries(ELEMENT_ENTRIES.map((element) => [`elements/${element.name}`, src(`${element.source}.ts`)])),
          // The thread-key rules, for the demo's snippet builder (and anyone checking keys before use).
          'thread-key': src('core/thread-key.ts'),
        },
        formats: ['es'],
      }
    : classic
      ? { entry: { 'plaza.classic': src('classic.ts') }, formats: ['iife'], name: 'plazaClassic', fileName: () => 'plaza.classic.js' }
      : { entry: { plaza: src('lazy.ts') }, formats: ['es'] };
  return {
    publicDir: false,
    // The CSS in Lit's css`` templates is minified at build time (build/minify-lit-css.ts).
    // The loader starts an element's chunks and messages together (build/preload-chunks.ts).
    plugins: [minifyLitCssPlugin(), ...(loader ? [previewAlias(), preloadChunks()] : [])],
    build: {
      target: 'es2022',
      emptyOutDir: loader,
      sourcemap: true,
      minify: true,
      lib,
      // dist/.vite/manifest.json: bench/size.mjs reads from it which chunks each element pulls in.
      manifest: loader,
      rolldownOptions: modules
        ? { external: [/^lit/, /^@lit\//, 'dompurify'], output: { chunkFileNames: 'chunks/[name]-[hash].js' } }
        : // Vite keeps whitespace in ES library builds; plaza.js is served as is, so minify it fully.
          {
            output: {
              // plaza.classic.js is one file. plaza.js is the loader: each element's module is split
              // off, with `core` and `shared` chunks beside them (chunkGroups), all content-hashed
              // under chunks/ (served immutable, decision 128).
              codeSplitting: loader ? { groups: chunkGroups() } : false,
              // A language's messages are `chunks/<lang>-{core,small,more}-<hash>.js` (their groups' names).
              chunkFileNames: 'chunks/[name]-[hash].js',
              minify: true,
              // No bundler reads plaza.js again, so /* @__PURE__ */ annotations are dead weight. Legal
              // comments were not kept before either (the minifier drops them without this option).
              comments: { legal: false, annotation: false, jsdoc: false },
            },
          },
    },
  };
});

/**
 * `plaza.lazy.js`, the loader's name while it was an opt-in preview (decision 126), re-exports
 * `plaza.js`: pages that adopted it keep working and share its one loader (decision 133).
 */
function previewAlias(): Plugin {
  return {
    name: 'plaza-preview-alias',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'plaza.lazy.js', source: "export * from './plaza.js';\n" });
    },
  };
}

/**
 * The loader's shared chunks (decisions 128, 181). `core` is what a reaction bar, the lightest
 * element, runs beyond its own folder (Lit, the client, realtime, messages, the base element):
 * a page with only bars loads that one shared file and nothing it does not run. What three or more
 * elements share beyond it (the people store, the clock) is `shared`; the rest Rolldown splits by
 * who imports it (the composer with DOMPurify for comments and the feed).
 */
function chunkGroups(): CodeSplittingGroup[] {
  const bar = src('elements/reactions/reactions.ts');
  // @lit/context has one entry that re-exports the provider too, which only <plaza-config> runs.
  const providerOnly = /@lit[\\/]context[\\/]lib[\\/](controllers[\\/]context-provider|value-notifier|decorators[\\/]provide)\.js$/;
  let barImports: Set<string> | undefined;
  const staticImportsOf = (entry: string, ctx: ChunkingContext): Set<string> => {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const imported of ctx.getModuleInfo(id)?.importedIds ?? []) visit(imported);
    };
    visit(entry);
    return seen;
  };
  return [
    {
      // A language's messages in three files (decision 222): what a bar says (core and the bar's
      // part), which every page with Plaza on it needs; what the small elements of lists and teasers
      // say (names, their cards, comment counts); and the rest (threads, the composer, the feed,
      // the bell). One file per element and language (decision 180) made the busy page fetch six.
      // A file holding several parts makes their namespace objects with Rolldown's runtime, which
      // Rolldown keeps in a file of its own (116 B, no group takes it): the bar page swaps its
      // second message file for it.
      name: (id) => {
        const language = messageLanguageOf(id);
        const group = /[\\/](core|reactions)\.ts$/.test(id) ? 'core' : /[\\/](person|profile-card|comment-count)\.ts$/.test(id) ? 'small' : 'more';
        return language && `${language}-${group}`;
      },
      priority: 3,
    },
    {
      name: (id, ctx) => {
        barImports ??= staticImportsOf(bar, ctx);
        return barImports.has(id) && !id.startsWith(src('elements/reactions/')) && !providerOnly.test(id) ? 'core' : null;
      },
      priority: 2,
    },
    { name: 'shared', minShareCount: 3, priority: 1 },
  ];
}
