/**
 * The lazy loader behind `plaza.js` (decisions 126, 133): it registers nothing up front, watches the
 * document (and the shadow roots Plaza's elements make) for Plaza tags and `data-plaza`
 * placeholders, and imports a tag's module the first time the tag appears, then defines it (the
 * tags that appear together, together). A page pays only for the elements it uses.
 *
 * Nothing here is imported by an element's module, so the build keeps the loader alone in
 * `plaza.js` and no chunk imports the entry back (a page may load it as `plaza.js?v=3`:
 * a chunk importing `../plaza.js` would then run a second loader with its own state).
 */
import { upgradePlaceholdersWithin } from '../core/placeholders.ts';
import { widgetNames } from '../core/widget-names.ts';

/** Each tag and how to load its class (src/registry.ts). */
export type ElementLoaders<Tag extends string> = Readonly<Record<Tag, () => Promise<CustomElementConstructor>>>;

export interface Loader<Tag extends string> {
  /** Upgrades the placeholders in the document, asks for the tags in it, and watches it for more. */
  start(): void;
  /** Asks for the tags in `root` (a render root an element made) and watches it for more. */
  watch(root: DocumentFragment | HTMLElement): void;
  /**
   * Loads and defines the given tags now (all by default), whether or not they are on the page yet:
   * for a page that makes Plaza tags inside its own shadow roots, where the loader does not look.
   */
  defineElements(tags?: readonly Tag[]): Promise<void>;
  /** Holds every element's definition until `work` is done (a page registering its messages). */
  beforeDefining<T>(work: Promise<T>): Promise<T>;
}

/**
 * `link` is run once, beside the first element's import, and must be done before any element
 * is defined: it hands the elements what they need from the loader (src/elements/loader-link.ts).
 */
export function createLoader<Tag extends `plaza-${string}`>(loaders: ElementLoaders<Tag>, link: () => Promise<void>, registry = customElements): Loader<Tag> {
  const tags = Object.keys(loaders) as Tag[];
  const widgets = widgetNames(tags);
  const selector = tags.join(',');
  /** Each tag asked for, and when it is defined. */
  const requested = new Map<Tag, Promise<unknown>>();
  /** Work a page asked for (its messages, its reaction kinds) that must be done before an element draws. */
  const setup = new Set<Promise<unknown>>();
  let linked: Promise<void> | undefined;

  /**
   * Loads the tags found together and defines them together, once all are here, as the one-file
   * script did: their elements upgrade in one task and ask for their data in one batch, rather than
   * one element's first render holding up the next one's definition (decision 221).
   */
  const request = (wanted: readonly Tag[]): Promise<unknown> => {
    const fresh = wanted.filter((tag) => !requested.has(tag));
    const defined = Promise.all([
      // <plaza-config> first, as before: an element that upgrades inside it must find its configuration at once.
      requested.get('plaza-config' as Tag),
      ...fresh.map((tag) =>
        Promise.all([loaders[tag](), (linked ??= link())])
          .then(async ([element]) => {
            // An element's own messages in the page's language (decision 180): defined once they are
            // here, it draws as it upgrades. Only Plaza's elements have `prepare`.
            await Promise.all([...setup, (element as { prepare?: () => unknown }).prepare?.()]);
            return () => registry.get(tag) || registry.define(tag, element);
          })
          .catch((error: unknown) => {
            // The next time the tag appears, try again (the network may be back).
            requested.delete(tag);
            console.error(`[plaza] <${tag}> could not be loaded`, error);
          }),
      ),
      // In the order asked for, <plaza-config> first. Another copy of Plaza (a bundle, a second
      // loader) may have defined a tag meanwhile.
    ]).then(([, ...defines]) => defines.map((define) => define?.()));
    for (const tag of fresh) requested.set(tag, defined);
    return Promise.all(wanted.map((tag) => requested.get(tag)));
  };

  /** Asks for every tag in the roots (and the roots themselves), together. */
  const requestWithin = (...roots: ParentNode[]): void => {
    if (requested.size === tags.length) return;
    const found = new Set<string>();
    for (const root of roots) {
      if (root instanceof Element) found.add(root.localName);
      for (const element of Array.from(root.querySelectorAll(selector))) found.add(element.localName);
    }
    // In the registry's order, which puts <plaza-config> first.
    void request(tags.filter((tag) => found.has(tag)));
  };

  /** Watches `root` for added tags; once every tag is on its way, new render roots are not watched (nothing is left to find). */
  const observe = (root: Node): void => {
    if (root !== document && requested.size === tags.length) return;
    new MutationObserver((records) => {
      const added: Element[] = [];
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue;
          // Placeholders live in the page's own markup; Plaza's shadow roots hold none.
          if (root === document) upgradePlaceholdersWithin(node, widgets);
          if (node.isConnected) added.push(node);
        }
      }
      requestWithin(...added);
    }).observe(root, { childList: true, subtree: true });
  };

  return {
    start() {
      upgradePlaceholdersWithin(document, widgets);
      requestWithin(document);
      observe(document);
    },
    watch(root) {
      requestWithin(root);
      observe(root);
    },
    async defineElements(wanted = tags) {
      await request(wanted);
    },
    beforeDefining(work) {
      setup.add(work);
      return work.finally(() => setup.delete(work));
    },
  };
}
