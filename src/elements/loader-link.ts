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
import { rememberLoaderScript } from '../core/config.ts';

type RootWatcher = (root: DocumentFragment | HTMLElement) => void;

let watcher: RootWatcher | undefined;

/** Called by the loader once: the scripts that may have loaded Plaza (their `data-*` attributes configure it), and who watches new render roots. */
export function linkElements(scriptUrls: string[], watch: RootWatcher): void {
  rememberLoaderScript(...scriptUrls);
  watcher = watch;
}

/** Called by PlazaElement as it makes its render root. */
export function announceRenderRoot(root: DocumentFragment | HTMLElement): void {
  watcher?.(root);
}
