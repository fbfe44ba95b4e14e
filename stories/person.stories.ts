import { html, nothing } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PlazaPerson } from '../src/elements/person/person.ts';
import { ayse, colleagues, employee, maximiliane, mehmet, petra } from '../test/fixtures/index.ts';
import { PATIENCE } from './play.ts';

/*
 * <plaza-person> in running text, as comment authors, mentions and feed items
 * use it, against the mock backend's people routes
 * (stories/mocks/people-backend.ts). Stories that open the card do it in
 * their play function, with a click, as a keyboard or touch user would.
 */

interface PersonArgs {
  user: string;
  name: string;
  avatar: boolean;
}

const person = (args: PersonArgs) =>
  html`<plaza-person user=${args.user} name=${args.name || nothing} ?avatar=${args.avatar}></plaza-person>`;

const inText = (args: PersonArgs) => html`<p style="max-width: 40rem; line-height: 1.6">
  ${person(args)} schrieb am Montag: „Die neue Kantine ist eröffnet“, und ${person({ user: mehmet.id, name: mehmet.name, avatar: false })} fragte, ob
  das auch für das Busdepot gilt.
</p>`;

const inside = <T extends Element = HTMLElement>(element: Element, selector: string) => element.shadowRoot!.querySelector<T>(selector);

async function loadedPeople(canvasElement: HTMLElement): Promise<PlazaPerson[]> {
  const people = [...canvasElement.querySelectorAll('plaza-person')];
  // The first render may use the page's default endpoint until <plaza-config> has provided the story's.
  await waitFor(() => expect(people.every((element) => element.config.endpoint.includes('/mock/'))).toBe(true), PATIENCE);
  await waitFor(() => {
    for (const element of people) expect(inside(element, '[data-status="complete"], [data-status="error"], .plain')).toBeTruthy();
  }, PATIENCE);
  return people;
}

async function settled({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  if (!parameters.plaza?.pending) await loadedPeople(canvasElement);
}

/** Clicks the first name and waits until its card has loaded. */
async function openFirst({ canvasElement }: Pick<StoryContext, 'canvasElement'>): Promise<void> {
  const [first] = await loadedPeople(canvasElement);
  await userEvent.click(inside(first!, '[part="trigger"]')!);
  await waitFor(() => expect(first!.open).toBe(true), PATIENCE);
  const card = inside(first!, 'plaza-profile-card')!;
  await waitFor(() => expect(inside(card, '[part="card"][aria-busy="false"], [part="error"].state')).toBeTruthy(), PATIENCE);
}

const meta = {
  title: 'Elements/plaza-person',
  component: 'plaza-person',
  args: { user: ayse.id, name: ayse.name, avatar: false },
  render: inText,
  play: settled,
} satisfies Meta<PersonArgs>;

export default meta;
type Story = StoryObj<PersonArgs>;

/** Names in a sentence: they read like the text around them, with a dotted underline that says "more here". */
export const InText: Story = {};

/** With the small picture (`avatar`): Ayşe has one, Mehmet gets his initials. */
export const WithAvatar: Story = {
  args: { avatar: true },
  render: (args) => html`<p>${person(args)} und ${person({ user: mehmet.id, name: '', avatar: true })} haben kommentiert.</p>`,
};

/** The card open, as after a click, a tap or Enter (hovering opens it after a short rest of the mouse). */
export const Open: Story = { play: openFirst };

/** Near the bottom right corner the card flips above the name and stays inside the viewport. */
export const NearTheEdge: Story = {
  render: (args) => html`<div style="position: fixed; right: 8px; bottom: 8px">${person(args)}</div>`,
  play: openFirst,
};

/** The name given in the page shows at once; here the directory never answers. */
export const BeforeTheDirectoryAnswers: Story = { parameters: { plaza: { scenario: 'slow', pending: true } } };

/** Someone the directory does not know (left the company): their name as plain text, no card. */
export const Unknown: Story = { args: { user: 'u-former-colleague', name: 'Ehemaliger Kollege' } };

/** Fifty names on one page: one batched `GET /people?ids=…` request (see the network panel). */
export const FiftyOnAPage: Story = {
  render: () => html`<ul style="columns: 14rem">
    ${[...colleagues, ...Array.from({ length: 50 - colleagues.length }, (_, i) => employee(i))].map(
      (p) => html`<li><plaza-person user=${p.id} name=${p.name}></plaza-person></li>`,
    )}
  </ul>`,
};

/** German, whatever the toolbar says. */
export const German: Story = { render: (args) => html`<div lang="de">${inText(args)}</div>`, play: openFirst };

/** English, whatever the toolbar says. */
export const English: Story = { render: (args) => html`<div lang="en">${inText(args)}</div>`, play: openFirst };

/** `<plaza-config theme="dark">` on a dark page, card open. */
export const Dark: Story = { globals: { theme: 'dark' }, play: openFirst };

/** The narrowest phone (320 CSS px): the card fits the width. */
export const Phone: Story = {
  args: { user: maximiliane.id, name: maximiliane.name, avatar: true },
  globals: { viewport: { value: 'phone320', isRotated: false } },
  parameters: { plaza: { width: 320 } },
  play: openFirst,
};

/** A manager's card, with their follower count in the hundreds. */
export const Popular: Story = { args: { user: petra.id, name: petra.name }, play: openFirst };
