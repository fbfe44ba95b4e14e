import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { renderMarkdown } from '../../core/content.ts';
import type { MessageKey, Translate } from '../../core/i18n.ts';
import { renderCommentText } from './comment-body.ts';
import type { MentionAutocomplete } from './mention-autocomplete.ts';
import type { Composer, WritingController } from './writing.ts';

export interface ComposerOptions {
  t: Translate;
  label: string;
  submitLabel: string;
  /** The server's longest comment, from the thread. */
  limit: number;
  writing: WritingController;
  mentions: MentionAutocomplete;
  /** Replies and edits can be closed; the thread's own composer cannot. */
  onCancel?: () => void;
}

const HELP: MessageKey[] = ['composer.help.bold', 'composer.help.italic', 'composer.help.code', 'composer.help.link', 'composer.help.list', 'composer.help.quote'];

/** The counter appears near the limit only, so it does not nag. */
const COUNT_FROM = 0.9;

/**
 * A composer: a labelled textarea (Ctrl+Enter sends; `@` and a name mention
 * a colleague), a preview rendered exactly as the comment will be, a short
 * Markdown help, and the message of the last failed attempt, which screen
 * readers hear at once.
 */
export function renderComposer(composer: Composer, options: ComposerOptions) {
  const { t, writing, limit, mentions } = options;
  const id = `text-${composer.id}`;
  const length = composer.text.length;
  const over = length > limit;
  const counter = length < limit * COUNT_FROM ? '' : over ? t('composer.over', { count: length - limit }) : t('composer.remaining', { count: limit - length });
  const submit = (event: Event) => {
    event.preventDefault();
    mentions.close();
    void writing.submit(composer);
  };
  const field = mentions.fieldState(composer);
  return html`<form part="composer" class="composer" data-composer=${composer.id} aria-busy=${composer.busy ? 'true' : 'false'} @submit=${submit}>
    ${composer.conflict
      ? html`<div class="conflict" part="conflict">
          <p role="alert">${t('composer.conflict')}</p>
          <figure>
            <figcaption>${t('composer.conflict.current')}</figcaption>
            <div class="body">${guard([composer.conflict.text], () => renderMarkdown(composer.conflict!.text))}</div>
          </figure>
        </div>`
      : nothing}
    <label for=${id} class="composer-label">${options.label}</label>
    <div class="field" ?hidden=${composer.preview}>
      <textarea
        id=${id}
        part="textarea"
        rows="4"
        .value=${live(composer.text)}
        aria-invalid=${over || composer.error ? 'true' : 'false'}
        aria-describedby="${id}-error ${id}-count"
        aria-autocomplete="list"
        aria-controls=${field.controls}
        aria-activedescendant=${ifDefined(field.activeDescendant)}
        @input=${(e: Event) => {
          const textarea = e.target as HTMLTextAreaElement;
          writing.input(composer, textarea.value);
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
    ${composer.preview
      ? html`<div part="preview" class="preview body" role="region" aria-label=${t('composer.preview')}>
          ${composer.text.trim() ? guard([composer.text], () => renderCommentText(composer.text)) : html`<p class="muted">${t('composer.preview.empty')}</p>`}
        </div>`
      : nothing}
    <p id="${id}-error" part="composer-error" class="error" role="alert">${composer.error}</p>
    <div class="composer-bar">
      <details class="help" part="help">
        <summary>${t('composer.help')}</summary>
        <p>${t('composer.help.intro')}</p>
        <ul class="help-examples">
          ${HELP.map((key) => html`<li><code>${t(key)}</code><span class="example body">${guard([t(key)], () => renderMarkdown(t(key)))}</span></li>`)}
        </ul>
      </details>
      <span id="${id}-count" class="count ${over ? 'over' : ''}">${counter}</span>
      <span class="buttons">
        <button type="button" class="secondary" aria-pressed=${composer.preview ? 'true' : 'false'} @click=${() => writing.togglePreview(composer)}>
          ${t('composer.preview')}
        </button>
        ${options.onCancel ? html`<button type="button" class="secondary" @click=${options.onCancel}>${t('composer.cancel')}</button>` : nothing}
        <button type="submit" part="submit" class="primary" aria-disabled=${composer.busy ? 'true' : 'false'}>${options.submitLabel}</button>
      </span>
    </div>
  </form>`;
}
