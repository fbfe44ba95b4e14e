export { markdownToHtml } from '../../src/core/markdown.ts';
export const MARKDOWN_RENDERER_VERSION = 1;
