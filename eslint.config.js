// ESLint flat config for the whole repository. Not type-aware on purpose: `npm run typecheck`
// already runs the compiler, and without type information linting takes seconds.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores(['**/node_modules/', 'dist/', 'storybook-static/', 'data/', 'coverage/', '.tmp/', 'tmp/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Matches verbatimModuleSyntax: type-only imports are erased, value imports stay.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The browser library: Lit templates and custom-element rules.
    files: ['src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    settings: {
      lit: { elementBaseClasses: ['PlazaElement'] },
      wc: { elementBaseClasses: ['LitElement', 'PlazaElement'] },
    },
  },
  {
    files: ['src/**', 'test/core/**', 'test/elements/**', 'test/support/browser/**', 'stories/**', 'demo/**', 'bench/browser/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['test/core/**', 'test/elements/**', 'test/support/browser/**'],
    languageOptions: { globals: globals.mocha },
  },
  {
    // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['server/**', 'scripts/**', 'bench/*.{js,mjs,ts}', 'test/server/**', 'test/e2e/**', 'test/support/node/**', '*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: globals.node },
  },
]);
