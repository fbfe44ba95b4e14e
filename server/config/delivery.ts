/*
 * The settings of what leaves Plaza (issue 20, items 5–6): e-mail over SMTP,
 * the Teams Workflows webhook, outgoing webhooks, the send queue's limits and
 * the secret unsubscribe links are signed with. They live here, not in
 * config.ts, so config.ts only spreads them in; each is documented in
 * docs/operations.md, "Notifications: e-mail, Teams, webhooks".
 */
import { REALTIME_EVENT_TYPES } from '../../src/core/protocol.ts';

/** One outgoing webhook: where, the shared secret its calls are signed with, and which event types it takes. */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** Realtime event types (`comment.created`, …), or `*` for every public one. */
  events: string[];
  /**
   * `shown` (the default): people in its events as a colleague sees them,
   * by PLAZA_PROFILE_FIELDS (a changed entry without e-mail and phone unless
   * listed). `full`: whole entries, for a receiver entitled to the directory.
   */
  profile?: WebhookProfile;
}

export type WebhookProfile = 'shown' | 'full';
const WEBHOOK_PROFILES: readonly WebhookProfile[] = ['shown', 'full'];

export interface DeliveryOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: no e-mail. */
  smtpUrl?: string;
  /** The sender, `Plaza <plaza@intranet.example>`; required with `smtpUrl`. */
  mailFrom?: string;
  /** Where people reach Plaza (`https://intranet.example/`): the base of every link in a mail or card. */
  publicUrl?: string;
  /** Most e-mails one person is sent per hour; more wait (deferred, not dropped). 0: no cap. */
  mailMaxPerHour: number;
  /** A Teams Workflows "when a webhook request is received" URL: moderator alerts go there. */
  teamsWebhookUrl?: string;
  webhooks: WebhookTarget[];
  /** Signs unsubscribe links; unset: a random one made once and kept in the database (table `server_secrets`). */
  secret?: string;
  /** Attempts per delivery before it is marked failed. */
  deliveryMaxAttempts: number;
  /** How long an instance may take to send one delivery before another may take it over (it crashed). */
  deliveryLeaseSeconds: number;
  /** The first retry's delay; each further one doubles (with jitter). No environment variable: tests shorten it. */
  deliveryRetryBaseMs: number;
  /** How often the queue is looked at besides being woken by writes. No environment variable: tests shorten it. */
  deliveryPollMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  mailMaxPerHour: 20,
  webhooks: [],
  deliveryMaxAttempts: 8,
  deliveryLeaseSeconds: 120,
  deliveryRetryBaseMs: 30_000,
  deliveryPollMs: 5_000,
};

/** The keys of plaza.config.json these settings add (server/config-file.ts). */
export const DELIVERY_CONFIG_KEYS = {
  smtpUrl: { env: 'PLAZA_SMTP_URL', kind: 'string' },
  mailFrom: { env: 'PLAZA_MAIL_FROM', kind: 'string' },
  publicUrl: { env: 'PLAZA_PUBLIC_URL', kind: 'string' },
  mailMaxPerHour: { env: 'PLAZA_MAIL_MAX_PER_HOUR', kind: 'number' },
  teamsWebhookUrl: { env: 'PLAZA_TEAMS_WEBHOOK_URL', kind: 'string' },
  webhooks: { env: 'PLAZA_WEBHOOKS', kind: 'string' },
  secret: { env: 'PLAZA_SECRET', kind: 'string' },
  deliveryMaxAttempts: { env: 'PLAZA_DELIVERY_MAX_ATTEMPTS', kind: 'number' },
  deliveryLeaseSeconds: { env: 'PLAZA_DELIVERY_LEASE_SECONDS', kind: 'number' },
} as const;

/** The shortest PLAZA_SECRET accepted: 32 characters, as a 256-bit HMAC key wants. */
const MIN_SECRET_LENGTH = 32;

/**
 * Reads the variables; every key is present and undefined when its variable is
 * unset, so the defaults apply. `fail` makes the ConfigError (config.ts), which
 * this module cannot import without an import cycle.
 */
export function deliveryOptionsFromEnv(env: NodeJS.ProcessEnv, fail: (message: string) => Error): Partial<DeliveryOptions> {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const whole = (name: string, value: string | undefined, min: number) => {
    if (!text(value)) return undefined;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw fail(`${name} must be a whole number ≥ ${min}; got "${value}".`);
    return n;
  };
  const webhooks = text(env.PLAZA_WEBHOOKS);
  return {
    smtpUrl: text(env.PLAZA_SMTP_URL),
    mailFrom: text(env.PLAZA_MAIL_FROM),
    publicUrl: text(env.PLAZA_PUBLIC_URL),
    mailMaxPerHour: whole('PLAZA_MAIL_MAX_PER_HOUR', env.PLAZA_MAIL_MAX_PER_HOUR, 0),
    teamsWebhookUrl: text(env.PLAZA_TEAMS_WEBHOOK_URL),
    webhooks: webhooks === undefined ? undefined : parseWebhooks(webhooks, fail),
    secret: text(env.PLAZA_SECRET),
    deliveryMaxAttempts: whole('PLAZA_DELIVERY_MAX_ATTEMPTS', env.PLAZA_DELIVERY_MAX_ATTEMPTS, 1),
    deliveryLeaseSeconds: whole('PLAZA_DELIVERY_LEASE_SECONDS', env.PLAZA_DELIVERY_LEASE_SECONDS, 1),
  };
}

