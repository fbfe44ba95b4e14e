import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Api, AppEnv, Services } from '../context.ts';
import { MAIL_WORDS } from '../delivery/mail-phrases.ts';
import { verifyUnsubscribeToken, type UnsubscribeClaim } from '../delivery/unsubscribe-token.ts';
import { ProblemError } from '../problem.ts';
import { problemResponse } from '../schemas/common.ts';

/**
 * The unsubscribe link of every notification mail (decision 175). It works
 * without signing in: the signed token says whose and which kind. GET only
 * shows a page with a button, because mail scanners (Defender's Safe Links
 * and the like) open every link in a mail; the POST (the button, or a mail
 * client's RFC 8058 one-click `List-Unsubscribe=One-Click`) turns e-mail for
 * that kind off. In-app notifications stay: the link is about e-mail.
 */

const query = z.object({ token: z.string().max(2000).openapi({ description: 'The signed token from the mail.' }) });
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } }) as const;

const showRoute = createRoute({
  method: 'get',
  path: '/unsubscribe',
  operationId: 'showUnsubscribe',
  tags: ['notifications'],
  summary: 'The page an unsubscribe link opens',
  description: 'Changes nothing: it asks for confirmation, since mail scanners open every link.',
  request: { query },
  responses: { 200: html('A page with one button.'), 400: html('The token is not one this server signed.'), 429: problemResponse('Too many requests; see `Retry-After`.') },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/unsubscribe',
  operationId: 'unsubscribe',
  tags: ['notifications'],
  summary: 'Stop e-mails of one kind (RFC 8058 one-click)',
  description:
    'Needs no session: the token names the person and the kind. The body may be empty or the form field ' +
    '`List-Unsubscribe=One-Click` a mail client sends. E-mail for that kind stops; in-app notifications stay.',
  request: { query },
  responses: {
    200: html('Done (also when it was off already).'),
    400: html('The token is not one this server signed.'),
    429: problemResponse('Too many requests; see `Retry-After`.'),
    503: problemResponse('Notifications are not set up on this server.'),
  },
});

const PAGES = {
  de: {
    title: 'E-Mails abbestellen',
    ask: (what: string) => `${what}?`,
    button: 'Abbestellen',
    done: 'Erledigt: Sie erhalten dazu keine E-Mails mehr. In Plaza sehen Sie Benachrichtigungen weiterhin.',
    invalid: 'Dieser Link ist ungültig. Bitte nutzen Sie den Link aus der E-Mail unverändert, oder ändern Sie Ihre Einstellungen in Plaza.',
  },
  en: {
    title: 'Unsubscribe',
    ask: (what: string) => `${what}?`,
    button: 'Unsubscribe',
    done: 'Done: you will no longer get e-mails about this. Plaza still shows notifications in the page.',
    invalid: 'This link is not valid. Please use the link from the e-mail as it is, or change your settings in Plaza.',
  },
} as const;

export function registerUnsubscribeRoutes(api: Api, { db, delivery }: Services): void {
  const claimOf = (c: Context<AppEnv>): UnsubscribeClaim | null => {
    if (!delivery) throw new ProblemError('unavailable', 503, 'Notifications are not set up on this server.');
    return verifyUnsubscribeToken(delivery.secret, c.req.query('token') ?? '');
  };

  api.openapi(showRoute, (c) => {
    const claim = claimOf(c);
    if (!claim) return c.html(page('de', PAGES.de.title, `<p>${PAGES.de.invalid}</p><p lang="en">${PAGES.en.invalid}</p>`), 400);
    const words = PAGES[claim.locale];
    const action = `?token=${encodeURIComponent(c.req.query('token')!)}`;
    const form = `<form method="post" action="${escapeAttribute(action)}"><p>${words.ask(MAIL_WORDS[claim.locale].unsubscribe(claim.kind))}</p><button type="submit">${words.button}</button></form>`;
    return c.html(page(claim.locale, words.title, form), 200);
  });

  api.openapi(confirmRoute, async (c) => {
    const claim = claimOf(c);
    if (!claim) return c.html(page('de', PAGES.de.title, `<p>${PAGES.de.invalid}</p><p lang="en">${PAGES.en.invalid}</p>`), 400);
    await db.transaction((tx) => delivery!.setNotificationChannel(tx, claim.personId, claim.kind, 'in-app'));
    return c.html(page(claim.locale, PAGES[claim.locale].title, `<p>${PAGES[claim.locale].done}</p>`), 200);
  });
}

/** A page with no script and no style: it must work under any CSP and in any browser a mail opens. */
function page(locale: 'de' | 'en', title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title} – Plaza</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
