import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { targets } from '../test/fixtures/index.ts';
import { PATIENCE, loadedBar, messageText, part, reactionButton, settled } from './play.ts';

/*
 * <plaza-reactions> in every state a designer needs to see. Each story picks
 * its mock backend with `parameters.plaza.scenario` (stories/mocks/plaza-backend.ts);
 * the page around it (language, theme, endpoint) comes from the toolbar
 * through .storybook/plaza-page.ts, so the code shown is what a page author writes.
 */

interface ReactionsArgs {
  target: string;
  kinds: string;
  /** Logged in the Actions panel; the argTypes come from the manifest's @event tags. */
  onPlazaReactionToggle?: (event: Event) => void;
  onPlazaReactionChanged?: (event: Event) => void;
  onPlazaReactionFailed?: (event: Event) => void;
}

const bar = (args: ReactionsArgs) =>
  html`<plaza-reactions
    target=${args.target}
    kinds=${args.kinds || nothing}
    @plaza-reaction-toggle=${args.onPlazaReactionToggle}
    @plaza-reaction-changed=${args.onPlazaReactionChanged}
    @plaza-reaction-failed=${args.onPlazaReactionFailed}
  ></plaza-reactions>`;

const meta = {
  title: 'Elements/plaza-reactions',
  component: 'plaza-reactions',
  args: { target: targets.canteen, kinds: '' },
  render: bar,
  play: settled,
} satisfies Meta<ReactionsArgs>;

export default meta;
type Story = StoryObj<ReactionsArgs>;

/** Counts per kind, the reader's own reaction (👍) marked by a thicker border and bold count, and the "who reacted" link. */
export const Loaded: Story = {};

/** Nobody has reacted yet: the buttons show no counts and there is nobody to list. */
export const Empty: Story = {
  args: { target: targets.untouched },
  parameters: { plaza: { scenario: 'empty' } },
};

/** Counts in the thousands, formatted for the language (4.812 / 4,812), and every kind the reader's own. */
export const ManyReactions: Story = {
  parameters: { plaza: { scenario: 'many' } },
};

/** The summary never arrives: what the bar shows while it waits (`aria-busy` on the bar). */
export const Loading: Story = {
  parameters: { plaza: { scenario: 'slow', pending: true } },
};

/** The server answers 500: the bar says so and offers to try again. */
export const LoadError: Story = {
  parameters: { plaza: { scenario: 'load-error', httpErrors: true } },
};

/**
 * Nobody is signed in, so the server refuses the reaction with 401. The click
 * shows at once, then rolls back, and the bar explains why.
 */
export const WriteRefused: Story = {
  parameters: { plaza: { scenario: 'write-refused', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedBar(canvasElement);
    const like = reactionButton(element, 'like');
    await userEvent.click(like);
    await waitFor(() => expect(messageText(element)).not.toBe(''), PATIENCE);
    await expect(like).toHaveAttribute('aria-pressed', 'false');
  },
};

/** A bar with a reaction set of its own (`kinds`), offered by the backend. Kinds without a built-in emoji show their name. */
export const CustomKinds: Story = {
  args: { target: targets.vpnGuide, kinds: 'thanks, helpful, outdated' },
  parameters: { plaza: { scenario: 'custom-kinds' } },
};

/** A kind the backend does not offer: the server answers 400 `unknown-reaction-kind` and the bar rolls back. */
export const KindNotOffered: Story = {
  args: { target: targets.vpnGuide, kinds: 'thanks, helpful, party' },
  parameters: { plaza: { scenario: 'custom-kinds', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedBar(canvasElement);
    await userEvent.click(reactionButton(element, 'party'));
    await waitFor(() => expect(messageText(element)).not.toBe(''), PATIENCE);
  },
};

/** "Who reacted?" opened: the names per kind, loaded only when asked for. */
export const WhoReacted: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedBar(canvasElement);
    await userEvent.click(part(element, 'who-toggle'));
    await waitFor(() => expect(element.shadowRoot!.querySelectorAll('[part="who"] li:not(.loading)').length).toBeGreaterThan(0), PATIENCE);
  },
};

