import nodemailer from 'nodemailer';
import type { MailMessage } from './mail.ts';
import type { ClaimedDelivery } from './outbox.ts';
import { PermanentDeliveryError, SEND_TIMEOUT_MS, type Sender } from './senders.ts';

/**
 * E-mail over SMTP with nodemailer (decision 174): `smtp://` (STARTTLS when
 * the server offers it) or `smtps://` (TLS from the start), with the account
 * in the URL (`smtps://plaza:secret@mail.intranet:465`). nodemailer's own URL
 * options work too (`?tls.rejectUnauthorized=false` for a relay with a
 * self-signed certificate).
 */
export function mailSender(smtpUrl: string, from: string, publicUrl: string): Sender {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  // Overrides what the URL may say, so one slow relay cannot hold a delivery past its lease.
  Object.assign(transport.options, { connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS });
  const host = new URL(publicUrl).hostname;
  return {
    async send(delivery: ClaimedDelivery) {
      const mail = delivery.payload as MailMessage;
      try {
        await transport.sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers,
          // The same for every attempt of this row: a resend after a crash is recognisably the same mail.
          messageId: `<${delivery.id}@${host}>`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const message = `SMTP: ${(error as Error).message}`;
        // 550–553: this mailbox or address is refused for good. Others (a failed login, 4xx) may pass once fixed or later.
        if (code !== undefined && code >= 550 && code <= 553) throw new PermanentDeliveryError(message);
        throw new Error(message);
      }
    },
    close: () => transport.close(),
  };
}
