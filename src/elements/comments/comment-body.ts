import { withReplies } from '../../core/comments/thread-view.ts';
import { prepareMarkdown, renderMarkdown } from '../../core/content.ts';
import type { Loading } from '../near-view.ts';

const preparedFor = new WeakSet<object>();

/** Sanitises, in one pass, the texts of the comments (and replies) that have not been rendered yet (see prepareMarkdown). */
export function prepareCommentTexts(items: ReadonlyArray<{ text: string; replies?: ReadonlyArray<{ text: string }> }>): void {
  const texts: string[] = [];
  for (const comment of withReplies(items)) {
    if (preparedFor.has(comment)) continue;
    preparedFor.add(comment);
    if (comment.text) texts.push(comment.text);
  }
  prepareMarkdown(texts);
}

/**
 * A comment's Markdown as safe nodes, with each mention as the person's
 * name tag (`<plaza-person>`: their card on hover, focus or tap) instead of
 * plain text. The tags are made here, after sanitising, from the mention's
 * id and visible name only, so nothing the author wrote becomes markup.
 * Until `<plaza-person>` is defined (or, `lazy`, near the viewport) the name
 * shows as it was written.
 */
export function renderCommentText(markdown: string, loading: Loading = 'eager'): DocumentFragment {
  const fragment = renderMarkdown(markdown);
  for (const mention of fragment.querySelectorAll<HTMLElement>('span.mention[data-person-id]')) {
    const id = mention.dataset.personId!;
    const name = (mention.textContent ?? '').replace(/^@/, '');
    const person = document.createElement('plaza-person');
    person.setAttribute('user', id);
    person.setAttribute('name', name);
    if (loading === 'lazy') person.setAttribute('loading', loading);
    person.textContent = name;
    mention.removeAttribute('data-person-id');
    mention.replaceChildren('@', person);
  }
  return fragment;
}
