// `cem analyze` (the last part of `npm run build`) writes dist/custom-elements.json, the
// element reference that editors and Storybook read, from the JSDoc in the element sources.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/*.d.ts'],
  outdir: 'dist',
  litelement: true,
  // The analyser would otherwise rewrite package.json's "customElements" on every build.
  packagejson: false,
};
