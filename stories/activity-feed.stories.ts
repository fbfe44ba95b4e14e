import { html, nothing } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PlazaActivityFeed } from '../src/elements/activity-feed/activity-feed.ts';
import { PATIENCE } from './play.ts';

/*
 * <plaza-activity-feed> in every state a designer needs to see, against the
 * mock backend (stories/mocks/activities-backend.ts, mounted per scenario
 * beside the other routes): status posts with reactions, a comment with its
 * page, three reactions to one page grouped into one item, a follow and new
 * colleagues. The reader is Jonas Becker; his own post offers "Löschen".
 */

interface FeedArgs {
  scope: string;
  pageSize: number;
  kinds: string;
  onPlazaStatusSubmit?: (event: Event) => void;
  onPlazaStatusPosted?: (event: Event) => void;
  onPlazaStatusFailed?: (event: Event) => void;
  onPlazaActivityDelete?: (event: Event) => void;
  onPlazaActivityDeleted?: (event: Event) => void;
}

const feed = (args: FeedArgs) =>
  html`<plaza-activity-feed
    scope=${args.scope || nothing}
    page-size=${args.pageSize || nothing}
    kinds=${args.kinds || nothing}
    @plaza-status-submit=${args.onPlazaStatusSubmit}
    @plaza-status-posted=${args.onPlazaStatusPosted}
    @plaza-status-failed=${args.onPlazaStatusFailed}
    @plaza-activity-delete=${args.onPlazaActivityDelete}
    @plaza-activity-deleted=${args.onPlazaActivityDeleted}
  ></plaza-activity-feed>`;

const inside = <T extends Element = HTMLElement>(element: PlazaActivityFeed, selector: string) => element.shadowRoot!.querySelector<T>(selector);

/** Waits until the feed shows its items, its empty state or its error. */
async function loadedFeed(canvasElement: HTMLElement): Promise<PlazaActivityFeed> {
  const element = canvasElement.querySelector('plaza-activity-feed');
  if (!element) throw new Error('The story has no <plaza-activity-feed>.');
  await waitFor(() => expect(inside(element, '[role="feed"], [part="empty"], [part="error"]')).toBeTruthy(), PATIENCE);
  return element;
}

async function settled({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  if (!parameters.plaza?.pending) await loadedFeed(canvasElement);
}

const meta = {
  title: 'Elements/plaza-activity-feed',
  component: 'plaza-activity-feed',
  args: { scope: 'all', pageSize: 20, kinds: '' },
  render: feed,
  play: settled,
} satisfies Meta<FeedArgs>;

export default meta;
type Story = StoryObj<FeedArgs>;

/** A morning at the Stadtwerke: posts, a comment, grouped reactions, a follow, new colleagues; the composer on top. */
export const Loaded: Story = {};

/** Nothing has happened yet: an invitation to write the first post. */
export const Empty: Story = { parameters: { plaza: { scenario: 'empty' } } };

/** `following` for someone who follows nobody yet. */
export const EmptyFollowing: Story = { args: { scope: 'following' }, parameters: { plaza: { scenario: 'empty' } } };

/** The skeleton while the backend has not answered (it never will in this story). */
export const Loading: Story = { parameters: { plaza: { scenario: 'slow', pending: true } } };

/** The server answers 500: the feed says so and offers to try again. */
export const LoadError: Story = { parameters: { plaza: { scenario: 'load-error', httpErrors: true } } };

/** Nobody is signed in: reading works, no composer. */
export const SignedOut: Story = { parameters: { plaza: { scenario: 'write-refused' } } };

/** Three at a time, with "Weitere laden". */
export const Paged: Story = { args: { pageSize: 3 } };

/** A colleague posts every few seconds: the "neue Beiträge" button appears above the feed. */
export const Live: Story = { parameters: { plaza: { scenario: 'live' } } };

/** Posting fails (503) even after the client's retries: the post goes again, the words are back with the reason. */
export const PostFails: Story = {
  parameters: { plaza: { scenario: 'post-fails', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedFeed(canvasElement);
    await waitFor(() => expect(inside(element, 'form[part="composer"] textarea')).toBeTruthy(), PATIENCE);
    await userEvent.type(inside(element, 'form[part="composer"] textarea')!, 'Diese Worte gehen nicht verloren.');
    await userEvent.click(inside(element, '[part="submit"]')!);
    await waitFor(() => expect(inside(element, '[part="composer-error"]')!.textContent).not.toBe(''), PATIENCE);
  },
};

/** Opens the confirmation of the reader's own post and, when asked, confirms it. */
async function deleteOwnPost(canvasElement: HTMLElement, confirm: boolean): Promise<PlazaActivityFeed> {
  const element = await loadedFeed(canvasElement);
  await waitFor(() => expect(inside(element, '[part="delete-button"]')).toBeTruthy(), PATIENCE);
  await userEvent.click(inside(element, '[part="delete-button"]')!);
  await waitFor(() => expect(inside(element, '[part="confirm-delete"]')).toBeTruthy(), PATIENCE);
  if (confirm) await userEvent.click(inside(element, '[data-action="confirm-delete"]')!);
  return element;
}

/** "Löschen" on the reader's own post turned into "Wirklich löschen?" with confirm and cancel (Escape cancels). */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    await deleteOwnPost(canvasElement, false);
  },
};

/** Deleting fails (503) even after the client's retries: the post stays, the reason is said in it. */
export const DeleteFails: Story = {
  parameters: { plaza: { scenario: 'post-fails', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await deleteOwnPost(canvasElement, true);
    await waitFor(() => expect(inside(element, '[part="delete-error"]')).toBeTruthy(), PATIENCE);
  },
};

/** A moderator may delete every status post, not only their own. */
export const Moderator: Story = { parameters: { plaza: { scenario: 'moderated' } } };
