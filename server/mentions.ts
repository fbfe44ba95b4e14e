import { MENTION_PATTERN } from '../src/core/protocol.ts';

const FENCE = /^\s{0,3}(```|~~~)/;
const CODE_SPAN = /`([^`]+)`/g;

/**
 * The ids a comment mentions, each once, in order of first mention. Code
 * blocks and code spans are skipped the way the client's Markdown skips them
 * (src/core/markdown.ts), so the server never checks, lists or notifies a
 * "mention" that readers see as code.
 */
export function mentionedIds(markdown: string): string[] {
  const ids = new Set<string>();
  let inFence = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    for (const match of line.replace(CODE_SPAN, '').matchAll(MENTION_PATTERN)) ids.add(match[2]!);
  }
  return [...ids];
}
