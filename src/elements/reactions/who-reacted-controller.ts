import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { PlazaClient } from '../../core/client.ts';
import type { Person } from '../../core/protocol.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { isAbort } from '../../core/problem.ts';
import { kindEmoji, kindLabel } from '../../core/reaction-kinds.ts';

interface KindPeople {
  people: Person[];
  total: number;
  nextCursor: string | null;
  status: 'pending' | 'complete' | 'error';
  error?: unknown;
}

/**
 * Loads "who reacted" on demand, kind by kind, only when the reader opens the
 * list: a page full of bars costs nothing until someone asks.
 */
export class WhoReactedController implements ReactiveController {
  byKind = new Map<string, KindPeople>();
  #abort: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Starts loading each kind's people; `counts` are shown as the totals until the server's arrive. */
  open(client: PlazaClient, target: string, counts: Record<string, number>): void {
    this.close();
    this.#abort = new AbortController();
    for (const [kind, total] of Object.entries(counts)) {
      this.byKind.set(kind, { people: [], total, nextCursor: null, status: 'pending' });
      this.loadMore(client, target, kind);
    }
  }

  close(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.byKind.clear();
  }

  loadMore(client: PlazaClient, target: string, kind: string): void {
    const signal = this.#abort?.signal;
    const current = this.byKind.get(kind) ?? { people: [], total: 0, nextCursor: null, status: 'pending' as const };
    this.byKind.set(kind, { ...current, status: 'pending' });
    this.host.requestUpdate();
    client.reactionPeople(target, kind, current.nextCursor, signal).then(
      (page) => {
        this.byKind.set(kind, { people: [...current.people, ...page.items], total: page.total, nextCursor: page.nextCursor, status: 'complete' });
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        this.byKind.set(kind, { ...current, status: 'error', error });
        this.host.requestUpdate();
      },
    );
  }
}

export function renderWhoReacted(
  who: WhoReactedController,
  t: Translate,
  locale: string,
  onMore: (kind: string) => void,
) {
  const kinds = [...who.byKind.entries()];
  return html`<section id="who" part="who" aria-label=${t('reactions.who.title')}>
    ${kinds.length === 0 ? html`<p>${t('reactions.who.empty')}</p>` : nothing}
    ${kinds.map(([kind, state]) => {
      return html`<div class="who-kind">
        <h3 class="who-heading"><span aria-hidden="true">${kindEmoji(kind) ?? ''}</span> ${kindLabel(t, kind)} (${state.total.toLocaleString(locale)})</h3>
        <ul class="who-people" aria-busy=${state.status === 'pending' ? 'true' : 'false'}>
          ${state.people.map((person) => html`<li>${person.name}</li>`)}
          ${state.status === 'pending' ? html`<li class="loading">${t('reactions.loading')}</li>` : nothing}
        </ul>
        ${state.status === 'error' ? html`<p class="error" role="alert">${describeProblem(t, state.error)}</p>` : nothing}
        ${state.nextCursor && state.status !== 'pending'
          ? html`<button class="link" @click=${() => onMore(kind)}>${t('reactions.who.more')}</button>`
          : nothing}
      </div>`;
    })}
  </section>`;
}
