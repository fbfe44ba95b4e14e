import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CommentStore } from '../../core/comments/comment-store.ts';
import { newIdempotencyKey } from '../../core/draft-store.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import { PlazaError } from '../../core/problem.ts';
import { LIMITS, PROBLEM_TYPES } from '../../core/protocol.ts';
import { PlazaCommentReportedEvent, PlazaCommentReportEvent } from './events.ts';

export interface ReportContext {
  store: CommentStore;
  key: string;
  t: Translate;
  /** Moves focus to the element matching `selector` in the shadow root after the next render. */
  focus(selector: string): void;
}

/**
 * Reporting a comment to the moderators: "Report" opens a small form under
 * the comment asking for a reason; sending it thanks the reader in place.
 * Reporting the same comment again replaces the reason (the server keeps one
 * open report per reader and comment), and the form says so.
 */
export class ReportController implements ReactiveController {
  /** The comment whose form is open. */
  open: string | null = null;
  /** The comment that shows the thanks for its report. */
  thanked: string | null = null;
  busy = false;
  error = '';

  readonly #reasons = new Map<string, string>();
  /** The reasons sent, per comment, in this page's life. */
  readonly #sent = new Map<string, string>();
  #thread = '';

  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #context: () => ReportContext;

  constructor(host: ReactiveControllerHost & EventTarget, context: () => ReportContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostUpdate(): void {
    // Another thread: the forms and thanks of the previous one do not belong here.
    const { key } = this.#context();
    if (key === this.#thread) return;
    this.#thread = key;
    this.open = this.thanked = null;
  }

  start(id: string): void {
    Object.assign(this, { open: id, thanked: null, error: '' });
    if (!this.#reasons.has(id) && this.#sent.has(id)) this.#reasons.set(id, this.#sent.get(id)!);
    this.#host.requestUpdate();
    this.#context().focus(`#report-${id}`);
  }

  cancel(): void {
    const id = this.open;
    Object.assign(this, { open: null, error: '' });
    this.#host.requestUpdate();
    if (id) this.#context().focus(`#comment-${id} [data-action="report"]`);
  }

  input(id: string, reason: string): void {
    this.#reasons.set(id, reason);
  }

  async submit(id: string): Promise<void> {
    const { store, key, t, focus } = this.#context();
    const reason = (this.#reasons.get(id) ?? '').trim();
    this.error = !reason
      ? t('comment.report.empty')
      : reason.length > LIMITS.reportReasonLength
        ? t('comment.report.tooLong', { max: LIMITS.reportReasonLength })
        : '';
    if (this.error || this.busy) return this.#refuse(id);
    const report = new PlazaCommentReportEvent(key, id, reason);
    if (!this.#host.dispatchEvent(report)) return;
    this.busy = true;
    this.#host.requestUpdate();
    try {
      const filed = await store.report(id, reason, newIdempotencyKey());
      this.#sent.set(id, reason);
      this.#reasons.delete(id);
      Object.assign(this, { open: null, thanked: id });
      focus(`#report-thanks-${id}`);
      const reported = new PlazaCommentReportedEvent(key, filed);
      this.#host.dispatchEvent(reported);
    } catch (error) {
      this.error = t('comment.report.failed', { reason: describeReportProblem(t, error) });
      this.#refuse(id);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }

  /** The form under comment `id`, or the thanks after sending it. */
  render(id: string) {
    const { t } = this.#context();
    if (this.thanked === id) {
      return html`<p class="report-thanks" part="report-thanks" id="report-thanks-${id}" tabindex="-1">${t('comment.report.sent')}</p>`;
    }
    if (this.open !== id) return nothing;
    const field = `report-${id}`;
    const submit = (event: Event) => {
      event.preventDefault();
      void this.submit(id);
    };
    return html`<form class="report" part="report" novalidate aria-labelledby="${field}-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${submit}>
      <p class="report-title" id="${field}-title">${t('comment.report.title')}</p>
      <label for=${field}>${t('comment.report.reason')}</label>
      <textarea
        id=${field}
        rows="3"
        maxlength=${LIMITS.reportReasonLength}
        required
        aria-describedby="${field}-hint ${field}-error"
        aria-invalid=${this.error ? 'true' : 'false'}
        .value=${live(this.#reasons.get(id) ?? '')}
        @input=${(e: Event) => this.input(id, (e.target as HTMLTextAreaElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          // Plaza's Escape: the page's own dialog must not close with the form (own-keys.ts).
          if (e.key !== 'Escape') return;
          e.preventDefault();
          this.cancel();
        }}
      ></textarea>
      <p class="muted" id="${field}-hint">${t(this.#sent.has(id) ? 'comment.report.again' : 'comment.report.hint')}</p>
      <p class="error" id="${field}-error" role="alert">${this.error}</p>
      <span class="buttons">
        <button type="button" class="secondary" data-action="cancel-report" @click=${() => this.cancel()}>${t('composer.cancel')}</button>
        <button type="submit" class="primary" data-action="send-report" aria-disabled=${this.busy ? 'true' : 'false'}>${t('comment.report.submit')}</button>
      </span>
    </form>`;
  }

  #refuse(id: string): void {
    this.#host.requestUpdate();
    this.#context().focus(`#report-${id}`);
  }
}

/** Why a report was not taken, in words that fit a report. */
function describeReportProblem(t: Translate, error: unknown): string {
  // The length and emptiness were checked before sending; what is left are characters the server cannot store.
  if (error instanceof PlazaError && error.type === PROBLEM_TYPES.validation) return t('composer.invalid');
  return describeProblem(t, error);
}
