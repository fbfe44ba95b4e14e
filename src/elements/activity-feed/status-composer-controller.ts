import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import type { FeedController } from './feed-controller.ts';
import type { DraftStore, DraftTarget } from '../../core/draft-store.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import type { ActivityScope, Person } from '../../core/protocol.ts';
import { isBlank } from '../../core/text.ts';
import { renderComposerForm, renderPreview, renderPreviewToggle, renderSubmit, type ComposerState } from '../shared/composer-field.ts';
import { stopPreview, togglePreview, type LoadPreview } from '../shared/draft-preview.ts';
import type { MentionAutocomplete } from '../shared/mention-autocomplete.ts';
import { PlazaStatusFailedEvent, PlazaStatusPostedEvent, PlazaStatusSubmitEvent } from './events.ts';
import { asPlazaError } from '../../core/problem.ts';

export interface StatusContext {
  drafts: DraftStore;
  feed: FeedController;
  scope: ActivityScope;
  author: Person | null;
  t: Translate;
  /** Renders a draft on the server, for "Vorschau". */
  preview: LoadPreview;
  announce(text: string): void;
}

/** The draft of a feed's composer: one per scope, so a reload (or another feed of the same scope) finds it. */
export const statusDraftTarget = (scope: ActivityScope): DraftTarget => ({ thread: `activities:${scope}` });

/**
 * The status-post composer's state, with the rules of the comment composer:
 * every keystroke is kept as a draft (with the Idempotency-Key of the last
 * attempt, so a retry after a lost answer never posts twice); sending empties
 * the field at once and shows the post as "sending" at the top of the feed;
 * the draft goes only when the server has the post; a refused post puts the
 * text back with the reason.
 */
export class StatusComposer implements ReactiveController {
  /** What the shared form and the mention autocomplete read; its id makes the mention list's ids. */
  composer: ComposerState = { id: 'status', text: '', names: new Map(), busy: false, error: '' };
  /** Where the draft is kept: the scope's. */
  #target: DraftTarget = { thread: '' };

  readonly #host: LitElement;
  readonly #context: () => StatusContext;

  constructor(host: LitElement, context: () => StatusContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  hostUpdate(): void {
    const { drafts, scope } = this.#context();
    const target = statusDraftTarget(scope);
    if (target.thread === this.#target.thread) return;
    this.#target = target;
    this.composer = { ...this.composer, text: drafts.get(target)?.text ?? '', error: '' };
  }

  /** Shows the post as it will look, or the field again. */
  togglePreview(): void {
    togglePreview(this.composer, this.#context().preview, this.#context().t, () => this.#host.requestUpdate());
  }

  /** The reader changed the text (typing, or a mention put in place). */
  input(text: string): void {
    this.composer.text = text;
    this.composer.error = '';
    this.#context().drafts.save(this.#target, text);
    this.#host.requestUpdate();
  }

  async submit(): Promise<void> {
    const { composer } = this;
    const target = this.#target;
    const { drafts, feed, scope, author, t, announce } = this.#context();
    const text = composer.text;
    if (composer.busy) return;
    if (isBlank(text)) {
      composer.error = t('feed.composer.empty');
      return this.#host.requestUpdate();
    }
    const submit = new PlazaStatusSubmitEvent(text, scope);
    if (!this.#host.dispatchEvent(submit)) return;
    const idempotencyKey = drafts.idempotencyKey(target, text);
    composer.busy = true;
    composer.error = '';
    composer.text = '';
    stopPreview(composer);
    composer.preview = false;
    this.#host.requestUpdate();
    try {
      const activity = await feed.post(text, scope.startsWith('space:') ? scope.slice('space:'.length) : null, idempotencyKey, author);
      drafts.clear(target, text);
      announce(t('feed.composer.posted'));
      const posted = new PlazaStatusPostedEvent(activity);
      this.#host.dispatchEvent(posted);
    } catch (error) {
      // The reader may have started the next post meanwhile: the refused words go back above theirs, so neither is lost.
      const typedSince = composer.text;
      composer.text = typedSince ? `${text}\n\n${typedSince}` : text;
      if (typedSince) drafts.save(target, composer.text);
      composer.error = t('feed.composer.failed', { reason: describeProblem(t, error) });
      const failed = new PlazaStatusFailedEvent(text, asPlazaError(error));
      this.#host.dispatchEvent(failed);
    } finally {
      composer.busy = false;
      this.#host.requestUpdate();
    }
  }
}

/** The shared composer form (Ctrl+Enter sends; `@` and a name mention a colleague) with preview and send buttons in its bar. */
export function renderStatusComposer(writing: StatusComposer, mentions: MentionAutocomplete<ComposerState>, t: Translate) {
  const composer = writing.composer;
  return renderComposerForm({
    composer,
    id: 'status-text', // where focus returns when the last post goes (activity-item.ts)
    label: t('feed.composer.label'),
    rows: 3,
    mentions,
    input: (text) => writing.input(text),
    submit: () => void writing.submit(),
    previewing: composer.preview,
    below: composer.preview ? renderPreview(composer, t) : nothing,
    bar: html`<span class="buttons">
      ${renderPreviewToggle(composer, t, () => writing.togglePreview())}
      ${renderSubmit(composer, composer.busy ? t('feed.sending') : t('feed.composer.submit'))}
    </span>`,
  });
}
