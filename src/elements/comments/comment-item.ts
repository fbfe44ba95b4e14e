import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Translate } from '../../core/i18n.ts';
import type { Me } from '../../core/protocol.ts';
import { relativeTime } from '../../core/time.ts';
import type { ThreadController } from './thread-controller.ts';
import { isOwnComment, type ShownComment, type ShownThreadComment } from '../../core/comments/thread-view.ts';
import type { MentionAutocomplete } from '../shared/mention-autocomplete.ts';
import type { Loading } from '../shared/near-view.ts';
import type { Written } from '../../core/content.ts';
import { renderCommentText } from '../shared/comment-body.ts';
import { renderComposer } from './composer.ts';
import { actionRow, type ActionButton } from './action-row.ts';
import type { ModerationController } from './moderation-controller.ts';
import type { ReportController } from './report-controller.ts';
import type { Composer, WritingController } from './writing-controller.ts';

export interface ItemContext {
  t: Translate;
  locale: string;
  me: Me | undefined;
  /** Posting, replying and editing are possible (not read-only, not closed, signed in). */
  canWrite: boolean;
  readonly: boolean;
  /** The reader moderates, and the element is not read-only. */
  moderator: boolean;
  limit: number;
  highlighted: string | null;
  writing: WritingController;
  mentions: MentionAutocomplete<Composer>;
  report: ReportController;
  moderation: ModerationController;
  thread: ThreadController;
  /** The comments the reader sees first: their bars and names render at once, the others' when near (near-view.ts). */
  firstShown: ReadonlySet<string>;
}

/** A mention at the very start of a reply names whom it answers (the composer puts it there). */
const LEADING_MENTION = /^@\[[^\]\n]{1,100}\]\(person:([^)\s]{1,200})\)/;

/** A top-level comment with its replies (flattened to one level), their "more" button and the reply composer. */
export function renderThreadItem(item: ShownThreadComment, ctx: ItemContext) {
  const { t, writing } = ctx;
  const hidden = item.replyCount - item.replies.length;
  const paging = ctx.thread.moreReplies.get(item.id);
  const replyingHere = writing.replyingTo !== null && (writing.replyingTo === item.id || item.replies.some((r) => r.id === writing.replyingTo));
  const replyTarget = replyingHere ? (item.id === writing.replyingTo ? item : item.replies.find((r) => r.id === writing.replyingTo)!) : undefined;
  return renderComment(item, item, ctx, html`
    ${item.replies.length
      ? html`<ol class="replies" part="replies">
          ${repeat(item.replies, (reply) => reply.id, (reply) => html`<li>${renderComment(reply, item, ctx)}</li>`)}
        </ol>`
      : nothing}
    ${item.repliesCursor && hidden > 0
      ? html`<button class="link more-replies" part="more-replies" aria-busy=${paging?.status === 'pending' ? 'true' : 'false'} @click=${() => ctx.thread.loadMoreReplies(item.id)}>
          ${t('comments.replies.more', { count: hidden })}
        </button>`
      : nothing}
    ${paging?.status === 'error' ? html`<p class="error" role="alert">${t('comments.more.failed')}</p>` : nothing}
    ${replyTarget
      ? html`<div class="reply-composer">
          ${renderComposer(writing.composer({ replyTo: replyTarget.id }), {
            t,
            label: t('composer.label.reply', { name: authorName(t, replyTarget) }),
            submitLabel: t('composer.submit.reply'),
            limit: ctx.limit,
            writing,
            mentions: ctx.mentions,
            onCancel: () => writing.cancelReply(),
          })}
        </div>`
      : nothing}
  `);
}

