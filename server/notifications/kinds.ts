import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_SETTING_KINDS,
  type NotificationChannel,
  type NotificationKind,
  type NotificationSettingKind,
} from '../../src/core/protocol.ts';

/**
 * Which choice governs a notification kind: a comment in a watched thread
 * follows the choice for replies (both are "someone wrote where I wrote").
 */
export function settingKindOf(kind: NotificationKind): NotificationSettingKind {
  return kind === 'comment' ? 'reply' : kind;
}

/**
 * The channels of a person who chose nothing (decision 167): the list for
 * every kind but posts of people one follows (off until chosen); with e-mail
 * set up (`PLAZA_SMTP_URL`), a mail at once for mentions and replies, and
 * the daily digest for the rest. Without e-mail there is no mail to default to.
 */
export function defaultChannels(emailConfigured: boolean): Record<NotificationSettingKind, NotificationChannel> {
  const channels = {} as Record<NotificationSettingKind, NotificationChannel>;
  for (const kind of NOTIFICATION_SETTING_KINDS) {
    if (kind === 'followed-post') channels[kind] = 'off';
    else if (!emailConfigured) channels[kind] = 'in-app';
    else channels[kind] = kind === 'mention' || kind === 'reply' ? 'email' : 'digest';
  }
  return channels;
}

/**
 * A SQL expression for the channel `recipient` chose for `kind` (an SQL
 * expression naming a setting kind), or its default: the projector filters
 * `off` and hands the rest to `dispatch` with the row it made.
 */
export function channelSql(recipient: string, kind: string, emailConfigured: boolean): string {
  const defaults = defaultChannels(emailConfigured);
  const cases = NOTIFICATION_SETTING_KINDS.map((k) => `WHEN '${k}' THEN '${defaults[k]}'`).join(' ');
  return `coalesce((SELECT s.channel FROM notification_settings s WHERE s.person_id = ${recipient} AND s.kind = ${kind}), CASE ${kind} ${cases} END)`;
}

/** The setting kind of a notification kind, in SQL. */
export function settingKindSql(kind: string): string {
  return `CASE ${kind} WHEN 'comment' THEN 'reply' ELSE ${kind} END`;
}

/** The channels a server offers (the settings' `channels`): e-mail and the digest need `PLAZA_SMTP_URL`, Teams `PLAZA_TEAMS_WEBHOOK_URL`. */
export function availableChannels(setup: { emailConfigured: boolean; teamsWebhookUrl?: string }): NotificationChannel[] {
  return NOTIFICATION_CHANNELS.filter((channel) => {
    if (channel === 'email' || channel === 'digest') return setup.emailConfigured;
    if (channel === 'teams') return Boolean(setup.teamsWebhookUrl);
    return true;
  });
}
