import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAIL_KINDS, type MailKind, type MailLocale } from './mail-phrases.ts';

/**
 * Unsubscribe links that work without signing in (decision 175): the token
 * names a person, a kind and a language and carries an HMAC-SHA256 of them under the
 * server's secret (server-secret.ts), so nobody can make one for someone
 * else or change the kind of theirs. It does not expire: a mail read a year
 * later should still let its reader stop the next ones.
 */

/** Version and purpose, signed with the rest: a signature made for something else never passes as this. */
const PURPOSE = 'plaza-unsubscribe-v1';

export interface UnsubscribeClaim {
  personId: string;
  kind: MailKind;
  /** The language of the page the link opens (the mail's). */
  locale: MailLocale;
}

export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const body = Buffer.from(JSON.stringify([claim.personId, claim.kind, claim.locale])).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The claim of a token this server signed, or null for anything else (forged, altered, malformed). */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [personId, kind, locale] = parsed as unknown[];
  if (typeof personId !== 'string' || !(MAIL_KINDS as readonly unknown[]).includes(kind) || (locale !== 'de' && locale !== 'en')) return null;
  return { personId, kind: kind as MailKind, locale };
}

/** The link a mail carries: `<publicUrl>api/v1/unsubscribe?token=…`. */
export function unsubscribeUrl(publicUrl: string, secret: string, claim: UnsubscribeClaim): string {
  const url = new URL('api/v1/unsubscribe', publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  url.searchParams.set('token', signUnsubscribeToken(secret, claim));
  return url.href;
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}.${body}`).digest('base64url');
}
