import { markdownToHtml, MARKDOWN_RENDERER_VERSION } from './render.ts';

/**
 * The HTML stored beside a text and the HTML a reader gets (decision 106).
 * Rendering happens once, when a comment is written; a row rendered by
 * another renderer version (or never: written before migration 006, or by a
 * script) is rendered again when read, and not written back, so a read never
 * becomes a write (decision 64's queue) and a renderer upgrade needs no
 * migration of old rows. Empty text is empty HTML, so a placeholder or an
 * erased comment shows no words in either field.
 */

export interface RenderedHtml {
  html: string;
  version: number;
}

/** What a write stores beside `text`. */
export function renderForStorage(text: string): RenderedHtml {
  return { html: htmlOf(text), version: MARKDOWN_RENDERER_VERSION };
}

/** What a reader gets: the stored HTML when the current renderer made it, else `text` rendered now. */
export function shownHtml(text: string, stored: string | null | undefined, version: number | null | undefined): string {
  if (text === '') return '';
  return stored != null && version === MARKDOWN_RENDERER_VERSION ? stored : htmlOf(text);
}

function htmlOf(text: string): string {
  return text === '' ? '' : markdownToHtml(text);
}
