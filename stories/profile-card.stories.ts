import { html } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PlazaProfileCard } from '../src/elements/profile-card/profile-card.ts';
import { ayse, jonas, maximiliane, petra } from '../test/fixtures/index.ts';
import { endpointFor } from './mocks/plaza-backend.ts';
import { janaBerg } from './mocks/people-backend.ts';
import { PATIENCE } from './play.ts';

/*
 * <plaza-profile-card> in every state a designer needs to see, against the
 * mock backend's people routes (stories/mocks/people-backend.ts). The reader
 * is Jonas Becker; Ayşe Yılmaz has a picture, Jana Berg a broken one.
 */

interface CardArgs {
  user: string;
  variant: string;
  onPlazaFollowToggle?: (event: Event) => void;
  onPlazaFollowChanged?: (event: Event) => void;
  onPlazaFollowFailed?: (event: Event) => void;
}

const card = (args: CardArgs) =>
  html`<plaza-profile-card
    user=${args.user}
    variant=${args.variant}
    @plaza-follow-toggle=${args.onPlazaFollowToggle}
    @plaza-follow-changed=${args.onPlazaFollowChanged}
    @plaza-follow-failed=${args.onPlazaFollowFailed}
  ></plaza-profile-card>`;

/** Inside the card's shadow root, which Testing Library's queries do not enter. */
const inside = <T extends Element = HTMLElement>(element: Element, selector: string) => element.shadowRoot!.querySelector<T>(selector);

async function loadedCard(canvasElement: HTMLElement): Promise<PlazaProfileCard> {
  const element = canvasElement.querySelector('plaza-profile-card');
  if (!element) throw new Error('The story has no <plaza-profile-card>.');
  // The first render may use the page's default endpoint until <plaza-config> has provided the story's.
  await waitFor(() => expect(element.config.endpoint).toContain('/mock/'), PATIENCE);
  await waitFor(() => expect(inside(element, '[part="card"][aria-busy="false"], [part="error"].state')).toBeTruthy(), PATIENCE);
  return element;
}

/** The follow button, once the reader is known (it shows only to someone signed in). */
async function followButton(element: PlazaProfileCard): Promise<HTMLButtonElement> {
  await waitFor(() => expect(inside(element, '[part="follow-button"]')).toBeTruthy(), PATIENCE);
  return inside<HTMLButtonElement>(element, '[part="follow-button"]')!;
}

async function settled({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  if (!parameters.plaza?.pending) await loadedCard(canvasElement);
}

const meta = {
  title: 'Elements/plaza-profile-card',
  component: 'plaza-profile-card',
  args: { user: ayse.id, variant: 'full' },
  argTypes: { variant: { control: 'inline-radio', options: ['full', 'compact'] } },
  render: card,
  play: settled,
} satisfies Meta<CardArgs>;

export default meta;
type Story = StoryObj<CardArgs>;

/** Picture, name, role, department, location, manager (a name tag with its own card), contact links, followers and the follow button. */
export const Full: Story = {};

/** The dense card `<plaza-person>` shows as its hovercard: no activity, the manager as plain text. */
export const Compact: Story = { args: { variant: 'compact' } };

/** No picture in the directory: initials on a colour derived from the name. */
export const Initials: Story = { args: { user: petra.id } };

/** The picture is gone (404): the initials stay. */
export const BrokenPicture: Story = {
  args: { user: janaBerg.id },
  parameters: { plaza: { httpErrors: true } },
};

/** The long name and role every layout has to survive. */
export const LongName: Story = { args: { user: maximiliane.id } };

/** Following someone: the count goes up at once, the button turns into "Nicht mehr folgen" (the story clicks for you). */
export const Following: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedCard(canvasElement);
    await userEvent.click(await followButton(element));
    await waitFor(() => expect(inside(element, '[part="follow-button"]')!.className).toBe('following'), PATIENCE);
  },
};

/** The server refuses (503 after two retries): the card rolls back and says why. */
export const FollowRefused: Story = {
  parameters: { plaza: { scenario: 'post-fails', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedCard(canvasElement);
    await userEvent.click(await followButton(element));
    await waitFor(() => expect(inside(element, '.message')!.textContent!.trim()).not.toBe(''), { timeout: 8000 });
  },
};

/** Nobody signed in: the follower count shows, the follow button does not. */
export const SignedOut: Story = { parameters: { plaza: { scenario: 'write-refused' } } };

/** The reader's own card: nobody follows themselves. */
export const Yourself: Story = { args: { user: jonas.id } };

/** The profile never arrives: what the card shows while it waits. */
export const Loading: Story = { parameters: { plaza: { scenario: 'slow', pending: true } } };

/** An id nobody in the directory has (404). */
export const NotFound: Story = {
  args: { user: 'u-nobody' },
  parameters: { plaza: { httpErrors: true } },
};

/** The server answers 500: the card says so and offers to try again. */
export const LoadError: Story = { parameters: { plaza: { scenario: 'load-error', httpErrors: true } } };

/** Colleagues start following while you watch, pushed over Server-Sent Events every three seconds. */
export const Live: Story = { parameters: { plaza: { scenario: 'live' } } };

/** The operator's chat link (`<plaza-config chat-url>`), here Microsoft Teams. */
export const WithChat: Story = {
  parameters: { plaza: { config: false } },
  render: (args) => html`<plaza-config endpoint=${endpointFor('loaded')} chat-url="msteams:/l/chat/0/0?users={email}">${card(args)}</plaza-config>`,
};

/** The `activity` slot, where the activity feed of this person goes (here a stand-in list). */
export const WithActivity: Story = {
  render: (args) => html`<plaza-profile-card user=${args.user} variant=${args.variant}>
    <ul slot="activity">
      <li>Kommentierte „Neue Kantine eröffnet“</li>
      <li>Reagierte auf „Baustelle Marktplatz“</li>
    </ul>
  </plaza-profile-card>`,
};

/** German, whatever the toolbar says. */
export const German: Story = { render: (args) => html`<div lang="de">${card(args)}</div>` };

/** English, whatever the toolbar says. */
export const English: Story = { render: (args) => html`<div lang="en">${card(args)}</div>` };

/** `<plaza-config theme="dark">` on a dark page. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** The narrowest phone (320 CSS px): labels wrap above values, links wrap, nothing scrolls sideways. */
export const Phone: Story = {
  args: { user: maximiliane.id },
  globals: { viewport: { value: 'phone320', isRotated: false } },
  parameters: { plaza: { width: 320 } },
  play: async ({ canvasElement }) => {
    const element = await loadedCard(canvasElement);
    await expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth);
  },
};

/** A brand theme using only `--plaza-*` properties and `::part()`. */
export const Themed: Story = {
  globals: { theme: 'light' },
  render: (args) => html`
    <style>
      .musterstadt plaza-profile-card {
        --plaza-color-accent: #00695c;
        --plaza-radius: 2px;
        --plaza-avatar-size: 5rem;
        --plaza-font: Georgia, 'Times New Roman', serif;
      }
      .musterstadt plaza-profile-card::part(card) {
        padding: 1rem;
        border-top: 4px solid #00695c;
        background: #eef6f5;
      }
    </style>
    <div class="musterstadt">${card(args)}</div>
  `,
};
