import { html, type LitElement, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { FeedController } from '../../controllers/feed-controller.ts';
import type { DraftStore, DraftTarget } from '../../core/draft-store.ts';
import { describeProblem, type Translate } from '../../core/i18n.ts';
import type { ActivityScope, Person } from '../../core/protocol.ts';
import type { MentionAutocomplete } from '../comments/mention-autocomplete.ts';
import type { Composer } from '../comments/writing.ts';
import { StatusFailedEvent, StatusPostedEvent, StatusSubmitEvent } from './events.ts';

export interface StatusContext {
  drafts: DraftStore;
  feed: FeedController;
  scope: ActivityScope;
  author: Person | null;
  t: Translate;
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
  /** Shaped as the comment composers are, so the mention autocomplete serves this one too. */
  composer: Composer = { id: 'status', target: { thread: '' }, text: '', preview: false, busy: false, error: '' };

  constructor(
    private readonly host: LitElement,
    private readonly context: () => StatusContext,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { drafts, scope } = this.context();
    const target = statusDraftTarget(scope);
    if (target.thread === this.composer.target.thread) return;
    this.composer = { ...this.composer, target, text: drafts.get(target)?.text ?? '', error: '' };
  }

  /** The reader changed the text (typing, or a mention put in place). */
  input(text: string): void {
    this.composer.text = text;
    this.composer.error = '';
    this.context().drafts.save(this.composer.target, text);
    this.host.requestUpdate();
  }

  async submit(): Promise<void> {
    const composer = this.composer;
    const { drafts, feed, scope, author, t, announce } = this.context();
    const text = composer.text;
    if (composer.busy) return;
    if (!text.trim()) {
      composer.error = t('feed.composer.empty');
      return this.host.requestUpdate();
    }
    const submit = new StatusSubmitEvent(text, scope);
    if (!this.host.dispatchEvent(submit)) return;
    const idempotencyKey = drafts.idempotencyKey(composer.target, text);
    composer.busy = true;
    composer.error = '';
    composer.text = '';
    this.host.requestUpdate();
    try {
      const activity = await feed.post(text, scope.startsWith('space:') ? scope.slice('space:'.length) : null, idempotencyKey, author);
      drafts.clear(composer.target, text);
      announce(t('feed.composer.posted'));
      const posted = new StatusPostedEvent(activity);
      this.host.dispatchEvent(posted);
    } catch (error) {
      // The reader may have started the next post meanwhile: the refused words go back above theirs, so neither is lost.
      const typedSince = composer.text;
      composer.text = typedSince ? `${text}\n\n${typedSince}` : text;
      if (typedSince) drafts.save(composer.target, composer.text);
      composer.error = t('feed.composer.failed', { reason: describeProblem(t, error) });
      const failed = new StatusFailedEvent(text, error);
      this.host.dispatchEvent(failed);
    } finally {
      composer.busy = false;
      this.host.requestUpdate();
    }
  }
}

/** A labelled text field (Ctrl+Enter sends; `@` and a name mention a colleague), its error, and the send button. */
export function renderStatusComposer(writing: StatusComposer, mentions: MentionAutocomplete, t: Translate) {
  const composer = writing.composer;
  const submit = (event: Event) => {
    event.preventDefault();
    mentions.close();
    void writing.submit();
  };
  const field = mentions.fieldState(composer);
  return html`<form part="composer" class="composer" aria-busy=${composer.busy ? 'true' : 'false'} @submit=${submit}>
    <label for="status-text" class="composer-label">${t('feed.composer.label')}</label>
    <div class="field">
      <textarea
        id="status-text"
        part="textarea"
        rows="3"
        .value=${live(composer.text)}
        aria-invalid=${composer.error ? 'true' : 'false'}
        aria-describedby="status-error"
        aria-autocomplete="list"
        aria-controls=${field.controls}
        aria-activedescendant=${ifDefined(field.activeDescendant)}
        @input=${(e: Event) => {
          const textarea = e.target as HTMLTextAreaElement;
          writing.input(textarea.value);
          mentions.input(composer, textarea);
        }}
        @keydown=${(e: KeyboardEvent) => {
          if (mentions.keydown(composer, e)) return;
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
        @blur=${() => mentions.close()}
      ></textarea>
      ${mentions.renderList(composer)}
    </div>
    <p id="status-error" part="composer-error" class="error" role="alert">${composer.error}</p>
    <div class="composer-bar">
      <button type="submit" part="submit" class="primary" aria-disabled=${composer.busy ? 'true' : 'false'}>
        ${composer.busy ? t('feed.sending') : t('feed.composer.submit')}
      </button>
    </div>
  </form>`;
}