/**
 * Checks the settings from any source (environment, file or a test), at
 * start: a mail link that cannot be built or a webhook that cannot be signed
 * must stop the server, not fail one delivery at a time later.
 */
export function checkDeliveryOptions(options: DeliveryOptions, fail: (message: string) => Error): void {
  if (options.smtpUrl !== undefined) {
    const url = parseUrl('PLAZA_SMTP_URL', options.smtpUrl, fail);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw fail(`PLAZA_SMTP_URL must start with smtp:// or smtps:// (e.g. smtps://plaza:secret@mail.intranet.example:465); got "${url.protocol}".`);
    }
    if (!options.mailFrom) throw fail('PLAZA_SMTP_URL needs PLAZA_MAIL_FROM, the sender (e.g. Plaza <plaza@intranet.example>).');
    if (!options.publicUrl) throw fail('PLAZA_SMTP_URL needs PLAZA_PUBLIC_URL, the address people open Plaza at (e.g. https://intranet.example/): mails link there.');
  }
  if (options.publicUrl !== undefined) {
    const url = parseUrl('PLAZA_PUBLIC_URL', options.publicUrl, fail);
    if (!/^https?:$/.test(url.protocol) || url.search || url.hash) {
      throw fail(`PLAZA_PUBLIC_URL must be an http(s):// address without query or fragment; got "${options.publicUrl}".`);
    }
  }
  if (options.teamsWebhookUrl !== undefined) checkHttpUrl('PLAZA_TEAMS_WEBHOOK_URL', options.teamsWebhookUrl, fail);
  for (const [i, hook] of options.webhooks.entries()) checkWebhook(hook, i, fail);
  const urls = options.webhooks.map((hook) => hook.url);
  const twice = urls.find((url, i) => urls.indexOf(url) !== i);
  if (twice) throw fail(`PLAZA_WEBHOOKS lists ${twice} twice; give it one entry with every event type it takes.`);
  if (options.secret !== undefined && options.secret.length < MIN_SECRET_LENGTH) {
    throw fail(`PLAZA_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. from: openssl rand -base64 32).`);
  }
}

/** Event types a webhook may ask for: every realtime type, or `*`. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = REALTIME_EVENT_TYPES;

function parseWebhooks(value: string, fail: (message: string) => Error): WebhookTarget[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw fail(`PLAZA_WEBHOOKS is not JSON (${(error as Error).message}); expected [{"url": "https://…", "secret": "…", "events": ["comment.created"]}].`);
  }
  if (!Array.isArray(parsed)) throw fail('PLAZA_WEBHOOKS must be a JSON array of {"url", "secret", "events"}.');
  return parsed.map((entry: unknown, i) => {
    const item = (entry ?? {}) as Record<string, unknown>;
    const events = item.events ?? ['*'];
    if (typeof item.url !== 'string' || typeof item.secret !== 'string' || !Array.isArray(events) || !events.every((e) => typeof e === 'string')) {
      throw fail(`PLAZA_WEBHOOKS[${i}] must be {"url": string, "secret": string, "events": [string, …]}.`);
    }
    const profile = item.profile ?? 'shown';
    if (!WEBHOOK_PROFILES.includes(profile as WebhookProfile)) {
      throw fail(`PLAZA_WEBHOOKS[${i}].profile must be "shown" (as colleagues see people, by PLAZA_PROFILE_FIELDS) or "full".`);
    }
    return { url: item.url, secret: item.secret, events: events as string[], profile: profile as WebhookProfile };
  });
}

function checkWebhook(hook: WebhookTarget, i: number, fail: (message: string) => Error): void {
  checkHttpUrl(`PLAZA_WEBHOOKS[${i}].url`, hook.url, fail);
  if (hook.secret.length < 16) throw fail(`PLAZA_WEBHOOKS[${i}].secret must be at least 16 characters; the receiver checks signatures with it.`);
  if (hook.events.length === 0) throw fail(`PLAZA_WEBHOOKS[${i}].events is empty; list event types or ["*"].`);
  const unknown = hook.events.find((type) => type !== '*' && !WEBHOOK_EVENT_TYPES.includes(type));
  if (unknown !== undefined) throw fail(`PLAZA_WEBHOOKS[${i}].events: "${unknown}" is not an event type; use ${WEBHOOK_EVENT_TYPES.join(', ')} or "*".`);
}

function checkHttpUrl(name: string, value: string, fail: (message: string) => Error): void {
  const url = parseUrl(name, value, fail);
  if (!/^https?:$/.test(url.protocol)) throw fail(`${name} must be an http(s):// URL; got "${url.protocol}".`);
}

function parseUrl(name: string, value: string, fail: (message: string) => Error): URL {
  try {
    return new URL(value);
  } catch {
    throw fail(`${name}: "${value}" is not a URL.`);
  }
}
