/**
 * The notification settings this part reads. `PLAZA_SMTP_URL` itself is
 * parsed and used by the mail sender (config/delivery.ts); notifications only
 * need to know whether it is set, for the default channels (decision 167):
 * `resolveOptions` sets `emailConfigured` when `smtpUrl` is.
 */
export interface NotificationOptions {
  /** E-mail is set up: mentions and replies default to a mail at once, the rest to the daily digest. */
  emailConfigured: boolean;
}

export const NOTIFICATION_DEFAULTS: NotificationOptions = { emailConfigured: false };
