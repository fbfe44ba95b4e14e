import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, isSafeUrl, openApart } from './content-rules.ts';

/** The parts of the HTML Sanitizer API Plaza uses (not in TypeScript's DOM types yet). */
interface SanitizerConfig {
  elements: string[];
  attributes: string[];
  comments: boolean;
  /** Must be false when `attributes` lists a `data-` attribute (else the config is refused). */
  dataAttributes: boolean;
}
type SanitizerClass = new (config: SanitizerConfig) => object;
type SettingHtml = Element & { setHTML(html: string, options: { sanitizer: object }): void };

/**
 * The browser's own sanitiser (the HTML Sanitizer API, `Element.setHTML`) with Plaza's allowlist
 * (decision 182), or undefined where the browser has none, or one that does not honour the
 * allowlist (an early implementation): then src/core/content.ts loads DOMPurify instead.
 *
 * `setHTML` parses into an inert document, keeps only the listed elements and attributes and,
 * whatever the list says, never a script, an event handler or a `javascript:` URL; nothing is
 * serialised and parsed again (no mutation XSS), and it takes a plain string under Trusted Types.
 * Unlike DOMPurify it drops an element off the list with its content (DOMPurify keeps the text):
 * the server's renderer writes none, so only a foreign or hostile backend's HTML loses words.
 * Beyond the allowlist Plaza applies the server's URL rule and opens links apart, as with DOMPurify.
 */
export function nativeSanitizer(): ((html: string) => DocumentFragment) | undefined {
  const Sanitizer = (globalThis as { Sanitizer?: SanitizerClass }).Sanitizer;
  if (typeof Sanitizer !== 'function' || !('setHTML' in Element.prototype)) return undefined;
  let sanitizer: object;
  try {
    sanitizer = new Sanitizer({ elements: ALLOWED_ELEMENTS, attributes: ALLOWED_ATTRIBUTES, comments: false, dataAttributes: false });
  } catch (error) {
    // A Sanitizer of another shape (an earlier draft of the API): DOMPurify does the work.
    console.info('[plaza] the browser’s Sanitizer does not take Plaza’s allowlist; DOMPurify is used', error);
    return undefined;
  }
  const parse = (html: string): HTMLElement => {
    const holder = document.createElement('div');
    (holder as unknown as SettingHtml).setHTML(html, { sanitizer });
    return holder;
  };
  // Held to the allowlist, not just to the browser's own minimum (which keeps <b>, <img> and every data- attribute).
  // No event handler in the probe: Chromium reports one it parses as a CSP violation on pages without
  // 'unsafe-inline', although it never runs (the safe method takes handlers out whatever the config).
  const probe = parse('<em title="t">a</em><b>b</b><img src="x"><a href="javascript:x">c</a><!--d--><span data-x="1">e</span>');
  const shape = [...probe.childNodes].map((n) => (n instanceof Element ? [n.localName, ...[...n.attributes].map((a) => a.name)].join(' ') : n.nodeName));
  if (shape.join() !== 'em title,a,span') return undefined;
  return (html) => {
    const holder = parse(html);
    for (const link of holder.querySelectorAll('a')) {
      const href = link.getAttribute('href');
      if (href !== null && !isSafeUrl(href)) link.removeAttribute('href');
      openApart(link);
    }
    const fragment = document.createDocumentFragment();
    fragment.append(...holder.childNodes);
    return fragment;
  };
}
