import { MAIL_WORDS, subjectOf, type MailKind, type MailLocale } from './mail-phrases.ts';

export { MAIL_KINDS, type MailKind, type MailLocale } from './mail-phrases.ts';

/**
 * One notification as an e-mail renders it: what the lead's dispatch hands
 * over (h12-notify's `NotificationForDelivery` plus the recipient's address
 * and the links made absolute). Every URL must be absolute: a relative link
 * means nothing in a mail client, so the templates refuse one.
 */
export interface MailNotification {
  recipient: { name: string; email: string; locale: MailLocale };
  kind: MailKind;
  /** Names of who did it, most recent first. */
  actors: string[];
  /** How many did it in all: a bundle of 5 reactions names one and says "und 4 weitere". */
  count: number;
  /** The page's (or post's) title. */
  targetTitle: string;
  /** The comment's permalink, absolute (PLAZA_PUBLIC_URL or the page's own URL). */
  permalink: string;
  /** A few words of the comment, as plain text. */
  excerpt?: string;
  /** `GET /api/v1/unsubscribe?token=…` for this person and kind (unsubscribe.ts `unsubscribeUrl`). */
  unsubscribeUrl: string;
}

/** A mail ready for the SMTP sender: the outbox payload of an `email` delivery. */
export interface MailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** RFC 2369 / RFC 8058 one-click unsubscribe. */
  headers: Record<string, string>;
}

/** One notification, one mail. */
export function notificationMail(n: MailNotification): MailMessage {
  const words = MAIL_WORDS[n.recipient.locale];
  const subject = subjectOf(n.recipient.locale, n.kind, n);
  const item = { line: subject, excerpt: n.excerpt, link: absolute(n.permalink) };
  const footer = [{ label: words.unsubscribe(n.kind), url: absolute(n.unsubscribeUrl) }];
  return {
    to: { name: n.recipient.name, address: n.recipient.email },
    subject,
    text: plainText(words.greeting(n.recipient.name), [item], words.open, footer, words.why),
    html: html(n.recipient.locale, subject, words.greeting(n.recipient.name), null, [item], words.open, footer, words.why),
    headers: oneClick(footer[0]!.url),
  };
}

/**
 * The digest: several notifications of one person in one mail, newest
 * first as given. The footer offers one unsubscribe link per kind in it; the
 * one-click header only when they are all of one kind (it takes one URL).
 */
export function digestMail(items: readonly MailNotification[]): MailMessage {
  const first = items[0];
  if (!first) throw new Error('A digest needs at least one notification.');
  const { locale, name, email } = first.recipient;
  const words = MAIL_WORDS[locale];
  const subject = words.digestSubject(items.length);
  const lines = items.map((n) => ({ line: subjectOf(locale, n.kind, n), excerpt: n.excerpt, link: absolute(n.permalink) }));
  const kinds = new Map<MailKind, string>();
  for (const n of items) if (!kinds.has(n.kind)) kinds.set(n.kind, absolute(n.unsubscribeUrl));
  const footer = [...kinds].map(([kind, url]) => ({ label: words.unsubscribe(kind), url }));
  return {
    to: { name, address: email },
    subject,
    text: plainText(`${words.greeting(name)}\n${words.digestIntro}`, lines, words.open, footer, words.why),
    html: html(locale, subject, words.greeting(name), words.digestIntro, lines, words.open, footer, words.why),
    headers: footer.length === 1 ? oneClick(footer[0]!.url) : {},
  };
}

interface Line {
  line: string;
  excerpt?: string;
  link: string;
}

interface FooterLink {
  label: string;
  url: string;
}

function oneClick(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** An absolute http(s) URL, or an error: a mail is read far from the page a relative link belongs to. */
function absolute(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`A mail link must be absolute (set PLAZA_PUBLIC_URL); got "${url}".`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new Error(`A mail link must be http(s); got "${url}".`);
  return parsed.href;
}

function plainText(greeting: string, lines: readonly Line[], open: string, footer: readonly FooterLink[], why: string): string {
  const body = lines.map((l) => [l.line, l.excerpt ? `> ${l.excerpt.replace(/\n/g, '\n> ')}` : '', `${open}: ${l.link}`].filter(Boolean).join('\n'));
  return [greeting, '', body.join('\n\n'), '', '-- ', why, ...footer.map((f) => `${f.label}: ${f.url}`)].join('\n') + '\n';
}

/**
 * Simple HTML that Outlook's Word engine renders: one 600 px table, inline
 * styles only, no images or web fonts, the button as a coloured table cell.
 * Every piece of text (names, titles, excerpts: what people wrote) is escaped.
 */
function html(
  locale: MailLocale,
  title: string,
  greeting: string,
  intro: string | null,
  lines: readonly Line[],
  open: string,
  footer: readonly FooterLink[],
  why: string,
): string {
  const font = 'font-family:Segoe UI,Arial,sans-serif;';
  const rows = lines
    .map(
      (l) => `<tr><td style="${font}font-size:15px;line-height:22px;color:#1f1f1f;padding:0 0 8px 0;"><strong>${escape(l.line)}</strong></td></tr>
${l.excerpt ? `<tr><td style="${font}font-size:14px;line-height:20px;color:#444444;padding:0 0 12px 12px;border-left:3px solid #c8c8c8;">${escape(l.excerpt)}</td></tr>` : ''}
<tr><td style="padding:0 0 24px 0;"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td bgcolor="#0f5cab" style="padding:8px 16px;"><a href="${escape(l.link)}" style="${font}font-size:14px;color:#ffffff;text-decoration:none;">${escape(open)}</a></td></tr></table></td></tr>`,
    )
    .join('\n');
  const links = footer.map((f) => `<a href="${escape(f.url)}" style="color:#555555;">${escape(f.label)}</a>`).join(' &middot; ');
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title></head>
<body style="margin:0;padding:0;background:#f3f3f3;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f3f3f3"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="max-width:600px;width:100%;"><tr><td style="padding:24px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td style="${font}font-size:15px;line-height:22px;color:#1f1f1f;padding:0 0 16px 0;">${escape(greeting)}${intro ? `<br>${escape(intro)}` : ''}</td></tr>
${rows}
<tr><td style="${font}font-size:12px;line-height:18px;color:#666666;border-top:1px solid #e0e0e0;padding:16px 0 0 0;">${escape(why)}<br>${links}</td></tr>
</table></td></tr></table>
</td></tr></table>
</body></html>
`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
