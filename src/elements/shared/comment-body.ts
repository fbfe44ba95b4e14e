import { withReplies } from '../../core/comments/thread-view.ts';
import { prepareHtml, renderWritten, type Written } from '../../core/content.ts';
import type { Loading } from './near-view.ts';

const preparedFor = new WeakSet<object>();

/** Sanitises, in one pass, the HTML of the comments (and replies) that have not been rendered yet (see prepareHtml). */
export function prepareCommentTexts(items: ReadonlyArray<Written & { replies?: readonly Written[] }>): void {
  const htmls: string[] = [];
  for (const comment of withReplies(items)) {
    if (preparedFor.has(comment)) continue;
    preparedFor.add(comment);
    if (comment.html) htmls.push(comment.html);
  }
  prepareHtml(htmls);
}

/**
 * What someone wrote as safe nodes (the server's HTML, or the text as plain
 * text without it), with each mention as the person's name tag
 * (`<plaza-person>`: their card on hover, focus or tap) instead of plain
 * text. The tags are made here, after sanitising, from the mention's id and
 * visible name only, so nothing the author wrote becomes markup. Until
 * `<plaza-person>` is defined (or, `lazy`, near the viewport) the name shows
 * as it was written.
 */
export function renderCommentText(written: Written, loading: Loading = 'eager'): DocumentFragment {
  const fragment = renderWritten(written);
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
