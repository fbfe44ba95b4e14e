import { defineConfig, type Plugin } from 'vite';

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
  plugins: [litAsPagesGetIt()],
  resolve: {
    // One copy of each Lit package, whoever imports it (the elements, @lit/context, Storybook's
    // web-components renderer): otherwise a story may warn "Multiple versions of Lit loaded".
    dedupe: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context'],
  },
  build: { target: 'es2022' },
});

/**
 * Lit's production build in `npm run storybook` too, as pages get it from
 * dist/: without this every story logs "Lit is in dev mode" (Vite resolves
 * the `development` export condition while serving). Storybook's own config
 * plugin adds Vite's default conditions, `development|production` among
 * them, and Vite concatenates condition lists, so the choice is made last
 * (`enforce: 'post'`), on the merged list, and covers the dependency
 * optimiser, which resolves with the same conditions.
 */
function litAsPagesGetIt(): Plugin {
  return {
    name: 'plaza:production-conditions',
    enforce: 'post',
    config(config) {
      const conditions = config.resolve?.conditions ?? [];
      config.resolve ??= {};
      config.resolve.conditions = [
        ...new Set(conditions.filter((condition) => condition !== 'development').map((condition) => (condition === 'development|production' ? 'production' : condition))),
      ];
    },
  };
}
