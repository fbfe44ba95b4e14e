/**
 * Keys typed into Plaza stay Plaza's. Shadow DOM retargets a key event from Plaza's text field
 * to the element's host, so a legacy page's handler cannot tell it came from a text field:
 * WebForms' `document.onkeypress` (which spares only a `textarea`) turned Enter in the comment
 * box into a postback of the whole page, and one-letter page shortcuts fire while someone types.
 *
 * At the host, keys from Plaza's own editable fields go no further, except Tab (a page's focus
 * trap needs it) and an Escape Plaza did not use (a page's dialog closes on it; one Plaza used,
 * marked by preventDefault, stays Plaza's wherever it came from); from Plaza's other controls
 * only Enter and Space, the keys that press them, are kept.
 */
export function keepOwnKeys(host: HTMLElement): void {
  for (const type of ['keydown', 'keypress', 'keyup']) host.addEventListener(type, keep as EventListener);
}

function keep(this: HTMLElement, event: KeyboardEvent): void {
  const from = event.composedPath()[0];
  // The host's light DOM (a page's own field slotted into a card, say) is the page's; what the
  // host does not contain but the event came through is inside its shadow tree, at any depth.
  if (!(from instanceof HTMLElement) || this.contains(from)) return;
  const { key } = event;
  const editable = from.isContentEditable || /^(textarea|input|select)$/.test(from.localName);
  const ours = key === 'Escape' ? event.defaultPrevented : key !== 'Tab' && (editable || key === 'Enter' || key === ' ');
  if (ours) event.stopPropagation();
}
