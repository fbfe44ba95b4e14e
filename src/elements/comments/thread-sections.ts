import { html, nothing } from 'lit';
import type { ThreadController } from './thread-controller.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';

/** Grey shapes where comments will be, while the first page loads; screen readers hear that it loads. */
export function renderSkeleton(t: Translate) {
  return html`<div class="skeletons" aria-busy="true">
    <p class="visually-hidden">${t('comments.loading')}</p>
    ${[0, 1, 2].map(() => html`<div part="skeleton" class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`)}
  </div>`;
}

/** "Load more comments", and why the last attempt failed. */
export function renderLoadMore(thread: ThreadController, t: Translate) {
  const { more } = thread;
  return html`<div class="more">
    <button part="load-more" class="secondary" aria-busy=${more.status === 'pending' ? 'true' : 'false'} @click=${() => thread.loadMore()}>
      ${t('comments.more')}
    </button>
    ${more.status === 'error' ? html`<p class="error" role="alert">${t('comments.more.failed')} ${describeProblem(t, more.error)}</p>` : nothing}
  </div>`;
}
