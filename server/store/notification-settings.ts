import type { NotificationChannel, NotificationSettingKind } from '../../src/core/protocol.ts';
import type { Queryable } from '../db.ts';
import { defaultChannels } from '../notifications/kinds.ts';

/** A person's channel per kind: what they chose, else the default. */
export async function notificationChannels(db: Queryable, personId: string, emailConfigured: boolean): Promise<Record<NotificationSettingKind, NotificationChannel>> {
  const rows = await db.query<{ kind: NotificationSettingKind; channel: NotificationChannel }>(
    'SELECT kind, channel FROM notification_settings WHERE person_id = $1',
    [personId],
  );
  const channels = defaultChannels(emailConfigured);
  for (const { kind, channel } of rows) channels[kind] = channel;
  return channels;
}

/**
 * Keeps the choices named; kinds not named keep theirs. A choice equal to
 * today's default is kept too: it was made, and outlives a change of defaults.
 */
export async function chooseNotificationChannels(tx: Queryable, personId: string, choices: Partial<Record<NotificationSettingKind, NotificationChannel>>): Promise<void> {
  const kinds = Object.keys(choices) as NotificationSettingKind[];
  if (kinds.length === 0) return;
  await tx.query(
    `INSERT INTO notification_settings (person_id, kind, channel) SELECT $1, k, c FROM unnest($2::text[], $3::text[]) AS x (k, c)
     ON CONFLICT (person_id, kind) DO UPDATE SET channel = EXCLUDED.channel`,
    [personId, kinds, kinds.map((kind) => choices[kind])],
  );
}
