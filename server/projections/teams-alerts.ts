import type { Queryable } from '../db.ts';
import { enqueueTeamsCard, type TeamsCard } from '../delivery/teams.ts';
import type { ReportFiled } from '../events/types.ts';
import type { Projector } from './projector.ts';

/** Characters of the reported comment the card quotes. */
const EXCERPT = 300;

/**
 * Moderator alerts in Microsoft Teams (PLAZA_TEAMS_WEBHOOK_URL): a new report
 * queues one card, in the report's transaction, so a report that rolled back
 * alerts nobody and a crash loses no alert. The card is German: it goes to
 * the moderators' channel of a German intranet.
 */
export function teamsAlerts(webhookUrl: string, publicUrl: string | undefined): Projector {
  return {
    name: 'teams-alerts',
    async project(tx, events) {
      for (const event of events) {
        if (event.type !== 'report.filed') continue;
        const card = await reportCard(tx, event, publicUrl);
        if (card) await enqueueTeamsCard(tx, webhookUrl, `teams:report:${event.id}`, card);
      }
    },
  };
}


async function reportCard(tx: Queryable, event: ReportFiled, publicUrl: string | undefined): Promise<TeamsCard | null> {
  const [row] = await tx.query<{ reason: string; body: string; author: string | null; reporter: string | null; pageUrl: string | null; pageTitle: string | null; threadKey: string }>(
    `SELECT rp.reason, c.body, a.name AS author, r.name AS reporter, t.page_url AS "pageUrl", t.page_title AS "pageTitle", t.key AS "threadKey"
     FROM reports rp JOIN comments c ON c.id = rp.comment_id JOIN threads t ON t.key = c.thread_key
     LEFT JOIN people a ON a.id = c.author_id LEFT JOIN people r ON r.id = rp.reporter_id
     WHERE rp.id = $1`,
    [event.id],
  );
  if (!row) return null;
  const page = absolutePage(row.pageUrl, publicUrl);
  const excerpt = row.body.length > EXCERPT ? `${row.body.slice(0, EXCERPT)}…` : row.body;
  return {
    title: `Neue Meldung zu einem Kommentar in „${row.pageTitle ?? row.threadKey}“`,
    lines: [excerpt],
    facts: [
      { title: 'Grund', value: row.reason || '–' },
      { title: 'Gemeldet von', value: row.reporter ?? event.reporterId },
      { title: 'Verfasst von', value: row.author ?? 'gelöschtes Profil' },
    ],
    links: page ? [{ title: 'Kommentar ansehen', url: `${page}#comment-${event.commentId}` }] : [],
  };
}

/** The page's URL as a link that works from Teams: absolute as given, or resolved against PLAZA_PUBLIC_URL; else none. */
function absolutePage(pageUrl: string | null, publicUrl: string | undefined): string | null {
  if (!pageUrl) return null;
  try {
    const url = new URL(pageUrl, publicUrl);
    return /^https?:$/.test(url.protocol) ? url.href.replace(/#.*$/, '') : null;
  } catch {
    return null;
  }
}

