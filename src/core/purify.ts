import DOMPurify from 'dompurify';
import type { TrustedTypePolicy, TrustedTypePolicyFactory } from 'trusted-types/lib/index.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS, SAFE_URL, openApart } from './content-rules.ts';

/**
 * The sanitiser for browsers without the Sanitizer API (decision 182): DOMPurify, an instance of
 * our own so that our hooks never touch a page's DOMPurify, loaded only where it is needed
 * (src/core/content.ts).
 */
export function purifySanitizer(): (html: string) => DocumentFragment {
  const purifier = DOMPurify(window);
  // Set once: a config passed to every sanitize() call is parsed again each time (~70 ms per 1,000 comments).
  const trusted = trustedTypesPolicy();
  purifier.setConfig({
    ALLOWED_TAGS: ALLOWED_ELEMENTS,
    ALLOWED_ATTR: ALLOWED_ATTRIBUTES,
    // DOMPurify checks the value of an attribute it does not know as URI-safe against ALLOWED_URI_REGEXP: a number is no URL.
    ADD_URI_SAFE_ATTR: ['start'],
    ALLOWED_URI_REGEXP: SAFE_URL,
    ...(trusted ? { TRUSTED_TYPES_POLICY: trusted } : {}),
    RETURN_DOM_FRAGMENT: true,
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node instanceof HTMLAnchorElement) openApart(node);
  });
  return (html) => purifier.sanitize(html) as unknown as DocumentFragment;
}

/**
 * The one Trusted Types policy Plaza creates, used only to hand DOMPurify's own
 * parser its input. Pages that list allowed policy names in their CSP
 * (`trusted-types …`) must allow `plaza` (and `lit-html` for Lit).
 */
let policy: Pick<TrustedTypePolicy, 'name' | 'createHTML'> | null | undefined;

function trustedTypesPolicy(): TrustedTypePolicy | undefined {
  const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;
  if (policy === undefined) {
    try {
      policy = factory?.createPolicy('plaza', { createHTML: (html: string) => html }) ?? null;
    } catch (error) {
      console.warn('[plaza] could not create the "plaza" Trusted Types policy; DOMPurify falls back to its own', error);
      policy = null;
    }
  }
  // DOMPurify only ever calls createHTML on the policy it is given.
  return (policy ?? undefined) as TrustedTypePolicy | undefined;
}
