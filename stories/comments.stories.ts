import { html, nothing } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { delay, http } from 'msw';
import type { PlazaComments } from '../src/elements/comments/comments.ts';
import { targets } from '../test/fixtures/index.ts';
import { endpointFor, problem } from './mocks/plaza-backend.ts';
import { PATIENCE } from './play.ts';

/*
 * <plaza-comments> in every state a designer needs to see, against the mock
 * backend (stories/mocks/comments-backend.ts, mounted per scenario beside the
 * reaction routes). The thread is the canteen news: replies, a reply to a
 * reply, Markdown, an edit, a deleted and a hidden comment, and two comments
 * of the reader, Jonas Becker. In the `moderated` scenario Jonas moderates.
 */

interface CommentsArgs {
  thread: string;
  sort: string;
  pageSize: number;
  readonly: boolean;
  onPlazaCommentSubmit?: (event: Event) => void;
  onPlazaCommentPosted?: (event: Event) => void;
  onPlazaCommentFailed?: (event: Event) => void;
}

const thread = (args: CommentsArgs) =>
  html`<plaza-comments
    thread=${args.thread}
    sort=${args.sort || nothing}
    page-size=${args.pageSize || nothing}
    ?readonly=${args.readonly}
    @plaza-comment-submit=${args.onPlazaCommentSubmit}
    @plaza-comment-posted=${args.onPlazaCommentPosted}
    @plaza-comment-failed=${args.onPlazaCommentFailed}
  ></plaza-comments>`;

/** Inside the element's shadow root, which Testing Library's queries do not enter. */
const inside = <T extends Element = HTMLElement>(element: PlazaComments, selector: string) => element.shadowRoot!.querySelector<T>(selector);

/** Waits until the thread shows its comments, its empty state or its error. */
async function loadedThread(canvasElement: HTMLElement): Promise<PlazaComments> {
  const element = canvasElement.querySelector('plaza-comments');
  if (!element) throw new Error('The story has no <plaza-comments>.');
  await waitFor(() => expect(inside(element, '[part="list"], [part="empty"], [part="error"]')).toBeTruthy(), PATIENCE);
  return element;
}

async function settled({ canvasElement, parameters }: Pick<StoryContext, 'canvasElement' | 'parameters'>): Promise<void> {
  if (!parameters.plaza?.pending) await loadedThread(canvasElement);
}

const meta = {
  title: 'Elements/plaza-comments',
  component: 'plaza-comments',
  args: { thread: targets.canteen, sort: 'newest', pageSize: 20, readonly: false },
  render: thread,
  play: settled,
} satisfies Meta<CommentsArgs>;

export default meta;
type Story = StoryObj<CommentsArgs>;

/** The canteen discussion: replies, "in reply to", Markdown, an edited comment, placeholders, reactions on every comment. */
export const Loaded: Story = {};

/** Nobody has written yet: an invitation instead of a list. */
export const Empty: Story = { parameters: { plaza: { scenario: 'empty' } } };

/** The skeleton while the backend has not answered (it never will in this story). */
export const Loading: Story = { parameters: { plaza: { scenario: 'slow', pending: true } } };

/** The server answers 500: the thread says so and offers to try again. */
export const LoadError: Story = { parameters: { plaza: { scenario: 'load-error', httpErrors: true } } };

/** Nobody is signed in: reading works, a sign-in hint takes the composer's place. */
export const SignedOut: Story = { parameters: { plaza: { scenario: 'write-refused' } } };

/** A moderator closed the thread: it says so, and nobody can post or edit. */
export const Closed: Story = { parameters: { plaza: { scenario: 'closed' } } };

/** `readonly`, e.g. for an archive: no composer, no actions, no moderation; the reactions show their counts but cannot be changed. */
export const ReadOnly: Story = { args: { readonly: true } };

/** A long discussion, twenty at a time with "Load more comments", oldest first. */
export const LongThread: Story = {
  args: { sort: 'oldest' },
  parameters: { plaza: { scenario: 'many' } },
};

/** Writing with the Markdown help and the preview open. */
export const Writing: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, 'form[data-composer="new"] textarea')).toBeTruthy(), PATIENCE);
    await userEvent.type(inside(element, 'form[data-composer="new"] textarea')!, 'Gute Idee! **Fett**, *kursiv* und eine Liste:{enter}{enter}- eins{enter}- zwei');
    await userEvent.click(inside(element, 'form[data-composer="new"] summary')!);
    await userEvent.click(inside(element, 'form[data-composer="new"] [aria-pressed]')!);
  },
};

