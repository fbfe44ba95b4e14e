/**
 * `plaza.js`, the one script a page loads (decisions 126, 133): `<script type="module"
 * src=".../plaza.js">`. It is the lazy loader (src/loader/loader.ts): each element's module
 * is imported the first time its tag (or a `data-plaza` placeholder) appears, so a page pays only
 * for the elements it uses. (`plaza.lazy.js`, its name as a preview, re-exports it.) Bundlers
 * import the package root instead, src/index.ts, which registers every element up front.
 *
 * What it exports must not pull an element in (decision 127): functions that load what they need
 * on demand and take effect before any element is defined, and the classes as types only, for
 * typed events in a page's editor. DOM event classes are named `Plaza` + their type + `Event`
 * (`plaza-comment-deleted`: PlazaCommentDeletedEvent), so no name here is also a protocol type's
 * (test/build/public-names.test.ts). The classes themselves are `plaza/define` and
 * `plaza/elements/<name>` for bundlers, and `customElements.whenDefined(tag)` for pages.
 */
import { createLoader } from './loader/loader.ts';
import { registry, type PlazaTag } from './registry.ts';
import type { Message, Messages } from './core/i18n.ts';

const loader = createLoader(registry, () => {
  // The build has each element's import also start the chunks it imports and the messages they
  // speak in the page's language, core's included (build/preload-chunks.ts; decisions 131, 180, 210).
  // A page may load the loader by its preview name, plaza.lazy.js, which re-exports plaza.js (decision 133).
  const scripts = [import.meta.url, new URL('plaza.lazy.js', import.meta.url).href];
  return import('./elements/loader-link.ts').then(({ linkElements }) => linkElements(scripts, (root) => loader.watch(root)));
});
loader.start();
const { beforeDefining } = loader;

/**
 * Loads and defines the given tags now (all by default), whether or not they are on the page yet:
 * for a page that makes Plaza tags inside its own shadow roots, where the loader does not look.
 */
export function defineElements(tags?: readonly PlazaTag[]): Promise<void> {
  return loader.defineElements(tags);
}
// Its types bring define.ts's, and with them the tag type map (HTMLElementTagNameMap).
export type { PlazaTag };

/**
 * Adds or overrides a language, e.g. `registerMessages('de', { 'reactions.who': 'Wer war das?' })`
 * for a company that says "Du". Elements wait for it: none draws before the messages are in.
 */
export function registerMessages(locale: string, messages: Partial<Messages> & Record<string, Message>): Promise<void> {
  return beforeDefining(import('./core/i18n.ts').then((i18n) => i18n.registerMessages(locale, messages)));
}

/** Gives a custom reaction kind its emoji, e.g. `defineReactionKind('thanks', '🙏')`, before any bar draws. */
export function defineReactionKind(kind: string, emoji: string): Promise<void> {
  return beforeDefining(import('./core/reaction-kinds.ts').then((kinds) => kinds.defineReactionKind(kind, emoji)));
}

/** The key of the discussion that belongs to a page (`page:<path>`), as `<plaza-comments>` makes it without `thread`. */
export async function threadKeyFor(doc: Document = document): Promise<string> {
  return (await import('./core/thread-key.ts')).threadKeyFor(doc);
}

// Everything else the package root (src/index.ts, for bundlers) exports (element and event classes,
// PlazaError, the protocol), as types only: the functions above shadow its eager ones of the same names.
export type * from './index.ts';
