import { html } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { PATIENCE } from './play.ts';

/*
 * <plaza-notifications> where it lives: at the end of an intranet's header bar. Its inbox comes
 * from the mock backend (stories/mocks/notifications-backend.ts): Jonas Becker's morning, a
 * mention, five reactions bundled into one entry, a reply, older entries already read.
 */

const header = (content = html`<plaza-notifications></plaza-notifications>`) => html`<div
  style="display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.5rem 1rem; border-bottom: 1px solid #ccc; min-height: 28rem; align-items: flex-start"
>
  <strong>Stadtwerke Musterstadt · Intranet</strong>
  ${content}
</div>`;

/** Opens the panel, as a reader's click would, and waits until it shows its content. */
async function opened({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  const bell = canvasElement.querySelector('plaza-notifications');
  await waitFor(() => expect(bell?.shadowRoot?.querySelector('[part="button"]')).toBeTruthy(), PATIENCE);
  bell!.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
  if (parameters.plaza?.pending) return;
  await waitFor(() => expect(bell!.shadowRoot!.querySelector('[part="panel"] [part="list"], [part="panel"] .quiet:not([role]), [part="panel"] .problem')).toBeTruthy(), PATIENCE);
}

const meta = {
  title: 'Elements/plaza-notifications',
  component: 'plaza-notifications',
  render: () => header(),
  play: opened,
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Opened: newest first, grouped by day; unread entries are bold and marked. */
export const Open: Story = {};

/** Closed: the bell in the header with its unread count. */
export const Closed: Story = {
  play: async ({ canvasElement }) => {
    const bell = canvasElement.querySelector('plaza-notifications');
    await waitFor(() => expect(bell?.shadowRoot?.querySelector('[part="badge"]')?.textContent).toMatch(/\b3\b/), PATIENCE);
  },
};

/** Nothing has happened yet: a calm sentence says what will show here. */
export const Empty: Story = { parameters: { plaza: { scenario: 'empty' } } };

/** 120 unread: the badge says 99+, older entries come with "Ältere anzeigen". */
export const Many: Story = { parameters: { plaza: { scenario: 'many' } } };

/** While the inbox loads (it never arrives here). */
export const Loading: Story = { parameters: { plaza: { scenario: 'slow', pending: true } } };

/** The server answers 500: the reason, and a way to try again. */
export const LoadError: Story = { parameters: { plaza: { scenario: 'load-error', httpErrors: true } } };

/** Nobody signed in: the panel asks to sign in, no error. */
export const SignedOut: Story = { parameters: { plaza: { scenario: 'write-refused' } } };

/** Opens the settings view and answers the channels its first field offers. */
async function settingsOpened(context: StoryContext): Promise<string[]> {
  await opened(context);
  const bell = context.canvasElement.querySelector('plaza-notifications')!;
  bell.shadowRoot!.querySelector<HTMLButtonElement>('[part="settings-toggle"]')!.click();
  await waitFor(() => expect(bell.shadowRoot!.querySelector('[part="setting"]')).toBeTruthy(), PATIENCE);
  return [...bell.shadowRoot!.querySelector<HTMLSelectElement>('[part="setting"]')!.options].map((option) => option.value);
}

/** The settings view: per kind, where else a notification reaches the reader; this server sends e-mail and has Teams. */
export const Settings: Story = {
  play: async (context) => {
    await expect(await settingsOpened(context)).toEqual(['in-app', 'email', 'digest', 'teams', 'off']);
  },
};

/** The settings view on a server without e-mail or Teams: the list, or off. */
export const SettingsWithoutMail: Story = {
  parameters: { plaza: { scenario: 'no-mail' } },
  play: async (context) => {
    await expect(await settingsOpened(context)).toEqual(['in-app', 'off']);
  },
};

/** English, whatever the toolbar says. */
export const English: Story = { render: () => html`<div lang="en">${header()}</div>` };

/** `<plaza-config theme="dark">` on a dark page. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** A 320 px wide phone: the panel fits the window. */
export const Narrow: Story = { render: () => html`<div style="width: 320px">${header()}</div>` };