/** Replying to a reply: the composer opens in place and starts with a mention of whom it answers. */
export const Replying: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part~="reply"] [data-action="reply"]')).toBeTruthy(), PATIENCE);
    await userEvent.click(inside(element, '[part~="reply"] [data-action="reply"]')!);
  },
};

/**
 * Posting fails (503) even after the client's retries: the optimistic comment
 * goes again, and the words are back in the composer with the reason.
 */
export const PostFails: Story = {
  parameters: { plaza: { scenario: 'post-fails', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, 'form[data-composer="new"] textarea')).toBeTruthy(), PATIENCE);
    await userEvent.type(inside(element, 'form[data-composer="new"] textarea')!, 'Diese Worte gehen nicht verloren.');
    await userEvent.click(inside(element, 'form[data-composer="new"] [part="submit"]')!);
    await waitFor(() => expect(inside(element, '[part="composer-error"]')!.textContent).not.toBe(''), PATIENCE);
  },
};

/** Deleting your own comment asks first. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[data-action="delete"]')).toBeTruthy(), PATIENCE);
    await userEvent.click(inside(element, '[data-action="delete"]')!);
  },
};

/**
 * An edit that went stale: while the reader edited, the comment changed in
 * another tab. The newer version shows above, the reader's words stay below.
 */
