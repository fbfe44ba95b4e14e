/**
 * Issue 20, "Tests": one mention, every way out, end to end. A real Plaza server process (the
 * built library, the demo intranet) with a real SMTP server and a local webhook receiver: Anna
 * mentions Ayşe in a comment on the canteen page, written from that page as the element writes
 * it. Ayşe gets exactly one entry in her bell, exactly one e-mail, whose link opens the page in
 * Chromium at the comment (scrolled to, highlighted and focused), and the webhook gets exactly one
 * call for the comment, whose HMAC-SHA256 signature verifies over the raw body.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServerProcess, type ServerProcess } from '../../scripts/server-process.mjs';
import type { Comment, NotificationPage } from '../../src/core/protocol.ts';
import { HttpReceiver } from '../server/delivery/http-receiver.ts';
import { SmtpReceiver } from '../server/delivery/smtp-receiver.ts';
import { signedInPage, waitFor } from './support.ts';

const SECRET = 'e2e-webhook-secret-0123456789';
const THREAD = 'page:/news/kantine';
/** Longer than the delivery worker needs after a write wakes it: anything meant to come twice would have. */
const SETTLE_MS = 2500;

describe('a mention reaches the person once in the bell, once by e-mail, and once as a signed webhook call', { timeout: 180_000 }, () => {
  let smtp: SmtpReceiver;
  let hooks: HttpReceiver;
  let server: ServerProcess;
  let browser: Browser;
  const api = () => `${server.url}api/v1`;

  before(async () => {
    smtp = await SmtpReceiver.start();
    hooks = await HttpReceiver.start();
    server = await startServerProcess({
      env: {
        PLAZA_SEED: 'demo',
        PLAZA_SMTP_URL: smtp.url,
        PLAZA_MAIL_FROM: 'Plaza <plaza@stadtwerke.example>',
        PLAZA_PUBLIC_URL: 'https://intranet.stadtwerke.example/',
        PLAZA_WEBHOOKS: JSON.stringify([{ url: hooks.url('/plaza'), secret: SECRET, events: ['comment.created'] }]),
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await hooks?.close();
    await smtp?.close();
  });

  test('one comment, one entry, one mail whose permalink opens the comment, one verified webhook call', async () => {
    try {
      // Anna, on the canteen page, writes the comment the way <plaza-comments> does: a POST from the page.
      const anna = await signedInPage({ server, browser, url: server.url, api: api() }, 'anna.lehmann');
      await anna.page.goto(`${server.url}demo/news/kantine.html`);
      const mailsBefore = smtp.mails.length;
      const comment = await anna.page.evaluate(
        async ({ url, text }) => {
          const res = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
          if (!res.ok) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
          return (await res.json()) as Comment;
        },
        { url: `${api()}/threads/${encodeURIComponent(THREAD)}/comments`, text: 'Gibt es die Linsensuppe auch vegan, @[Ayşe Demir](person:ayse.demir)?' },
      );
      await anna.context.close();

      // The bell: exactly one entry about the comment.
      const ayse = await signedInPage({ server, browser, url: server.url, api: api() }, 'ayse.demir');
      const inbox = await (await ayse.context.request.get(`${api()}/notifications?limit=50`)).json() as NotificationPage;
      const about = inbox.items.filter((n) => n.target === `comment:${comment.id}`);
      assert.deepEqual(about.map((n) => [n.kind, n.actors[0]?.id]), [['mention', 'anna.lehmann']]);

      // The mail: exactly one, to Ayşe, with the comment's permalink.
      await smtp.waitFor(mailsBefore + 1, 15_000);
      const hookCalls = () => hooks.calls.filter((c) => (JSON.parse(c.raw) as { event: { comment?: { id: string } } }).event.comment?.id === comment.id);
      await waitFor(() => hookCalls().length > 0, 'the webhook call', 15_000);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      // (People watching the thread may be mailed about the comment too; Ayşe is mailed once, as mentioned.)
      const mails = smtp.mails.slice(mailsBefore).filter((m) => m.to.some((to) => to.startsWith('ayse.demir@')));
      assert.equal(mails.length, 1, `one mail to Ayşe; got: ${mails.map((m) => m.subject).join(' | ')}`);
      const [mail] = mails;
      assert.equal(mail!.to.length, 1);
      assert.match(mail!.subject, /^Anna Lehmann hat Sie in „.+“ erwähnt$/);
      const permalink = /In Plaza öffnen: (\S+)/.exec(mail!.text)?.[1];
      assert.ok(permalink?.endsWith(`#comment-${comment.id}`), `the mail's link names the comment: ${permalink}`);
      assert.ok(mail!.html.includes(`href="${permalink}"`), 'the HTML part has the same link');

      // The permalink opens the page at the comment, as clicking it in Outlook would.
      const response = await ayse.page.goto(permalink!);
      assert.equal(response?.status(), 200);
      await ayse.page.waitForFunction(
        (id) => {
          const thread = document.querySelector('plaza-comments');
          const article = thread?.shadowRoot?.querySelector(`#comment-${id}`);
          return article?.classList.contains('highlighted') && thread!.shadowRoot!.activeElement === article;
        },
        comment.id,
        { timeout: 15_000 },
      );
      const shown = await ayse.page.locator(`plaza-comments #comment-${comment.id}`).textContent();
      assert.match(shown ?? '', /Linsensuppe auch vegan/);
      await ayse.context.close();

      // The webhook: exactly one call for the comment, signed over the raw body with the shared secret.
      const calls = hookCalls();
      assert.equal(calls.length, 1, 'one webhook call for the comment');
      const [call] = calls;
      const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(Buffer.from(call!.raw)).digest('hex')}`);
      const given = Buffer.from(String(call!.headers['plaza-signature']));
      assert.ok(given.length === expected.length && timingSafeEqual(given, expected), 'the signature verifies');
      const body = JSON.parse(call!.raw) as { id: string; type: string; event: { type: string } };
      assert.equal(body.type, 'comment.created');
      assert.equal(call!.headers['plaza-delivery'], body.id);
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- Plaza server output (tail) ---\n${server.output().slice(-3000)}`;
      throw error;
    }
  });
});
