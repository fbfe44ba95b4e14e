import { html, nothing } from 'lit';
import type { Translate } from '../../core/i18n.ts';
import type { PlazaNotification } from '../../core/protocol.ts';
import { exactTime, relativeTime } from '../../core/time.ts';

type Group = 'today' | 'yesterday' | 'earlier';

/** Newest first, in the reader's days: "Heute", "Gestern", "Früher". */
export function groupByDay(items: readonly PlazaNotification[], now = new Date()): Array<[Group, PlazaNotification[]]> {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfYesterday = startOfToday - 86_400_000;
  const groups = new Map<Group, PlazaNotification[]>();
  for (const item of items) {
    const at = Date.parse(item.updatedAt);
    const group: Group = at >= startOfToday ? 'today' : at >= startOfYesterday ? 'yesterday' : 'earlier';
    let list = groups.get(group);
    if (!list) groups.set(group, (list = []));
    list.push(item);
  }
  return [...groups];
}

/** "Anna Schmidt und 4 weitere haben auf Ihren Beitrag reagiert". */
export function notificationText(t: Translate, item: PlazaNotification): string {
  const actor = item.actors[0]?.name ?? t('notifications.someone');
  return t(`notifications.text.${item.kind}`, { actor, count: Math.max(0, item.count - 1) });
}

export interface ListContext {
  t: Translate;
  locale: string;
  open: (item: PlazaNotification, event: MouseEvent) => void;
}

/** The grouped list; each entry is one link to where it happened, so Tab and the arrow keys walk it. */
export function renderGroups(items: readonly PlazaNotification[], context: ListContext) {
  const { t } = context;
  return groupByDay(items).map(
    ([group, list]) =>
      html`<section class="group" aria-labelledby="group-${group}">
        <h3 id="group-${group}" part="group-heading">${t(`notifications.group.${group}`)}</h3>
        <ul part="list" role="list">
          ${list.map((item) => renderItem(item, context))}
        </ul>
      </section>`,
  );
}

function renderItem(item: PlazaNotification, { t, locale, open }: ListContext) {
  const unread = !item.readAt;
  const body = html`<span class="text">${notificationText(t, item)}</span>
    ${item.page?.title ? html`<span part="about" class="about">${item.page.title}</span>` : nothing}
    ${item.excerpt ? html`<span part="excerpt" class="excerpt">${item.excerpt}</span>` : nothing}
    <span class="meta"
      ><time datetime=${item.updatedAt} title=${exactTime(item.updatedAt, locale)}>${relativeTime(item.updatedAt, locale)}</time
      >${unread ? html`<span class="visually-hidden">, ${t('notifications.unread')}</span>` : nothing}</span
    >`;
  return html`<li part=${unread ? 'item item-unread' : 'item'} class=${unread ? 'item unread' : 'item'}>
    ${item.permalink
      ? html`<a part="link" class="entry" href=${item.permalink} @click=${(event: MouseEvent) => open(item, event)}>${body}</a>`
      : html`<div class="entry" tabindex="-1">${body}</div>`}
  </li>`;
}
