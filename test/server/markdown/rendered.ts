import { markdownToHtml } from '../../../server/markdown/render.ts';

/** Helpers that read markdownToHtml's output as a reader would, for the tests beside this file. */

/** The HTML without the newlines markdown-it puts between tags: what is left is what the browser shows. */
export function html(markdown: string): string {
  return markdownToHtml(markdown)
    .replace(/>\n/g, '>')
    .replace(/\n(?=<(?:ul|ol|blockquote|p|pre|h[1-6]|hr)>)/g, '');
}

/** The text a reader sees: tags gone, line breaks as newlines, references decoded. */
export function text(markdown: string): string {
  return html(markdown)
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name]!);
}

/** href and text of every link, in order. */
export function links(markdown: string): Array<[string, string]> {
  return [...html(markdown).matchAll(/<a href="([^"]*)">(.*?)<\/a>/g)].map((link) => [
    link[1]!.replace(/&amp;/g, '&'),
    link[2]!.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&'),
  ]);
}
