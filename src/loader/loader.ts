/**
 * The lazy loader behind `plaza.js` (decision 126): it registers nothing up front, watches the
 * document (and the shadow roots Plaza's elements make) for Plaza tags and `data-plaza`
 * placeholders, and imports a tag's module the first time the tag appears, then defines it.
 * A page pays only for the elements it uses.
 *
 * Nothing here is imported by an element's module, so the build keeps the loader alone in
 * `plaza.js` and no chunk imports the entry back (a page may load it as `plaza.js?v=3`: a
 * chunk importing `../plaza.js` would then run a second loader with its own state).
 */
import { upgradePlaceholdersWithin, widgetNames } from '../core/placeholders.ts';
import { registry, type PlazaTag } from '../registry.ts';

const TAGS = Object.keys(registry) as PlazaTag[];
const WIDGETS = widgetNames(TAGS);

/** Each tag asked for, and when it is defined. */
const requested = new Map<PlazaTag, Promise<void>>();
/** Work a page asked for (its messages, its reaction kinds) that must be done before an element draws. */
const setup = new Set<Promise<unknown>>();
/** The elements' side of the loader: which script loaded Plaza, and where their shadow roots are announced. */
let linked: Promise<void> | undefined;
let scriptUrl = '';

/** Starts watching the document; `url` is the loader script's own address (its `data-*` attributes configure Plaza). */
export function startLoader(url: string): void {
  scriptUrl = url;
  upgradePlaceholdersWithin(document, WIDGETS);
  requestWithin(document);
  observe(document);
}

/**
 * Loads and defines the given tags now (all by default), whether or not they are on the page yet:
 * for a page that makes Plaza tags inside its own shadow roots, where the loader does not look.
 */
export async function defineElements(tags: readonly PlazaTag[] = TAGS): Promise<void> {
  await Promise.all(tags.map(request));
}

/** Holds every element's definition until `work` is done (a page registering its messages). */
export function beforeDefining<T>(work: Promise<T>): Promise<T> {
  setup.add(work);
  return work.finally(() => setup.delete(work));
}

function request(tag: PlazaTag): Promise<void> {
  let defined = requested.get(tag);
  if (!defined) {
    // <plaza-config> first, as before: an element that upgrades inside it must find its configuration at once.
    const config = tag === 'plaza-config' ? undefined : requested.get('plaza-config');
    defined = Promise.all([registry[tag](), link()])
      .then(async ([element]) => {
        await Promise.all([config, ...setup]);
        // Another copy of Plaza (a bundle, a second loader) may have defined it meanwhile.
        if (!customElements.get(tag)) customElements.define(tag, element);
      })
      .catch((error: unknown) => {
        // The next time the tag appears, try again (the network may be back).
        requested.delete(tag);
        console.error(`[plaza] <${tag}> could not be loaded`, error);
      });
    requested.set(tag, defined);
  }
  return defined;
}

function link(): Promise<void> {
  linked ??= import('../elements/loader-link.ts').then(({ linkElements }) =>
    linkElements(scriptUrl, (root) => {
      requestWithin(root);
      observe(root);
    }),
  );
  return linked;
}

/** Asks for every tag in `root` (and `root` itself), `<plaza-config>` first. */
function requestWithin(root: ParentNode): void {
  if (requested.size === TAGS.length) return;
  const found = new Set<string>();
  if (root instanceof Element) found.add(root.localName);
  for (const element of root.querySelectorAll(TAGS.join(','))) found.add(element.localName);
  for (const tag of TAGS) if (found.has(tag)) void request(tag);
}

/** Watches `root` for added tags; once every tag is on its way, new roots are not watched (nothing is left to find). */
function observe(root: Node): void {
  if (requested.size === TAGS.length) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        // Placeholders live in the page's own markup; Plaza's shadow roots hold none.
        if (root === document) upgradePlaceholdersWithin(node, WIDGETS);
        if (node.isConnected) requestWithin(node);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
}
