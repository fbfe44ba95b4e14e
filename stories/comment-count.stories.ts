import { html, nothing } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { targets } from '../test/fixtures/index.ts';
import { PATIENCE } from './play.ts';

/*
 * <plaza-comment-count> where it lives: in the teasers of a news overview.
 * The counts come from the mock backend's comments (stories/mocks/comments-backend.ts,
 * `GET /threads/counts`), so they agree with what <plaza-comments> shows for
 * the same thread: the canteen news has its discussion, the company outing
 * one comment, the meter reading none.
 */

interface CommentCountArgs {
  thread: string;
  href: string;
}

const count = (args: CommentCountArgs) =>
  html`<plaza-comment-count thread=${args.thread || nothing} href=${args.href || nothing}></plaza-comment-count>`;

/** One teaser line, as an intranet's news list has them. */
const teaser = (title: string, args: CommentCountArgs) => html`<li>
  <a href=${args.href || '#'}>${title}</a>
  <span aria-hidden="true">·</span>
  ${count(args)}
</li>`;

const overview = (args: CommentCountArgs) => html`<ul style="line-height: 1.8; max-width: 40rem">
  ${teaser('Die Kantine hat einen neuen Speiseplan', args)}
  ${teaser('Betriebsausflug 2026: Abstimmen!', { thread: targets.companyOuting, href: '/news/betriebsausflug-2026#comments' })}
  ${teaser('Zählerablesung im März', { thread: targets.untouched, href: '/news/zaehlerablesung#comments' })}
</ul>`;

async function settled({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  if (parameters.plaza?.pending) return;
  await waitFor(() => {
    for (const element of canvasElement.querySelectorAll('plaza-comment-count')) {
      expect(element.shadowRoot?.querySelector('[part="count"], [part="error"]'), `${element.thread} settled`).toBeTruthy();
    }
  }, PATIENCE);
}

const meta = {
  title: 'Elements/plaza-comment-count',
  component: 'plaza-comment-count',
  args: { thread: targets.canteen, href: '/news/kantine#comments' },
  render: (args) => html`<p>Die Kantine hat einen neuen Speiseplan · ${count(args)}</p>`,
  play: settled,
} satisfies Meta<CommentCountArgs>;

export default meta;
type Story = StoryObj<CommentCountArgs>;

/** A count in running text, as a link to the discussion. */
export const Loaded: Story = {};

/** A news overview: many counts (here three; on a real page thirty) cost one request. */
export const NewsOverview: Story = { render: overview };

/** A thread with one comment: the singular. */
export const One: Story = { args: { thread: targets.companyOuting, href: '/news/betriebsausflug-2026#comments' } };

/** Nobody has written yet. */
export const Zero: Story = { parameters: { plaza: { scenario: 'empty' } } };

/** A long discussion. */
export const Many: Story = { parameters: { plaza: { scenario: 'many' } } };

/** Without `href`: plain text, in the page's colour. */
export const WithoutLink: Story = { args: { href: '' } };

/** While the count loads (it never arrives here): a faint bar of a count's size holds the place, so the line does not move. */
export const Loading: Story = { render: overview, parameters: { plaza: { scenario: 'slow', pending: true } } };

/** The server answers 500: a quiet dash; its tooltip (and screen readers) say why. */
export const LoadError: Story = { render: overview, parameters: { plaza: { scenario: 'load-error', httpErrors: true } } };

/** English, whatever the toolbar says. */
export const English: Story = { render: (args) => html`<div lang="en">${overview(args)}</div>` };

/** `<plaza-config theme="dark">` on a dark page. */
export const Dark: Story = { render: overview, globals: { theme: 'dark' } };
