import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest, type WebComponentsRenderer } from '@storybook/web-components';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import { MINIMAL_VIEWPORTS } from 'storybook/viewport';
// Written by `cem analyze` (custom-elements-manifest.config.mjs); the storybook scripts run it first.
import manifest from '../dist/custom-elements.json';
import '../src/define.ts';
import { plazaHandlers } from '../stories/mocks/plaza-backend.ts';
import { withPlazaPage } from './plaza-page.ts';

// Controls, the props tables and the docs text come from the elements' JSDoc, through the manifest.
setCustomElementsManifest(withoutPrivateMembers(manifest));

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader(startMockBackend)],
  decorators: [withPlazaPage],
  argTypesEnhancers: [onlyAttributesEditable],
  globalTypes: {
    locale: {
      description: 'Language of the page (its lang attribute), which the elements follow',
      toolbar: {
        title: 'Sprache / Language',
        icon: 'globe',
        items: [
          { value: 'de', right: 'de', title: 'Deutsch' },
          { value: 'en', right: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Page colours and <plaza-config theme>',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', icon: 'sun', title: 'Light' },
          { value: 'dark', icon: 'moon', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    locale: 'de',
    theme: 'light',
  },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
    // Violations fail the story check (npm run test:stories), not just the panel.
    a11y: { test: 'error' },
    viewport: {
      options: {
        phone320: { name: 'Phone, 320 px (WCAG reflow)', styles: { width: '320px', height: '640px' }, type: 'mobile' },
        ...MINIMAL_VIEWPORTS,
      },
    },
    docs: {
      source: { type: 'dynamic', language: 'html' },
    },
  },
};

export default preview;

interface Manifest {
  modules: Array<{ declarations?: Array<{ members?: Array<{ privacy?: string }>; [key: string]: unknown }>; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** Private and protected fields (Lit's internal @state and controllers) are not the element's API. */
function withoutPrivateMembers(cem: Manifest): Manifest {
  return {
    ...cem,
    modules: cem.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) =>
        declaration.members ? { ...declaration, members: declaration.members.filter((member) => !member.privacy || member.privacy === 'public') } : declaration,
      ),
    })),
  };
}

/**
 * Only attributes get a control: they are what a page author writes and what
 * the stories bind. Properties, events, parts and CSS custom properties stay
 * in the docs table, documented but not editable (the stories do not apply them).
 */
function onlyAttributesEditable(...[{ argTypes }]: Parameters<ArgTypesEnhancer<WebComponentsRenderer>>): ReturnType<ArgTypesEnhancer<WebComponentsRenderer>> {
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      return [name, category && category !== 'attributes' ? { ...argType, control: false as const } : argType];
    }),
  );
}

/**
 * Starts Mock Service Worker with the whole mock backend (every scenario under
 * its own endpoint). msw-storybook-addon 3 has no `initialize()` any more: the
 * loader calls this once, then resets to these handlers before each story and
 * adds the story's own `parameters.msw` handlers, if any, in front of them.
 */
async function startMockBackend() {
  const worker = setupWorker(...plazaHandlers());
  await worker.start({
    // Relative, so a Storybook published in a subfolder still finds its worker.
    serviceWorker: { url: './mockServiceWorker.js' },
    quiet: true,
    onUnhandledRequest(request, print) {
      // A Plaza request no handler answers is a bug in a story or in the mock: say so loudly.
      if (new URL(request.url).pathname.includes('/api/v1/')) print.error();
    },
  });
  return worker;
}
