import { defineConfig, type LibraryOptions } from 'vite';
import { fileURLToPath } from 'node:url';
import { ELEMENT_ENTRIES } from './build/elements.ts';
import { minifyLitCssPlugin } from './build/minify-lit-css.ts';

/**
 * Library builds into dist/:
 * - default mode: `plaza.js`, the one script a page loads. Lit and DOMPurify are
 *   inside it so a page needs no import map and makes no second request.
 * - `--mode modules`: side-effect-free class modules per element plus `define.js`,
 *   for people who bundle Plaza themselves; dependencies stay external so their
 *   bundler can share one Lit with the rest of their app.
 * - `--mode classic`: `plaza.classic.js`, the same elements for a classic `<script src>` (old
 *   templates, tag managers): one immediately invoked function, no exports, no AMD wrapper.
 * - `--mode lazy`: `plaza.lazy.js`, the opt-in loader (decision 126) that imports each element's
 *   code from `chunks/` the first time its tag appears, and `.vite/manifest.json`, from which
 *   bench/size.mjs tells which chunks a page loads.
 */
const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig(({ mode }) => {
  const modules = mode === 'modules';
  const classic = mode === 'classic';
  const lazy = mode === 'lazy';
  const lib: LibraryOptions = modules
    ? {
        entry: {
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
      : lazy
        ? { entry: { 'plaza.lazy': src('lazy.ts') }, formats: ['es'] }
        : { entry: { plaza: src('index.ts') }, formats: ['es'] };
  return {
    publicDir: false,
    // The CSS in Lit's css`` templates is minified at build time (build/minify-lit-css.ts).
    plugins: [minifyLitCssPlugin()],
    build: {
      target: 'es2022',
      emptyOutDir: !modules && !classic && !lazy,
      sourcemap: true,
      minify: true,
      lib,
      // dist/.vite/manifest.json: bench/size.mjs reads from it which chunks each element pulls in.
      manifest: lazy,
      rolldownOptions: modules
        ? { external: [/^lit/, /^@lit\//, 'dompurify'], output: { chunkFileNames: 'chunks/[name]-[hash].js' } }
        : // Vite keeps whitespace in ES library builds; plaza.js is served as is, so minify it fully.
          {
            output: {
              // plaza.js and plaza.classic.js are one file each. plaza.lazy.js is the loader: each
              // element's module is split off, and what three or more share goes in one core chunk,
              // all content-hashed under chunks/ (served immutable, decision 128).
              codeSplitting: lazy ? { groups: [{ name: 'core', minShareCount: 3 }] } : false,
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
