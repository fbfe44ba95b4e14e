import { html, nothing, svg } from 'lit';
import type { Translate } from '../../core/i18n.ts';
import type { Person } from '../../core/protocol.ts';
import { contactLinks } from '../../core/contact-links.ts';

/*
 * The pieces of a profile card below its head, as plain render functions:
 * they hold no state, and keep profile-card.ts about states and following.
 */

/** Department, location and manager; rows without a value are left out. */
export function renderDetails(t: Translate, person: Person, manager: Person | null | undefined, compact: boolean) {
  const rows: Array<[string, unknown]> = [];
  if (person.department) rows.push([t('profile.department'), person.department]);
  if (person.location) rows.push([t('profile.location'), person.location]);
  if (manager) {
    // In the full card the manager is a name tag with a hovercard of their own; a hovercard does not open another.
    const name = compact ? manager.name : html`<plaza-person user=${manager.id} name=${manager.name}></plaza-person>`;
    rows.push([t('profile.manager'), name]);
  }
  if (rows.length === 0) return nothing;
  return html`<dl part="details" class="details">
    ${rows.map(([label, value]) => html`<div class="row"><dt>${label}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}

/** Mail, phone and (when the operator configured a template) chat, as links the device's apps open. */
export function renderContacts(t: Translate, person: Person, chatTemplate: string) {
  const links = contactLinks(person, chatTemplate);
  const items = [
    links.mail && html`<li><a part="contact" href=${links.mail} title=${person.email ?? ''}>${icons.mail}${t('profile.mail')}</a></li>`,
    links.phone && html`<li><a part="contact" href=${links.phone} title=${person.phone ?? ''}>${icons.phone}${t('profile.call')}</a></li>`,
    links.chat && html`<li><a part="contact" href=${links.chat}>${icons.chat}${t('profile.chat')}</a></li>`,
  ].filter(Boolean);
  if (items.length === 0) return nothing;
  return html`<ul part="contacts" class="contacts" aria-label=${t('profile.contact')}>${items}</ul>`;
}

const icon = (path: ReturnType<typeof svg>) =>
  html`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

const icons = {
  mail: icon(svg`<rect x="2" y="4" width="20" height="16" rx="2"/><path d="m2 7 10 7 10-7"/>`),
  phone: icon(svg`<path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8.1 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z"/>`),
  chat: icon(svg`<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/>`),
};