/** One comment as an article whose heading is its author, so screen readers can jump from comment to comment. */
function renderComment(comment: ShownComment, root: ShownThreadComment, ctx: ItemContext, below: unknown = nothing) {
  const { t, locale, writing } = ctx;
  const top = comment === root;
  const loading: Loading = ctx.firstShown.has(comment.id) ? 'eager' : 'lazy';
  const author = renderAuthor(t, comment, loading);
  const heading = top ? html`<h3 class="author" part="author" id="author-${comment.id}">${author}</h3>` : html`<h4 class="author" part="author" id="author-${comment.id}">${author}</h4>`;
  const placeholder = comment.state === 'deleted' ? t('comment.deleted') : comment.state === 'hidden' ? t('comment.hidden') : '';
  const answered = top ? undefined : inReplyTo(comment, root);
  const editing = writing.editing === comment.id;
  const classes = ['comment', top ? 'top' : 'reply', comment.sending ? 'sending' : '', ctx.highlighted === comment.id ? 'highlighted' : '', placeholder ? 'placeholder' : ''];
  return html`<article id="comment-${comment.id}" part=${top ? 'comment' : 'comment reply'} class=${classes.join(' ')} tabindex="-1" aria-labelledby="author-${comment.id}">
    <header class="meta">
      ${comment.state === 'published' || comment.author
        ? heading
        : top
          ? html`<h3 class="visually-hidden" id="author-${comment.id}">${t(comment.state === 'hidden' ? 'comment.hidden.heading' : 'comment.deleted.heading')}</h3>`
          : html`<h4 class="visually-hidden" id="author-${comment.id}">${t(comment.state === 'hidden' ? 'comment.hidden.heading' : 'comment.deleted.heading')}</h4>`}
      ${comment.author?.role ? html`<span class="role" part="role">${comment.author.role}</span>` : nothing}
      <span class="when" ?hidden=${!!placeholder && !comment.author}>
        ${comment.sending
          ? html`<span part="sending" class="sending-note">${t('comment.sending')}</span>`
          : html`<a part="permalink" class="hit-area" href=${permalink(comment.id)}><time datetime=${comment.createdAt} data-exact-time=${comment.createdAt}>${relativeTime(comment.createdAt, locale)}</time></a>`}
        ${comment.editedAt
          ? html`<span part="edited" class="edited" data-exact-time=${comment.editedAt} data-exact-edited>(${t('comment.edited')})</span>`
          : nothing}
      </span>
      ${answered
        ? html`<span class="in-reply-to" part="in-reply-to">${withLink(t('comment.inReplyTo', { name: '\u0000' }), html`<a class="hit-area" href=${permalink(answered.id)}>${authorName(t, answered)}</a>`)}</span>`
        : nothing}
    </header>
    ${comment.state === 'hidden' && comment.text
      ? html`<p class="placeholder-text" part="hidden-note">${t('comment.hiddenForOthers')}</p><div class="hidden-text">${renderBody(comment, loading)}</div>`
      : placeholder
      ? html`<p class="placeholder-text" part="placeholder">${placeholder}</p>`
      : editing
        ? renderComposer(writing.composer({ edit: comment.id }, comment.text), {
            t,
            label: t('composer.label.edit'),
            submitLabel: t('composer.submit.edit'),
            limit: ctx.limit,
            writing,
            mentions: ctx.mentions,
            onCancel: () => writing.cancelEdit(),
          })
        : renderBody(comment, loading)}
    <div class="footer">
      ${comment.state === 'published' && !comment.sending && !editing
        ? html`<plaza-reactions part="reactions" target="comment:${comment.id}" loading=${loading} ?readonly=${ctx.readonly}></plaza-reactions>`
        : nothing}
      ${renderActions(comment, root, ctx, editing)}
    </div>
    ${ctx.moderation.renderCommentError(comment.id)}
    ${writing.confirmingDelete === comment.id ? renderConfirmDelete(comment, ctx) : nothing}
    ${ctx.report.render(comment.id)}
    ${below}
  </article>`;
}

