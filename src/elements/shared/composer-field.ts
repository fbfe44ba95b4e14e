import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { shownMentions, storedMentions } from '../../core/comments/mention-text.ts';
import type { Translate } from '../../core/i18n.ts';
import { renderCommentText } from './comment-body.ts';
import type { DraftPreviewState } from './draft-preview.ts';
import type { MentionAutocomplete, MentionTarget } from './mention-autocomplete.ts';

/**
 * The form both kinds of composer render, the comment thread's (new comment,
 * reply, edit) and the activity feed's status post: a labelled text field in
 * which Ctrl+Enter sends and `@` and a name mention a colleague, the message
 * of the last failed attempt (heard at once by screen readers), and a bar
 * with the buttons. One implementation, so that writing works and reads the
 * same in every element; the parts (`composer`, `textarea`, `mentions`,
 * `composer-error`, `submit`) are the elements' public API.
 */

/** What the form needs of a composer's state. */
export interface ComposerState extends MentionTarget {
  /** What is stored and sent: mentions as Markdown. The field shows them as `@Name` (`names`). */
  text: string;
  /** Sending or saving is on its way: the form says so, and a second press waits. */
  busy: boolean;
  /** Why the last attempt failed, in the reader's language. */
  error: string;
  /** The text shows as it will be posted, in place of the field. */
  preview?: boolean;
  /** The server's rendering of the draft for the preview (draft-preview.ts). */
  previewed?: DraftPreviewState;
}

export interface ComposerFormOptions<C extends ComposerState> {
  composer: C;
  /** The text field's id, which focus moves to; the error below it is `<id>-error`. */
  id: string;
  label: string;
  rows: number;
  mentions: MentionAutocomplete<C>;
  /** The reader changed the text (stored form; a chosen mention is put in place through the autocomplete's own context). */
  input(text: string): void;
  /** The form was sent, by button or Ctrl+Enter; the mention list is closed already. */
  submit(): void;
  /** The longest text allowed: over it the field is invalid, and `<id>-count` (in the bar) describes it. */
  limit?: number;
  /** The field gives way to a preview (rendered in `below`) but keeps its text. */
  previewing?: boolean;
  /** Above the label: an edit's conflict. */
  above?: unknown;
  /** Under the field: the preview. */
  below?: unknown;
  /** The bar's content: buttons, and whatever else the composer offers. */
  bar: unknown;
}

/** The composer's form: `above`, the label, the text field with its mention list, `below`, the error, and the bar. */
export function renderComposerForm<C extends ComposerState>(options: ComposerFormOptions<C>) {
  const { composer, id, mentions, limit } = options;
  const submit = (event: Event) => {
    event.preventDefault();
    mentions.close();
    options.submit();
  };
  const field = mentions.fieldState(composer);
  const over = limit !== undefined && composer.text.length > limit;
  return html`<form part="composer" class="composer" data-composer=${composer.id} aria-busy=${composer.busy ? 'true' : 'false'} @submit=${submit}>
    ${options.above ?? nothing}
    <label for=${id} class="composer-label">${options.label}</label>
    <div class="field" ?hidden=${!!options.previewing}>
      <textarea
        id=${id}
        part="textarea"
        rows=${options.rows}
        .value=${live(shownMentions(composer.text, composer.names))}
        aria-invalid=${over || composer.error ? 'true' : 'false'}
        aria-describedby=${limit === undefined ? `${id}-error` : `${id}-error ${id}-count`}
        aria-autocomplete="list"
        aria-controls=${field.controls}
        aria-activedescendant=${ifDefined(field.activeDescendant)}
        @input=${(e: Event) => {
          const textarea = e.target as HTMLTextAreaElement;
          options.input(storedMentions(textarea.value, composer.names));
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
    ${options.below ?? nothing}
    <p id="${id}-error" part="composer-error" class="error" role="alert">${composer.error}</p>
    <div class="composer-bar">${options.bar}</div>
  </form>`;
}

/** The send (or save) button, marked disabled while the composer is busy (a press then does nothing). */
export function renderSubmit(composer: ComposerState, label: string) {
  return html`<button type="submit" part="submit" class="primary" aria-disabled=${composer.busy ? 'true' : 'false'}>${label}</button>`;
}

/**
 * The text as it will be posted, rendered by the server (mentions as name
 * tags), for `below` while previewing: a note while it loads, the reason if
 * it failed.
 */
export function renderPreview(composer: ComposerState, t: Translate) {
  const { text, previewed } = composer;
  const shown = previewed?.text === text ? previewed : undefined;
  return html`<div part="preview" class="preview body" role="region" aria-label=${t('composer.preview')} aria-busy=${shown?.status === 'pending' ? 'true' : 'false'}>
    ${!text.trim()
      ? html`<p class="muted">${t('composer.preview.empty')}</p>`
      : shown?.status === 'complete'
        ? guard([text, shown.html], () => renderCommentText({ text, html: shown.html }))
        : shown?.status === 'error'
          ? html`<p class="error" part="preview-error" role="alert">${shown.error}</p>`
          : html`<p class="muted" part="preview-pending">${t('composer.preview.loading')}</p>`}
  </div>`;
}

/** The "Vorschau" button, pressed while the preview shows. */
export function renderPreviewToggle(composer: ComposerState, t: Translate, toggle: () => void) {
  return html`<button type="button" class="secondary" aria-pressed=${composer.preview ? 'true' : 'false'} @click=${toggle}>${t('composer.preview')}</button>`;
}
