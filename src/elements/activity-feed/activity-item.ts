import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { FeedItem } from './feed-controller.ts';
import type { MessageKey, Translate } from '../../core/i18n.ts';
import type { Person, ThreadPage } from '../../core/protocol.ts';
import { relativeTime } from '../../core/time.ts';
import { renderCommentText } from '../shared/comment-body.ts';
import { kindEmoji, kindLabel } from '../../core/reaction-kinds.ts';
import type { StatusDeletion } from './status-deletion.ts';

/** What the feed shows as one article: one activity, or consecutive reactions to the same thing. */
export interface FeedEntry {
  /** The id of the first item: stable while more reactions join the group. */
  id: string;
  items: FeedItem[];
}

/**
 * Groups consecutive reactions to the same page or comment into one entry
 * ("Anna Schmidt und 3 weitere haben … reagiert"), within what is loaded.
 * Everything else stays one entry per activity.
 */
export function groupEntries(items: readonly FeedItem[]): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const item of items) {
    const last = entries.at(-1)?.items[0];
    if (last && item.kind === 'reaction' && last.kind === 'reaction' && sameTarget(last, item)) entries.at(-1)!.items.push(item);
    else entries.push({ id: item.id, items: [item] });
  }
  return entries;
}

export interface ItemContext {
  t: Translate;
  locale: string;
  position: number;
  /** -1 while more pages may follow (the ARIA feed pattern's "unknown"). */
  setSize: number;
  /** Deleting status posts; without it, items have no delete action. */
  deletion?: StatusDeletion;
}

/** One article of the feed: the sentence saying what happened, when, and what was written. */
export function renderEntry(entry: FeedEntry, { t, locale, position, setSize, deletion }: ItemContext): TemplateResult {
  const first = entry.items[0]!;
  const headingId = `entry-${entry.id}-line`;
  const deletable = !!deletion?.canDelete(first);
  return html`<article
    part="item item-${first.kind}"
    class="item"
    data-id=${entry.id}
    data-kind=${first.kind}
    tabindex="0"
    aria-posinset=${position}
    aria-setsize=${setSize}
    aria-labelledby=${headingId}
    aria-busy=${first.sending || (deletable && deletion!.busy === first.id) ? 'true' : 'false'}
  >
    <p class="line" id=${headingId}>${sentence(entry, t)}</p>
    ${first.sending
      ? html`<span class="meta" part="sending">${t('feed.sending')}</span>`
      : html`<time class="meta" part="time" datetime=${first.createdAt} data-exact-time=${first.createdAt}>${relativeTime(first.createdAt, locale)}</time>`}
    ${first.kind === 'status' || first.kind === 'comment'
      ? html`<div part="body" class="body ${first.kind === 'comment' ? 'excerpt' : ''}">${guard([first.text, first.html], () => renderCommentText(first))}</div>`
      : nothing}
    ${first.kind === 'status' && !first.sending ? html`<plaza-reactions part="reactions" target="activity:${first.id}"></plaza-reactions>` : nothing}
    ${deletable ? deletion!.render(first, t) : nothing}
  </article>`;
}

function sentence(entry: FeedEntry, t: Translate): Array<string | TemplateResult> {
  const first = entry.items[0]!;
  const parts = {
    actor: person(first.actor, t),
    subject: person(first.subject, t),
    page: placeLink(first, 'page-link', t('feed.page.unknown')),
    space: first.space ? placeLink(first, 'space-link', t('feed.space.unknown')) : '',
  };
  switch (first.kind) {
    case 'status':
      return fill(t(first.space ? 'feed.status.space' : 'feed.status'), parts);
    case 'comment':
      return fill(t('feed.comment'), parts);
    case 'follow':
      return fill(t('feed.follow'), parts);
    case 'joined':
      return fill(t('feed.joined'), parts);
    case 'reaction': {
      const others = new Set(entry.items.map((item) => item.actor?.id ?? '')).size - 1;
      const emoji = (kind: string | null) =>
        kind ? html`<span class="emoji" role="img" aria-label=${kindLabel(t, kind)}>${kindEmoji(kind) ?? kindLabel(t, kind)}</span>` : '';
      if (others > 0) {
        const key: MessageKey = first.commentId ? 'feed.reaction.group.comment' : 'feed.reaction.group';
        const kinds = [...new Set(entry.items.map((item) => item.reaction))];
        return [...fill(t(key, { count: others }), parts), ' ', ...kinds.map(emoji)];
      }
      return fill(t(first.commentId ? 'feed.reaction.comment' : 'feed.reaction'), { ...parts, emoji: emoji(first.reaction) });
    }
  }
}

/** Puts rendered parts where a translated message says `{name}`, so word order stays the language's own. */
function fill(message: string, parts: Record<string, string | TemplateResult>): Array<string | TemplateResult> {
  return message.split(/\{(\w+)\}/).map((piece, i) => (i % 2 === 0 ? piece : (parts[piece] ?? `{${piece}}`)));
}

function person(who: Person | null, t: Translate): TemplateResult | string {
  if (!who) return t('feed.someone');
  return html`<plaza-person part="person" user=${who.id} name=${who.name}>${who.name}</plaza-person>`;
}

/**
 * The page a thread or space is on (`target.page`, as the elements report it):
 * its title, linked (to the comment, for a comment). A key without a known page
 * (written through the API, or before pages were reported) is never guessed into
 * a link: a `page:` key shows its path, any other key the `unknown` words
 * (decision 73).
 */
function placeLink(item: FeedItem, part: 'page-link' | 'space-link', unknown: string): TemplateResult | string {
  const page = item.target?.page ?? null;
  const href = safeHref(page);
  const key = item.target?.key ?? item.space ?? '';
  if (!href) return key.startsWith('page:/') ? html`<span part="page-name">${key.slice('page:'.length)}</span>` : unknown;
  const url = item.commentId ? `${href.split('#')[0]}#comment-${item.commentId}` : href;
  return html`<a part=${part} href=${url}>${page!.title || new URL(href).pathname}</a>`;
}

/** Only http(s): a page's URL comes from whoever posted the comment, and `javascript:` must never become a link. */
function safeHref(page: ThreadPage | null): string | null {
  if (!page) return null;
  try {
    const url = new URL(page.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function sameTarget(a: FeedItem, b: FeedItem): boolean {
  return !!a.target && a.target.key === b.target?.key && a.commentId === b.commentId;
}