function renderActions(comment: ShownComment, root: ShownThreadComment, ctx: ItemContext, editing: boolean) {
  const { t, writing, report } = ctx;
  if (comment.sending || editing || ctx.readonly) return nothing;
  const own = isOwnComment(comment, ctx.me);
  const canReply = ctx.canWrite && comment.state === 'published' && root.state === 'published';
  const canEdit = own && ctx.canWrite && comment.state === 'published';
  // Moderators may delete anyone's comment (as the server allows), through the same confirmation as one's own.
  const canDelete = (own || ctx.moderator) && comment.state !== 'deleted';
  // Moderators act on a comment themselves rather than report it to each other.
  const canReport = !own && !ctx.moderator && !!ctx.me?.user && comment.state === 'published';
  const canModerate = ctx.moderator && comment.state !== 'deleted';
  if (writing.confirmingDelete === comment.id) return nothing;
  if (!canReply && !canEdit && !canDelete && !canReport && !canModerate) return nothing;
  const name = authorName(t, comment);
  const buttons: ActionButton[] = [];
  if (canReply) buttons.push({ action: 'reply', text: t('comment.reply'), label: t('comment.reply.label', { name }) });
  if (canEdit) buttons.push({ action: 'edit', text: t('comment.edit'), label: t('comment.edit.label') });
  if (canDelete) buttons.push({ action: 'delete', text: t('comment.delete'), label: own ? t('comment.delete.label') : t('comment.delete.label.other', { name }) });
  if (canReport) buttons.push({ action: 'report', text: t('comment.report'), label: t('comment.report.label', { name }), expanded: report.open === comment.id });
  return html`<div class="actions" part="actions" @click=${(event: Event) => onAction(event, comment, ctx)}>${actionRow(buttons)}${canModerate
    ? ctx.moderation.renderCommentAction(comment, name)
    : nothing}</div>`;
}

/** A click on one of the row's buttons (see action-row.ts), by its `data-action`. */
function onAction(event: Event, comment: ShownComment, { writing, report }: ItemContext): void {
  switch ((event.target as Element).closest('button')?.dataset.action) {
    case 'reply':
      return writing.startReply(comment);
    case 'edit':
      return writing.startEdit(comment);
    case 'delete':
      return writing.askDelete(comment.id);
    case 'report':
      return report.open === comment.id ? report.cancel() : report.start(comment.id);
  }
}

function renderConfirmDelete(comment: ShownComment, ctx: ItemContext) {
  const { t, writing } = ctx;
  // Whose words go is said before they go: a moderator may be about to delete a colleague's.
  const question = isOwnComment(comment, ctx.me) ? t('comment.delete.confirm') : t('comment.delete.confirm.other', { name: authorName(t, comment) });
  return html`<div class="confirm" part="confirm-delete" role="group" aria-labelledby="confirm-${comment.id}">
    <p id="confirm-${comment.id}">${question}</p>
    <button class="danger" data-action="confirm-delete" @click=${() => writing.confirmDelete(comment.id)}>${t('comment.delete.yes')}</button>
    <button class="secondary" data-action="cancel-delete" @click=${() => writing.cancelDelete()}>${t('composer.cancel')}</button>
    ${writing.deleteError ? html`<p class="error" role="alert">${writing.deleteError}</p>` : nothing}
  </div>`;
}

/** Mentions in comments far down render when near, as those comments' names and bars do (`loading`). */
function renderBody({ text, html: rendered }: Written, loading: Loading) {
  return html`<div class="body" part="body">${guard([text, rendered], () => renderCommentText({ text, html: rendered }, loading))}</div>`;
}

/** The author's name tag (picture, name, their card on hover or Enter), or "former colleague" after an erasure. */
function renderAuthor(t: Translate, comment: ShownComment, loading: Loading) {
  const { author } = comment;
  return author
    ? html`<plaza-person part="author-person" user=${author.id} name=${author.name} loading=${loading} avatar>${author.name}</plaza-person>`
    : authorName(t, comment);
}

export function authorName(t: Translate, comment: ShownComment): string {
  return comment.author?.name ?? t('comment.formerColleague');
}

/** The comment a reply answers, when it starts with a mention of someone who wrote earlier in the same conversation. */
function inReplyTo(reply: ShownComment, root: ShownThreadComment): ShownComment | undefined {
  const personId = LEADING_MENTION.exec(reply.text)?.[1];
  if (!personId) return undefined;
  const earlier = root.replies.slice(0, root.replies.indexOf(reply)).reverse();
  return earlier.find((comment) => comment.author?.id === personId);
}

/** A translated sentence with a link where its `{name}` was (marked by U+0000), wherever the language puts it. */
function withLink(sentence: string, link: unknown) {
  const [before, after] = sentence.split('\u0000');
  return html`${before}${link}${after ?? ''}`;
}

/** Absolute, so a legacy page's `<base href>` cannot send the link elsewhere. */
export function permalink(id: string): string {
  return new URL(`#comment-${id}`, location.href).href;
}
