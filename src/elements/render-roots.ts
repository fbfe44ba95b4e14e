/**
 * Plaza's elements put other Plaza tags into their own shadow roots (a comment's author
 * `<plaza-person>`, its `<plaza-reactions>`), where the lazy loader's watch on the document
 * cannot see them. Each element's render root is announced here as it is made; the loader
 * (src/loader/loader.ts) listens, and without it (bundlers register every tag up front) nobody does.
 */
type RootWatcher = (root: DocumentFragment | HTMLElement) => void;

let watcher: RootWatcher | undefined;

/** Called by the loader once: from then on every new render root is handed to `watch`. */
export function watchRenderRoots(watch: RootWatcher | undefined): void {
  watcher = watch;
}

/** Called by PlazaElement as it makes its render root. */
export function announceRenderRoot(root: DocumentFragment | HTMLElement): void {
  watcher?.(root);
}
