import { createRequire } from 'node:module';
import { isSafeUrl } from '../../../server/markdown/links.ts';

/**
 * The commonmark-spec examples of the sections Plaza supports, and how each
 * deliberate difference can be told apart from a bug, for
 * commonmark-conformance.test.ts.
 */

export interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

/** The sections of the specification whose constructs Plaza renders (issue 17). */
export const SUPPORTED_SECTIONS = [
  'Backslash escapes',
  'Entity and numeric character references',
  'Fenced code blocks',
  'Paragraphs',
  'Blank lines',
  'Block quotes',
  'List items',
  'Lists',
  'Code spans',
  'Emphasis and strong emphasis',
  'Links',
  'Autolinks',
  'Hard line breaks',
  'Soft line breaks',
];

/** The examples, with `→` turned into the tab it stands for, as the spec's own spec_tests.py does. */
export function supportedExamples(): SpecExample[] {
  const { tests } = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };
  return tests
    .filter((example) => SUPPORTED_SECTIONS.includes(example.section))
    .map((example) => ({ ...example, markdown: example.markdown.replace(/→/g, '\t'), html: example.html.replace(/→/g, '\t') }));
}

/**
 * Why Plaza's output differs from the spec's on purpose (decision 103).
 * The first is cosmetic: the spec's HTML with it applied must equal Plaza's.
 * The others change the structure and are checked by what the example holds.
 */
export type Difference =
  | 'line breaks' // a soft line break shows as <br> (breaks: true), as Plaza always did
  | 'raw HTML as text' // html: false
  | 'images as links' // an image is a link to it, labelled with its alt text
  | 'unsafe URL' // a scheme other than http, https, mailto is no link
  | 'bare links' // bare http(s) URLs are links, as Plaza always made them
  | 'arithmetic'; // a * between digits is not emphasis: 2*3*4 stays as typed

/** Whether the example really holds what a structural difference names. */
export function holds(difference: Difference, example: SpecExample, plaza: string): boolean {
  switch (difference) {
    case 'raw HTML as text':
      return /<[a-zA-Z!/?]/.test(example.markdown.replace(/<(?:https?|mailto):[^\s<>]*>/gi, ''));
    case 'images as links':
      return /<img /.test(example.html);
    case 'unsafe URL':
      return [...example.html.matchAll(/href="([^"]*)"/g)].some((href) => !isSafeUrl(href[1]!));
    case 'bare links':
      return plaza.split('<a ').length > example.html.split('<a ').length;
    case 'arithmetic':
      return /\d\*+\d/.test(example.markdown);
    default:
      return false;
  }
}

const BLOCK_OR_BREAK = /^<\/?(?:p|li|ul|ol|blockquote|pre|h[1-6]|hr|br)\b/;

/**
 * The spec's HTML as breaks: true renders it, Plaza's one cosmetic
 * difference: a newline in inline content (not in <pre>, not beside a block
 * tag or after a <br />) becomes `<br>`.
 */
export function softBreaksAsBr(html: string): string {
  const parts = html.split(/(<pre[\s\S]*?<\/pre>|<[^>]*>)/);
  return parts
    .map((part, i) => {
      if (part.startsWith('<')) return part;
      return part.replace(/\n/g, (newline, at: number) => {
        const atStart = at === 0;
        const atEnd = at === part.length - 1;
        const before = atStart ? (parts[i - 1] ?? '') : 'text';
        const after = atEnd ? (parts[i + 1] ?? '') : 'text';
        if ((atStart && (before === '' || BLOCK_OR_BREAK.test(before))) || (atEnd && (after === '' || BLOCK_OR_BREAK.test(after)))) return newline;
        return '<br>\n';
      });
    })
    .join('');
}
