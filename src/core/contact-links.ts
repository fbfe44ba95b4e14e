import type { Person } from './protocol.ts';

/**
 * Where a profile card's contact actions lead. Mail and phone use the
 * standard schemes; chat follows the operator's template (`chatUrl` in the
 * configuration), because every intranet chats somewhere else (Teams, a SIP
 * phone, a web chat).
 */
export interface ContactLinks {
  mail?: string;
  phone?: string;
  chat?: string;
}

/**
 * Schemes a contact link may use. Templates come from page markup a CMS editor
 * may touch, and directory data from an import: neither may smuggle in
 * `javascript:` or `data:`.
 */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'msteams:', 'sip:']);

export function contactLinks(person: Person, chatTemplate: string): ContactLinks {
  const links: ContactLinks = {};
  if (person.email) links.mail = `mailto:${encodeURIComponent(person.email).replace(/%40/g, '@')}`;
  if (person.phone) links.phone = `tel:${dialable(person.phone)}`;
  const chat = chatTemplate ? fillTemplate(chatTemplate, person) : undefined;
  if (chat) links.chat = chat;
  return links;
}

/**
 * The template with `{email}`, `{phone}`, `{id}` and `{name}` filled in, each
 * percent-encoded so a value cannot end the parameter it sits in; undefined
 * when the template names a value the person lacks, or the result is not a
 * link Plaza allows.
 */
export function fillTemplate(template: string, person: Person): string | undefined {
  const values: Record<string, string | null | undefined> = {
    email: person.email,
    phone: person.phone && dialable(person.phone),
    id: person.id,
    name: person.name,
  };
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values)) return whole;
    const value = values[name];
    if (!value) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : safeUrl(filled);
}

/** The URL (resolved against the page, so a relative chat page works) when its scheme is allowed. */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url, document.baseURI);
    return SAFE_SCHEMES.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** `+49 5555 1204-210` → `+4955551204210`: what `tel:` wants (RFC 3966 allows the separators, but not every dialler does). */
function dialable(phone: string): string {
  return phone.replace(/[^\d+*#]/g, '');
}
