import { defineConfig } from 'vite';

/**
 * Storybook's Vite configuration, read instead of the repository's
 * vite.config.ts, which is a library build (`build.lib`, two modes,
 * `publicDir: false`). Storybook builds an app. TypeScript, including Lit's
 * legacy decorators (`experimentalDecorators`, `useDefineForClassFields:
 * false` in tsconfig.json), is transpiled by Vite as in the library build.
 *
 * Of `build`, Storybook's builder takes only `target` from here; other build
 * options are set in main.ts (`viteFinal`).
 */
export default defineConfig({
  build: { target: 'es2022' },
});
