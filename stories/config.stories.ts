import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { endpointFor } from './mocks/plaza-backend.ts';
import { targets } from '../test/fixtures/index.ts';
import { settled } from './play.ts';

/*
 * <plaza-config> renders nothing of its own: it hands endpoint, language,
 * credentials mode and theme to the Plaza elements inside it. These stories
 * bring their own <plaza-config> (`parameters.plaza.config: false`), so the
 * page decorator only sets the page's language and colours around it.
 */

interface ConfigArgs {
  endpoint: string;
  locale: string;
  theme: string;
  credentials: string;
}

const meta = {
  title: 'Elements/plaza-config',
  component: 'plaza-config',
  args: { endpoint: endpointFor('loaded'), locale: 'en', theme: '', credentials: '' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['', 'de', 'en'] },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark', 'auto'] },
    credentials: { control: 'inline-radio', options: ['', 'include', 'same-origin', 'omit'] },
  },
  parameters: { plaza: { config: false } },
  play: settled,
  render: (args) => html`
    <plaza-config
      endpoint=${args.endpoint}
      locale=${args.locale || nothing}
      theme=${args.theme || nothing}
      credentials=${args.credentials || nothing}
    >
      <p>Neue Kantine eröffnet</p>
      <plaza-reactions target=${targets.canteen}></plaza-reactions>
    </plaza-config>
  `,
} satisfies Meta<ConfigArgs>;

export default meta;
type Story = StoryObj<ConfigArgs>;

/** `locale="en"` on a German page: the configuration wins over the page's `lang`. */
export const LocaleAndEndpoint: Story = {};

/** `theme="dark"`: the elements inside use the dark tokens, here on a dark page. */
export const DarkTheme: Story = {
  args: { locale: '' },
  globals: { theme: 'dark' },
};

/**
 * Two sections of one page, each with its own configuration: German against
 * one backend, English against another where nobody is signed in. They share
 * nothing, not even the cache.
 */
export const TwoSections: Story = {
  render: () => html`
    <plaza-config endpoint=${endpointFor('loaded')} locale="de">
      <p>Intranet (angemeldet)</p>
      <plaza-reactions target=${targets.canteen}></plaza-reactions>
    </plaza-config>
    <hr />
    <plaza-config endpoint=${endpointFor('write-refused')} locale="en">
      <p>Public extranet (signed out)</p>
      <plaza-reactions target=${targets.canteen}></plaza-reactions>
    </plaza-config>
  `,
};
