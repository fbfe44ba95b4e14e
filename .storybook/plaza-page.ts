import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Decorator } from '@storybook/web-components-vite';
import { endpointFor, type Scenario } from '../stories/mocks/plaza-backend.ts';

/** What a story tells the page around it, as `parameters.plaza`. */
export interface PlazaParameters {
  /** The mock backend the story's elements talk to (see stories/mocks/plaza-backend.ts). Default `loaded`. */
  scenario?: Scenario;
  /** False when the story brings its own `<plaza-config>`; the page then only sets language and colours. */
  config?: boolean;
  /** Width of the page in CSS pixels, e.g. 320 for the narrowest phone. */
  width?: number;
  /** True when the story's elements stay busy on purpose; the story check then does not wait for them to load. */
  pending?: boolean;
  /** True when the story provokes 4xx/5xx answers on purpose; the story check then accepts the browser's console lines about them. */
  httpErrors?: boolean;
}

declare module 'storybook/internal/csf' {
  interface Parameters {
    plaza?: PlazaParameters;
  }
}

/**
 * Puts every story on a page, as an intranet would: the toolbar's language as
 * the page's `lang`, the toolbar's theme as page colours and as
 * `<plaza-config theme>`, and a `<plaza-config endpoint>` pointing at the
 * story's mock backend. Stories themselves stay what a page author writes.
 */
export const withPlazaPage: Decorator = (story, { globals, parameters, viewMode }) => {
  const plaza: PlazaParameters = parameters.plaza ?? {};
  const theme = globals.theme === 'dark' ? 'dark' : 'light';
  const content =
    plaza.config === false
      ? story()
      : html`<plaza-config endpoint=${endpointFor(plaza.scenario ?? 'loaded')} theme=${theme}>${story()}</plaza-config>`;
  return html`<div
    class="plaza-page ${viewMode === 'story' ? 'plaza-page--canvas' : ''}"
    data-theme=${theme}
    lang=${globals.locale === 'en' ? 'en' : 'de'}
    style=${styleMap({ maxWidth: plaza.width ? `${plaza.width}px` : undefined })}
  >
    ${content}
  </div>`;
};
