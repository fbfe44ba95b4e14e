import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a pointer rests on a name before its card opens, and may wander off (to the card, say) before it closes. */
export const HOVER_OPEN_MS = 450;
export const HOVER_CLOSE_MS = 300;
/** Gap between name and card, and the least distance from the viewport's edges. */
const GAP = 6;
const MARGIN = 8;

type Host = ReactiveControllerHost & HTMLElement;

/** Browsers before 2024 lack the Popover API; the card then floats with position: fixed on a high z-index (see person.styles.ts). */
const popoverSupported = typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;

/**
 * The behaviour of `<plaza-person>`'s hovercard: open after a short rest of
 * the mouse, or at once on click / tap / Enter; close on Escape (focus back
 * to the name), a click elsewhere, focus leaving, or the mouse leaving name
 * and card. The card lives in the top layer (Popover API) so a legacy page's
 * `overflow: hidden` or z-index cannot clip it; this places it next to the
 * name, flipping above near the bottom edge, and keeps it there on scroll.
 */
export class HovercardController implements ReactiveController {
  /** Whether the card shows. */
  open = false;
  /** Whether the card was ever opened; it is not built before, so fifty names cost no fifty cards. */
  used = false;
  /** A hover-opened card closes when the mouse leaves; a clicked one stays until dismissed. */
  #pinned = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #resizeObserver: ResizeObserver | undefined;

  readonly #host: Host;
  readonly #parts: () => { trigger: HTMLElement | null; card: HTMLElement | null };

  constructor(host: Host, parts: () => { trigger: HTMLElement | null; card: HTMLElement | null }) {
    this.#host = host;
    this.#parts = parts;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close(false);
  }

  /** Mouse resting on the name or the card: open soon, or stay open. Touch and pen go through click. */
  pointerEnter = (event: PointerEvent): void => {
    if (event.pointerType !== 'mouse') return;
    this.#schedule(this.open ? undefined : () => this.show(false), HOVER_OPEN_MS);
  };

  pointerLeave = (event: PointerEvent): void => {
    if (event.pointerType !== 'mouse') return;
    this.#schedule(this.open && !this.#pinned ? () => this.close(false) : undefined, HOVER_CLOSE_MS);
  };

  /** Click, tap, Enter or Space on the name: opens and pins; a second one closes. A card opened by hovering is pinned rather than closed. */
  toggle = (): void => {
    this.#schedule(undefined, 0);
    if (this.open && this.#pinned) this.close(false);
    else void this.show(true);
  };

  /** Escape anywhere closes the card; it is the page's Escape too, so it is only claimed when focus is on the name or in the card. */
  #keydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    if (this.#focusInside()) event.preventDefault();
    this.close(true);
  };

  async show(pinned: boolean): Promise<void> {
    this.#pinned ||= pinned;
    if (this.open) return;
    this.open = this.used = true;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const card = this.#parts().card;
    if (!card || !this.open) return;
    if (popoverSupported) card.showPopover();
    else card.dataset.open = '';
    this.#place();
    addEventListener('scroll', this.#place, { capture: true, passive: true });
    addEventListener('resize', this.#place, { passive: true });
    document.addEventListener('pointerdown', this.#outside, true);
    document.addEventListener('keydown', this.#keydown);
    // The card grows when the profile arrives: stay in the viewport.
    this.#resizeObserver = new ResizeObserver(() => this.#place());
    this.#resizeObserver.observe(card);
  }

  /** Closes; with `refocus`, focus returns to the name if it was inside the card. */
  close(refocus: boolean): void {
    this.#schedule(undefined, 0);
    if (!this.open) return;
    const { trigger, card } = this.#parts();
    const focusInside = this.#focusInside();
    this.open = this.#pinned = false;
    removeEventListener('scroll', this.#place, { capture: true });
    removeEventListener('resize', this.#place);
    document.removeEventListener('pointerdown', this.#outside, true);
    document.removeEventListener('keydown', this.#keydown);
    this.#resizeObserver?.disconnect();
    if (popoverSupported && card?.matches(':popover-open')) card.hidePopover();
    if (card) delete card.dataset.open;
    if (refocus && focusInside) trigger?.focus();
    this.#host.requestUpdate();
  }

  /** Focus moved on: close once it has settled somewhere outside the name and its card (but not when the window merely lost focus). */
  focusOut = (): void => {
    setTimeout(() => {
      if (this.open && document.hasFocus() && !this.#focusInside()) this.close(false);
    });
  };

  /**
   * Whether focus is on the name or in the card. Not `:focus-within`, which
   * Chromium does not match on the host while focus is inside a top-layer popover.
   */
  #focusInside(): boolean {
    for (let active = document.activeElement; active; active = active.shadowRoot?.activeElement ?? null) {
      if (active === this.#host) return true;
    }
    return false;
  }

  #outside = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this.#host)) this.close(false);
  };

  #place = (): void => {
    const { trigger, card } = this.#parts();
    if (!trigger || !card) return;
    const spot = placeCard(trigger.getBoundingClientRect(), card.getBoundingClientRect(), viewport());
    card.style.top = `${spot.top}px`;
    card.style.left = `${spot.left}px`;
    card.dataset.placement = spot.placement;
  };

  #schedule(action: (() => unknown) | undefined, ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = action ? setTimeout(action, ms) : undefined;
  }
}

/**
 * Where the card goes: below the name, or above it when it does not fit below
 * and there is more room above; shifted sideways to stay inside the viewport.
 */
export function placeCard(
  anchor: Pick<DOMRect, 'top' | 'bottom' | 'left'>,
  card: Pick<DOMRect, 'width' | 'height'>,
  viewport: { width: number; height: number },
): { top: number; left: number; placement: 'above' | 'below' } {
  const roomBelow = viewport.height - anchor.bottom - GAP - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const placement = card.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const top = placement === 'below' ? anchor.bottom + GAP : anchor.top - GAP - card.height;
  return {
    top: Math.round(clamp(top, MARGIN, viewport.height - card.height - MARGIN)),
    left: Math.round(clamp(anchor.left, MARGIN, viewport.width - card.width - MARGIN)),
    placement,
  };
}

/** The viewport without scrollbars; legacy pages in quirks mode measure it on body. */
function viewport(): { width: number; height: number } {
  const root = document.compatMode === 'CSS1Compat' ? document.documentElement : document.body;
  return { width: root.clientWidth || innerWidth, height: root.clientHeight || innerHeight };
}

/** Like Math.min(max(…)), but a card larger than the room sticks to the start edge rather than the end. */
function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
