/**
 * How long Plaza keeps each kind of data (docs/operations.md, "Retention").
 * One setting per kind, `PLAZA_RETENTION_<KIND>_DAYS`, a whole number of
 * days; 0 keeps that kind for good. One variable per kind rather than one
 * list: an operator greps for a kind's name, and a works agreement quotes
 * one line per kind. In `PlazaOptions` (and plaza.config.json) each is
 * `retention<Kind>Days`.
 */
export interface RetentionDays {
  /** Comments and status posts: the words people wrote. Expired ones become "deleted" placeholders while replies hang under them. */
  comments: number;
  /** Reactions (and their feed entries). */
  reactions: number;
  /** Feed entries that record behaviour: a comment was written, a reaction, a follow, a join. Status posts follow `comments`. */
  activities: number;
  /** Handled reports (the reporter, the reason); open ones stay until a moderator decides. */
  reports: number;
  /** The record of moderators' actions. */
  audit: number;
  /** Sessions: every session ends at its own expiry; a number here also ends any older than that. */
  sessions: number;
  /** The realtime event log, which replays (`Last-Event-ID`) read; it also never holds more than 10,000 events. */
  events: number;
  /** In-app notifications (the bell's list), read or not, counted from their last change. */
  notifications: number;
  /** Sent and given-up entries of the send queue (mails, Teams cards, webhook calls); pending ones stay until sent. */
  deliveries: number;
}

export type RetentionKind = keyof RetentionDays;

/**
 * The defaults: what a data-protection officer and a works council can sign
 * without a debate. Content stays (deleting what people wrote is the
 * company's decision, not a default); records of behaviour go within a
 * year, feed entries after a quarter; the event log after a day, as it
 * always did (its only use is a page catching up after a short absence).
 * A notification says who did what to whom, so it goes after a quarter like
 * the feed; the send queue's rows hold copies of mails and cards and serve
 * only the delivery log, so they go after a month.
 */
export const DEFAULT_RETENTION: Readonly<RetentionDays> = {
  comments: 0,
  reactions: 365,
  activities: 90,
  reports: 365,
  audit: 365,
  sessions: 0,
  events: 1,
  notifications: 90,
  deliveries: 30,
};

/** The kinds in the order the purge runs and logs them. */
export const RETENTION_KINDS = Object.keys(DEFAULT_RETENTION) as RetentionKind[];

type OptionName<K extends string> = `retention${Capitalize<K>}Days`;
/** The options as `PlazaOptions` holds them: `retentionCommentsDays`, … */
export type RetentionOptions = { [K in RetentionKind as OptionName<K>]: number };

export function retentionOption<K extends RetentionKind>(kind: K): OptionName<K> {
  return `retention${kind[0]!.toUpperCase()}${kind.slice(1)}Days` as OptionName<K>;
}

export function retentionVariable(kind: RetentionKind): string {
  return `PLAZA_RETENTION_${kind.toUpperCase()}_DAYS`;
}

export const DEFAULT_RETENTION_OPTIONS = Object.fromEntries(RETENTION_KINDS.map((kind) => [retentionOption(kind), DEFAULT_RETENTION[kind]])) as RetentionOptions;

/** plaza.config.json's keys for them (server/config-file.ts). */
export const RETENTION_CONFIG_KEYS = Object.fromEntries(
  RETENTION_KINDS.map((kind) => [retentionOption(kind), { env: retentionVariable(kind), kind: 'number' as const }]),
);

/**
 * The options from the environment; an unset kind is undefined (its
 * default applies). `count` is config.ts's parser of whole numbers.
 */
export function retentionFromEnv(
  env: NodeJS.ProcessEnv,
  count: (name: string, value: string | undefined, min: number) => number | undefined,
): Partial<RetentionOptions> {
  return Object.fromEntries(RETENTION_KINDS.map((kind) => [retentionOption(kind), count(retentionVariable(kind), env[retentionVariable(kind)], 0)]));
}

/** The days per kind of resolved options. */
export function retentionOf(options: RetentionOptions): RetentionDays {
  return Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, options[retentionOption(kind)]])) as unknown as RetentionDays;
}