export const EditConflict: Story = {
  parameters: { plaza: { scenario: 'loaded', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[data-action="edit"]')).toBeTruthy(), PATIENCE);
    const edit = inside(element, '[data-action="edit"]')!;
    const id = edit.closest('article')!.id.replace('comment-', '');
    await userEvent.click(edit);
    await fetch(`${endpointFor('loaded')}/comments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Die Fassung aus dem anderen Tab.', version: 1 }),
    });
    const field = inside<HTMLTextAreaElement>(element, `form[data-composer="edit-${id}"] textarea`)!;
    await userEvent.type(field, ' Und noch ein Satz.');
    await userEvent.click(inside(element, `form[data-composer="edit-${id}"] [part="submit"]`)!);
    await waitFor(() => expect(inside(element, '[part="conflict"]')).toBeTruthy(), PATIENCE);
  },
};

/**
 * Mentioning a colleague: `@` and the start of a name list matching
 * colleagues under the text field (ArrowUp/ArrowDown, Enter or Tab to
 * insert, Escape to close).
 */
export const MentionAutocomplete: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, 'form[data-composer="new"] textarea')).toBeTruthy(), PATIENCE);
    await userEvent.type(inside(element, 'form[data-composer="new"] textarea')!, 'Frage an @m');
    await waitFor(() => expect(inside(element, 'form[data-composer="new"] [role="option"]')).toBeTruthy(), PATIENCE);
  },
};

/** Reporting a colleague's comment: the reason goes to the moderators only. */
export const ReportForm: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[data-action="report"]')).toBeTruthy(), PATIENCE);
    await userEvent.click(inside(element, '[data-action="report"]')!);
    await userEvent.type(inside(element, '[part="report"] textarea')!, 'Das ist eine persönliche Beleidigung.');
  },
};

/**
 * What a moderator sees: the hidden comment with its text (marked as hidden),
 * "Delete" and "Hide" or "Restore" on every comment, and "Close discussion".
 */
export const ModeratorView: Story = { parameters: { plaza: { scenario: 'moderated' } } };

/** A moderator deletes a colleague's comment: the same confirmation as for one's own, naming whose comment goes. */
export const ModeratorDelete: Story = {
  parameters: { plaza: { scenario: 'moderated' } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    // A colleague's comment: the reader's own have "Edit" beside "Delete".
    const othersDelete = () =>
      [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-action="delete"]')].find((button) => !button.parentElement!.querySelector('[data-action="edit"]'));
    await waitFor(() => expect(othersDelete()).toBeTruthy(), PATIENCE);
    await userEvent.click(othersDelete()!);
    await waitFor(() => expect(inside(element, '[part="confirm-delete"]')).toBeTruthy(), PATIENCE);
  },
};

/** Closing a discussion asks first: afterwards nobody can comment, reply or edit. */
export const ModeratorClosing: Story = {
  parameters: { plaza: { scenario: 'moderated' } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[data-action="close-thread"]')).toBeTruthy(), PATIENCE);
    await userEvent.click(inside(element, '[data-action="close-thread"]')!);
  },
};

/**
 * Following a discussion: Jonas wrote in the canteen thread, so he follows it (the bell filled,
 * the toggle pressed), as the server has it for everyone who wrote in a thread.
 */
export const Following: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part="watch"]')?.getAttribute('aria-pressed')).toBe('true'), PATIENCE);
  },
};

/** Not following: a thread the reader never wrote in. */
export const NotFollowing: Story = {
  parameters: { plaza: { scenario: 'empty' } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part="watch"]')?.getAttribute('aria-pressed')).toBe('false'), PATIENCE);
  },
};

/** Stopping to follow: one press, shown at once, and said to screen readers. */
export const Unfollowing: Story = {
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part="watch"]')?.getAttribute('aria-pressed')).toBe('true'), PATIENCE);
    await userEvent.click(inside(element, '[part="watch"]')!);
    await waitFor(() => expect(inside(element, '[part="watch"]')?.getAttribute('aria-pressed')).toBe('false'), PATIENCE);
  },
};

/** Whether the reader follows is still on its way: the toggle holds its place, disabled, so its coming moves nothing. */
export const FollowingLoading: Story = {
  parameters: { msw: { handlers: [http.get('*/threads/:key/watch', () => delay('infinite'))] } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part="watch"]')?.getAttribute('aria-disabled')).toBe('true'), PATIENCE);
  },
};

/** Whether the reader follows could not be loaded: said under the header, with "Erneut versuchen". */
export const FollowingLoadError: Story = {
  parameters: {
    plaza: { httpErrors: true },
    msw: { handlers: [http.get('*/threads/:key/watch', () => problem('internal', 500, 'The database did not answer (mocked).'))] },
  },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part="watch-error"]')).toBeTruthy(), PATIENCE);
  },
};

/** The server refuses (503, after the client's retries): the toggle is back as it was, and the reason is under the header. */
export const FollowingFails: Story = {
  parameters: { plaza: { scenario: 'post-fails', httpErrors: true } },
  play: async ({ canvasElement }) => {
    const element = await loadedThread(canvasElement);
    await waitFor(() => expect(inside(element, '[part="watch"]')?.getAttribute('aria-pressed')).toBe('true'), PATIENCE);
    await userEvent.click(inside(element, '[part="watch"]')!);
    await waitFor(() => expect(inside(element, '[part="watch-error"]')).toBeTruthy(), PATIENCE);
    await expect(inside(element, '[part="watch"]')?.getAttribute('aria-pressed')).toBe('true');
  },
};

/** Colleagues comment while you read: a polite "new comments" button instead of a jump. */
export const Live: Story = { parameters: { plaza: { scenario: 'live' } } };

/** German, whatever the toolbar says. */
export const German: Story = { render: (args) => html`<div lang="de">${thread(args)}</div>` };

/** English. */
export const English: Story = { render: (args) => html`<div lang="en">${thread(args)}</div>` };

/** `<plaza-config theme="dark">` on a dark page. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** The narrowest phone (320 CSS px): everything wraps, nothing scrolls sideways. */
export const Phone: Story = {
  globals: { viewport: { value: 'phone320', isRotated: false } },
  parameters: { plaza: { width: 320 } },
  play: async (context) => {
    const element = await loadedThread(context.canvasElement);
    await expect(element.scrollWidth).toBeLessThanOrEqual(element.clientWidth);
  },
};

/** A brand theme with the documented knobs only: `--plaza-*` properties and `::part()`. */
export const Themed: Story = {
  globals: { theme: 'light' },
  render: (args) => html`
    <style>
      .musterstadt plaza-comments {
        --plaza-color-accent: #00695c;
        --plaza-radius: 2px;
        --plaza-font: Georgia, 'Times New Roman', serif;
      }
      .musterstadt plaza-comments::part(heading) {
        color: #00695c;
      }
      .musterstadt plaza-comments::part(comment) {
        border-inline-start: 3px solid #b2dfdb;
      }
    </style>
    <div class="musterstadt">${thread(args)}</div>
  `,
};
