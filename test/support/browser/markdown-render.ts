import { sanitizeHtml } from '../../../src/core/content.ts';
import { markdownToHtml } from '../../../src/core/markdown.ts';

/**
 * The browser's former Markdown path (src/core/markdown.ts, then DOMPurify),
 * for the tests of that converter until it is removed: the page itself no
 * longer renders Markdown (decision 108), the server does.
 */
export function renderMarkdown(markdown: string): DocumentFragment {
  return sanitizeHtml(markdownToHtml(markdown));
}
