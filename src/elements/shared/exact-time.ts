import type { Translate } from '../../core/i18n.ts';
import { exactTime } from '../../core/time.ts';

/**
 * The exact time of a comment or feed item ("Dienstag, 1. Dezember 2026 um
 * 14:05") is the tooltip of its relative one ("vor 3 Stunden") and of a
 * comment's edited marker. It is filled in when the pointer or focus reaches
 * it, not for every item up front: the first full date format of a page
 * costs tens of milliseconds (Intl builds its patterns), and a long thread's
 * first paint should not wait for tooltips nobody has asked for yet.
 *
 * Marked elements carry `data-exact-time` (the ISO time) and, for the edited
 * marker, `data-exact-edited`.
 */
export function fillExactTime(event: Event, t: Translate, locale: string): void {
  const target = event.target as Element;
  // Pointer over the time itself, or focus on the permalink around it.
  const marked = target.closest?.<HTMLElement>('[data-exact-time]') ?? target.querySelector?.<HTMLElement>('[data-exact-time]');
  if (!marked || marked.dataset.exactLocale === locale) return;
  const time = exactTime(marked.dataset.exactTime!, locale);
  marked.title = marked.hasAttribute('data-exact-edited') ? t('comment.editedAt', { time }) : time;
  marked.dataset.exactLocale = locale;
}
