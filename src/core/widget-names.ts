/**
 * The widget names a placeholder may give: each registered tag without its `plaza-`
 * prefix (`plaza-comment-count` → `comment-count`), except `<plaza-config>`, which
 * shows nothing. Made from the tags src/define.ts registers, so the two cannot drift.
 */
export function widgetNames(tags: Iterable<string>): string[] {
  return [...tags].filter((tag) => tag !== 'plaza-config').map((tag) => tag.replace(/^plaza-/, ''));
}
