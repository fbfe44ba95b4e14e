/**
 * CMS editors whose editor strips unknown tags paste a placeholder instead:
 * `<div data-plaza="reactions" data-target="page:/news/kantine"></div>`.
 * Each one becomes the real element, its other `data-*` attributes becoming
 * the element's attributes (`data-page-size` → `page-size`); placeholders the
 * page adds later (an AJAX-loaded teaser list) are upgraded too.
 */

const SELECTOR = '[data-plaza]';

/** Replaces one placeholder with its element; returns the element, or null for a widget not in `widgets`. */
export function upgradePlaceholder(placeholder: HTMLElement, widgets: readonly string[]): HTMLElement | null {
  const name = placeholder.dataset.plaza ?? '';
  if (!widgets.includes(name)) {
    console.warn(`[plaza] unknown widget "${name}" in data-plaza; known: ${widgets.join(', ')}`);
    return null;
  }
  const tag = `plaza-${name}`;
  const element = placeholder.ownerDocument.createElement(tag);
  for (const { name, value } of Array.from(placeholder.attributes)) {
    if (name === 'data-plaza') continue;
    element.setAttribute(name.startsWith('data-') ? name.slice(5) : name, value);
  }
  placeholder.replaceWith(element);
  return element;
}

/** Upgrades the placeholders in `node`, and `node` itself if it is one. */
export function upgradePlaceholdersWithin(node: ParentNode, widgets: readonly string[]): void {
  if (node instanceof HTMLElement && node.matches(SELECTOR)) upgradePlaceholder(node, widgets);
  for (const found of Array.from(node.querySelectorAll<HTMLElement>(SELECTOR))) upgradePlaceholder(found, widgets);
}

/** Upgrades every placeholder now and whenever one is added; returns a function that stops watching. */
export function watchPlaceholders(widgets: readonly string[], root: Document | Element = document): () => void {
  upgradePlaceholdersWithin(root, widgets);
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of Array.from(record.addedNodes)) if (node instanceof HTMLElement) upgradePlaceholdersWithin(node, widgets);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
