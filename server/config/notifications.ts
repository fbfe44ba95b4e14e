/**
 * The notification settings this part reads. `PLAZA_SMTP_URL` itself is
 * parsed and used by the mail sender (config/delivery.ts); notifications only
 * need to know whether it is set, for the default channels (decision 167):
 * `resolveOptions` sets `emailConfigured` when `smtpUrl` is. The daily
 * digest's hour and time zone are here (decision 195).
 */
export interface NotificationOptions {
  /** E-mail is set up: mentions and replies default to a mail at once, the rest to the daily digest. */
  emailConfigured: boolean;
  /** The hour (0–23, in `timeZone`) from which the day's digest is sent; a server down then sends it when it is back. */
  digestHour: number;
  /** An IANA time zone (`Europe/Berlin`): the digest's hour and day are read there, not in the server's zone. */
  timeZone: string;
}

export const NOTIFICATION_DEFAULTS: NotificationOptions = { emailConfigured: false, digestHour: 7, timeZone: 'Europe/Berlin' };

/** The keys of plaza.config.json these settings add (server/config-file.ts). */
export const NOTIFICATION_CONFIG_KEYS = {
  digestHour: { env: 'PLAZA_DIGEST_HOUR', kind: 'number' },
  timeZone: { env: 'PLAZA_TIMEZONE', kind: 'string' },
} as const;

/** Reads the variables; an unset one is undefined, so its default applies (checkNotificationOptions judges the values). */
export function notificationOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<NotificationOptions> {
  const hour = env.PLAZA_DIGEST_HOUR?.trim();
  return { digestHour: hour ? Number(hour) : undefined, timeZone: env.PLAZA_TIMEZONE?.trim() || undefined };
}

/** Checks the settings from any source at start: a digest that can never be due must stop the server, not be silently skipped. */
export function checkNotificationOptions(options: NotificationOptions, fail: (message: string) => Error): void {
  if (!Number.isInteger(options.digestHour) || options.digestHour < 0 || options.digestHour > 23) {
    throw fail(`PLAZA_DIGEST_HOUR must be a whole hour from 0 to 23; got "${options.digestHour}".`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: options.timeZone });
  } catch {
    throw fail(`PLAZA_TIMEZONE must be an IANA time zone such as Europe/Berlin; got "${options.timeZone}".`);
  }
}