/** "Who reacted?" for thousands: twenty names per kind, then "show more". */
export const WhoReactedMany: Story = {
  parameters: { plaza: { scenario: 'many' } },
  play: WhoReacted.play,
};

/** The bar speaks the language of the nearest `lang` attribute, here German whatever the toolbar says. */
export const German: Story = {
  render: (args) => html`<div lang="de">${bar(args)}</div>`,
};

/** The same bar inside `lang="en"`. `<plaza-config locale>` would override both (see plaza-config). */
export const English: Story = {
  render: (args) => html`<div lang="en">${bar(args)}</div>`,
};

/** `<plaza-config theme="dark">` on a dark page: colours from the dark tokens, text from the theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { plaza: { scenario: 'many' } },
};

/** The narrowest phone (320 CSS px, WCAG reflow): buttons wrap, nothing scrolls sideways. */
export const Phone: Story = {
  globals: { viewport: { value: 'phone320', isRotated: false } },
  parameters: { plaza: { scenario: 'many', width: 320 } },
  play: async (context) => {
    await WhoReacted.play!(context);
    const element = context.canvasElement.querySelector('plaza-reactions')!;
    // Reflow: at 320 px nothing may stick out sideways.
    await expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth);
  },
};

/**
 * Themed to a brand with the documented knobs only: `--plaza-*` custom
 * properties on the element and `::part()` rules for the buttons.
 */
export const Themed: Story = {
  globals: { theme: 'light' },
  render: (args) => html`
    <style>
      .musterstadt plaza-reactions {
        --plaza-color-accent: #00695c;
        --plaza-color-border: #6f9f98;
        --plaza-radius: 2px;
        --plaza-space: 0.6rem;
        --plaza-font: Georgia, 'Times New Roman', serif;
      }
      .musterstadt plaza-reactions::part(reaction) {
        border-radius: 2px;
        background: #eef6f5;
      }
      .musterstadt plaza-reactions::part(reaction-active) {
        background: #00695c;
        color: #ffffff;
      }
    </style>
    <div class="musterstadt">${bar(args)}</div>
  `,
};

/** Colleagues react while you watch: the backend pushes `reaction.changed` over Server-Sent Events every three seconds. */
export const Live: Story = {
  parameters: { plaza: { scenario: 'live' } },
};

/** A news page with a bar for the article and one per comment: one batched request loads all three. */
export const OnANewsPage: Story = {
  render: () => html`
    <article>
      <h2>Neue Kantine eröffnet</h2>
      <p>Ab Montag gibt es im Erdgeschoss der Zentrale täglich zwei warme Gerichte, eines davon vegetarisch.</p>
      <plaza-reactions target=${targets.canteen}></plaza-reactions>
      <h3>Kommentare</h3>
      <p><strong>Petra Schulz:</strong> Endlich! Und der Kaffee ist auch besser.</p>
      <plaza-reactions target=${targets.canteenComment}></plaza-reactions>
      <p><strong>Mehmet Özdemir:</strong> Gilt das auch für die Kolleginnen und Kollegen im Busdepot?</p>
      <plaza-reactions target="comment:01JQ8Z4M2N3P4Q5R6S7T8U9V0W"></plaza-reactions>
    </article>
  `,
};

/**
 * `loading="lazy"`: a bar far down a long page asks for nothing and shows
 * nothing until it is within a screen of the viewport or the browser is idle
 * (scroll down to see it). `<plaza-comments>` does this for the bars and
 * names of comments beyond the first screen.
 */
export const LazyFarDown: Story = {
  render: (args) => html`
    <p>Ein langer Artikel …</p>
    <div style="height: 250vh; border-left: 4px dotted #999"></div>
    <plaza-reactions target=${args.target} loading="lazy"></plaza-reactions>
  `,
};
