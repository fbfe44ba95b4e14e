import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { MessageKey, Translate } from '../../core/i18n.ts';
import { renderCommentText } from '../shared/comment-body.ts';
import { renderComposerForm, renderPreview, renderPreviewToggle, renderSubmit } from '../shared/composer-field.ts';
import type { MentionAutocomplete } from '../shared/mention-autocomplete.ts';
import type { Composer, WritingController } from './writing-controller.ts';

export interface ComposerOptions {
  t: Translate;
  label: string;
  submitLabel: string;
  /** The server's longest comment, from the thread. */
  limit: number;
  writing: WritingController;
  mentions: MentionAutocomplete<Composer>;
  /** Replies and edits can be closed; the thread's own composer cannot. */
  onCancel?: () => void;
}

/** The counter appears near the limit only, so it does not nag. */
const COUNT_FROM = 0.9;

/**
 * The Markdown help: each example as typed (the message) and as it shows. The
 * page has no Markdown parser (decision 108), so how each shows is written
 * here, around the words of the message without its Markdown signs.
 */
const HELP: Array<[MessageKey, (example: string) => TemplateResult]> = [
  ['composer.help.bold', (example) => html`<strong>${example.slice(2, -2)}</strong>`],
  ['composer.help.italic', (example) => html`<em>${example.slice(1, -1)}</em>`],
  ['composer.help.code', (example) => html`<code>${example.slice(1, -1)}</code>`],
  ['composer.help.link', (example) => {
    const link = /^\[(.*)\]\((.*)\)$/.exec(example);
    return html`<a href=${link?.[2] ?? ''} rel="noopener noreferrer ugc" target="_blank">${link?.[1] ?? example}</a>`;
  }],
  ['composer.help.list', (example) => html`<ul><li>${example.replace(/^- /, '')}</li></ul>`],
  ['composer.help.quote', (example) => html`<blockquote>${example.replace(/^> /, '')}</blockquote>`],
];

/**
 * A comment composer: the shared form (labelled text field in which
 * Ctrl+Enter sends and `@` and a name mention a colleague, the message of the
 * last failed attempt) with what comments add: a preview rendered exactly as
 * the comment will be, a short Markdown help, a counter near the limit, and
 * an edit's conflict with the newer version.
 */
export function renderComposer(composer: Composer, options: ComposerOptions) {
  const { t, writing, limit } = options;
  const id = `text-${composer.id}`;
  const length = composer.text.length;
  const over = length > limit;
  const counter = length < limit * COUNT_FROM ? '' : over ? t('composer.over', { count: length - limit }) : t('composer.remaining', { count: limit - length });
  return renderComposerForm({
    composer,
    id,
    label: options.label,
    rows: 4,
    mentions: options.mentions,
    input: (text) => writing.input(composer, text),
    submit: () => void writing.submit(composer),
    limit,
    previewing: composer.preview,
    above: composer.conflict
      ? html`<div class="conflict" part="conflict">
          <p role="alert">${t('composer.conflict')}</p>
          <figure>
            <figcaption>${t('composer.conflict.current')}</figcaption>
            <div class="body">${guard([composer.conflict.text, composer.conflict.html], () => renderCommentText(composer.conflict!))}</div>
          </figure>
        </div>`
      : nothing,
    below: composer.preview ? renderPreview(composer, t) : nothing,
    bar: html`<details class="help" part="help">
        <summary>${t('composer.help')}</summary>
        <p>${t('composer.help.intro')}</p>
        <ul class="help-examples">
          ${HELP.map(([key, shows]) => html`<li><code>${t(key)}</code><span class="example body">${shows(t(key))}</span></li>`)}
        </ul>
      </details>
      <span id="${id}-count" class="count ${over ? 'over' : ''}">${counter}</span>
      <span class="buttons">
        ${renderPreviewToggle(composer, t, () => writing.togglePreview(composer))}
        ${options.onCancel ? html`<button type="button" class="secondary" @click=${options.onCancel}>${t('composer.cancel')}</button>` : nothing}
        ${renderSubmit(composer, options.submitLabel)}
      </span>`,
  });
}
