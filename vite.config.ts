import { defineConfig, type LibraryOptions, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { ELEMENT_ENTRIES } from './build/elements.ts';
import { minifyLitCssPlugin } from './build/minify-lit-css.ts';

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
    plugins: [minifyLitCssPlugin(), ...(loader ? [previewAlias()] : [])],
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
              // off, and what three or more share goes in one core chunk, all content-hashed under
              // chunks/ (served immutable, decision 128).
              codeSplitting: loader ? { groups: [{ name: 'core', minShareCount: 3 }] } : false,
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
