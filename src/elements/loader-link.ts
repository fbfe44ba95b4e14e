/**
 * Where the lazy loader (src/loader/loader.ts) meets the elements it loads. It lives with the
 * elements, which all import it, so the build puts it in their shared chunk and never in
 * `plaza.js`; the loader imports it beside the first element it loads.
 *
 * Plaza's elements put other Plaza tags into their own shadow roots (a comment's author
 * `<plaza-person>`, its `<plaza-reactions>`), where the loader's watch on the document cannot
 * see them: each render root is announced here as it is made. Without the loader (`plaza.classic.js`
 * and bundlers register every tag up front) nobody listens.
 */
import { pageDefaults, rememberLoaderScript } from '../core/config.ts';
import { messagesLoading, resolveLocale } from '../core/i18n.ts';

type RootWatcher = (root: DocumentFragment | HTMLElement) => void;

let watcher: RootWatcher | undefined;

/**
 * Called by the loader once: the scripts that may have loaded Plaza (their `data-*` attributes
 * configure it), and who watches new render roots. Done once the page's language is loaded: the
 * loader defines no element before, so an element draws as it upgrades. (Defined but waiting for
 * its messages, it would have neither the room a page's `:not(:defined)` rule held nor its own.)
 */
export async function linkElements(scriptUrls: string[], watch: RootWatcher): Promise<void> {
  rememberLoaderScript(...scriptUrls);
  watcher = watch;
  await messagesLoading(resolveLocale(pageDefaults().locale ?? '', document.documentElement));
}

/** Called by PlazaElement as it makes its render root. */
export function announceRenderRoot(root: DocumentFragment | HTMLElement): void {
  watcher?.(root);
}
