import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Two library builds into dist/:
 * - default mode: `plaza.js`, the one script a page loads. Lit and DOMPurify are
 *   inside it so a page needs no import map and makes no second request.
 * - `--mode modules`: side-effect-free class modules per element plus `define.js`,
 *   for people who bundle Plaza themselves; dependencies stay external so their
 *   bundler can share one Lit with the rest of their app.
 */
const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig(({ mode }) => {
  const modules = mode === 'modules';
  return {
    publicDir: false,
    build: {
      target: 'es2022',
      emptyOutDir: !modules,
      sourcemap: true,
      minify: true,
      lib: modules
        ? {
            entry: {
              define: src('define.ts'),
              'elements/reactions': src('elements/reactions/reactions.ts'),
              'elements/comments': src('elements/comments/comments.ts'),
            },
            formats: ['es'],
          }
        : { entry: { plaza: src('index.ts') }, formats: ['es'] },
      rolldownOptions: modules
        ? { external: [/^lit/, /^@lit\//, 'dompurify'], output: { chunkFileNames: 'chunks/[name]-[hash].js' } }
        : // Vite keeps whitespace in ES library builds; plaza.js is served as is, so minify it fully.
          { output: { codeSplitting: false, minify: true } },
    },
  };
});
