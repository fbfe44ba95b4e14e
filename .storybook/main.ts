import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for Plaza's elements: stories in stories/, a mock backend (MSW)
 * instead of a server, controls and docs from the custom-elements manifest.
 * Everything it needs is in node_modules: no telemetry, no update checks, no
 * downloads at run time.
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // The repository's vite.config.ts builds the library (build.lib, two modes);
        // Storybook builds an app and must not inherit that, so it reads its own file.
        // Relative to the package root, where npm runs scripts (an absolute path would
        // end up in storybook-static/project.json).
        viteConfigPath: '.storybook/vite.config.ts',
      },
    },
  },
  // mockServiceWorker.js (from `npx msw init .storybook/public`) is served next to iframe.html.
  staticDirs: ['./public'],
  viteFinal: (config) => ({
    ...config,
    build: {
      ...config.build,
      // Never a library build, whatever a Vite config says (builder-vite 10.6 drops it already).
      lib: false,
      // Storybook's preview bundles its UI, axe-core and the docs renderer: big chunks are expected.
      chunkSizeWarningLimit: 2000,
      // Rolldown's plugin-timing report is about Storybook's own plugins; nothing to act on here.
      rolldownOptions: { ...config.build?.rolldownOptions, checks: { ...config.build?.rolldownOptions?.checks, pluginTimings: false } },
    },
  }),
  // Designers see Plaza only: not Storybook's "get started" checklist in the sidebar and menu.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
};

export default config;
