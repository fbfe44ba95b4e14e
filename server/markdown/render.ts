import MarkdownIt, { type Token } from 'markdown-it';
import { plazaEmphasis } from './emphasis.ts';
import { plazaLinks } from './links.ts';
import { mentionIds, plazaMentions } from './mention.ts';
import { limitQuoteDepth } from './nesting.ts';

/**
 * Plaza's Markdown, rendered once on the server (decision 100): markdown-it
 * with CommonMark's rules, cut to what a comment needs. Paragraphs keep
 * every line break as typed; headings (ATX and setext), thematic breaks,
 * emphasis, strong, ~~strike~~, code spans, fenced and indented code, lists,
 * block quotes, links with their titles, autolinks, bare http(s) links and
 * mentions. Tables stay text, raw HTML is shown as text, images become links
 * (decision 101); links only go where isSafeUrl allows (decision 102). The browser sanitises this
 * output again with DOMPurify, whatever the server says.
 */

/** Bumped whenever the output for some input changes; stored rows rendered by an older version are re-rendered. */
export const MARKDOWN_RENDERER_VERSION: number = 2;

/** Token nesting beyond this is an attack on the parser, not a conversation (decision 104). */
const MAX_NESTING = 20;

const md = new MarkdownIt('commonmark', {
  html: false,
  xhtmlOut: false,
  // A line break in a comment is a line break, as Plaza always showed it (decision 103).
  breaks: true,
  maxNesting: MAX_NESTING,
})
  .disable(['html_block', 'html_inline'])
  .enable(['strikethrough'])
  .use(plazaEmphasis)
  .use(plazaLinks)
  .use(plazaMentions)
  .use(limitQuoteDepth);

/** A comment's Markdown as HTML, for the browser to sanitise and show. */
export function markdownToHtml(source: string): string {
  return md.render(source);
}

/** The tokens markdownToHtml renders, for what else needs to know what readers will see. */
function parseMarkdown(source: string): Token[] {
  return md.parse(source, {});
}

/** The person ids a text's rendered mentions name, in order, repeats included. */
export function renderedMentionIds(source: string): string[] {
  return mentionIds(parseMarkdown(source));
}
