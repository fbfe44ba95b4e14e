import type { ReactiveController, ReactiveElement } from 'lit';

/** Where a feed's status composer shows (the `composer` attribute). */
export type ComposerPlacement = 'auto' | 'always' | 'never';

export interface PageComposerContext {
  /** The reader may post here and the feed is not `compact`. */
  may: boolean;
  placement: ComposerPlacement;
}

/** The feeds on this page that would take the composer by themselves (`auto`). */
const candidates = new Set<PageComposer>();

/**
 * One page, one status composer (decision 85): of the feeds that may show
 * one and leave it to Plaza (`composer="auto"`), the first in the document
 * does; `always` shows one anyway, `never` does not. A feed that goes or
 * changes hands it on at once.
 */
export class PageComposer implements ReactiveController {
  #wants = false;

  readonly #host: ReactiveElement;
  readonly #context: () => PageComposerContext;

  constructor(host: ReactiveElement, context: () => PageComposerContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  /** Whether this feed shows the composer. */
  get shows(): boolean {
    const { may, placement } = this.#context();
    if (!may || placement === 'never') return false;
    if (placement === 'always') return true;
    for (const other of candidates) {
      if (other !== this && other.#wants && other.#host.compareDocumentPosition(this.#host) & Node.DOCUMENT_POSITION_FOLLOWING) return false;
    }
    return true;
  }

  hostConnected(): void {
    candidates.add(this);
    this.#hand();
  }

  hostDisconnected(): void {
    candidates.delete(this);
    this.#wants = false;
    this.#hand();
  }

  hostUpdate(): void {
    const { may, placement } = this.#context();
    const wants = may && placement === 'auto';
    if (wants === this.#wants) return;
    this.#wants = wants;
    this.#hand();
  }

  /** The others decide again. */
  #hand(): void {
    for (const other of candidates) if (other !== this) other.#host.requestUpdate();
  }
}
