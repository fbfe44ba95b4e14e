import type { ReactiveController, ReactiveElement } from 'lit';

/** Where the heights are kept: one small map for every thread this browser showed lately. */
const STORE = 'plaza:thread-heights';
/** Threads remembered; the oldest go first. */
const KEEP = 100;

export interface ReservedHeightContext {
  key: string;
  status: string;
}

/**
 * Holds the place a thread will take while its first page loads, so what
 * follows on the page does not jump when it arrives (issue 16; decision 85):
 * the height the thread had on this browser's last visit, else the
 * skeleton's own (`.thread.loading` in comments.styles.ts, the same 20em a
 * page's stylesheet can give the tag before Plaza's script has run).
 * Set through the CSSOM, which a strict Content-Security-Policy allows.
 */
export class ReservedHeight implements ReactiveController {
  #measured = '';
  /**
   * Whether the remembered height may be used: only when the thread draws before the page's first
   * paint (a bundle, a cached classic script). Drawn later (the lazy loader's chunks arrive after it),
   * growing from the room the page held to the remembered height would itself move what follows, so
   * the skeleton keeps that room until the thread's data comes (decision 137).
   */
  readonly #beforeFirstPaint = performance.getEntriesByName('first-paint').length === 0 && performance.getEntriesByName('first-contentful-paint').length === 0;

  readonly #host: ReactiveElement;
  readonly #context: () => ReservedHeightContext;

  constructor(host: ReactiveElement, context: () => ReservedHeightContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostUpdated(): void {
    const { key, status } = this.#context();
    const section = this.#host.renderRoot.querySelector<HTMLElement>('section');
    if (!section) return;
    const loading = status === 'initial' || status === 'pending';
    const remembered = loading && this.#beforeFirstPaint ? read()[key] : undefined;
    section.style.height = remembered ? `${remembered}px` : '';
    if (loading) this.#measured = '';
    if (status !== 'complete' || this.#measured === key) return;
    this.#measured = key;
    // After the frame: name tags and reaction bars have taken their size.
    requestAnimationFrame(() => remember(key, Math.round(section.getBoundingClientRect().height)));
  }
}

function read(): Record<string, number> {
  try {
    return (JSON.parse(localStorage.getItem(STORE) ?? '{}') as Record<string, number>) ?? {};
  } catch {
    // Storage refused (private window, policy) or garbled: the skeleton's own height it is.
    return {};
  }
}

function remember(key: string, height: number): void {
  const heights = read();
  delete heights[key];
  heights[key] = height;
  const keys = Object.keys(heights);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP))) delete heights[old];
  try {
    localStorage.setItem(STORE, JSON.stringify(heights));
  } catch {
    // Full or refused: the next visit shows the skeleton's own height, nothing worse.
  }
}
