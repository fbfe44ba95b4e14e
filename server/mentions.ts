import { renderedMentionIds } from './markdown/render.ts';

/**
 * The ids a comment mentions, each once, in order of first mention: exactly
 * the mentions markdownToHtml shows as name tags, from the same parse. A
 * mention that readers see as code (a code span, a fenced or indented code
 * block) or as plain text (inside a link's text or an image's label) is not
 * checked, listed or notified.
 */
export function mentionedIds(markdown: string): string[] {
  return [...new Set(renderedMentionIds(markdown))];
}
