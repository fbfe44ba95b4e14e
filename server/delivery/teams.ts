import type { Queryable } from '../db.ts';
import { enqueue, personalTeamsKeyPrefix } from './outbox.ts';
import { postJson, type Sender } from './senders.ts';

/**
 * Microsoft Teams through a Workflows webhook ("Post to a channel when a
 * webhook request is received", decision 176): the request is a Bot
 * Framework `message` whose one attachment is an Adaptive Card. The old
 * Office 365 connector MessageCard format is not accepted by Workflows.
 * Moderator alerts use it (projections/teams-alerts.ts); personal
 * notifications go the same way in their own shape (`enqueuePersonalTeamsCard`).
 */

/** An Adaptive Card element or action, as JSON. */
export type CardElement = Record<string, unknown>;

export interface TeamsCard {
  /** Bold first line. */
  title: string;
  /** Plain text blocks under it (what people wrote is escaped, never Markdown). */
  lines: string[];
  /** Label/value rows (reporter, reason, …). */
  facts?: Array<{ title: string; value: string }>;
  /** Buttons that open a URL. */
  links?: Array<{ title: string; url: string }>;
}

/** The request body Teams Workflows expects for one card. */
export function teamsMessage(card: TeamsCard): unknown {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: adaptiveCard(card) }],
  };
}

/** Whom a personal card is for: a Workflow posts it in a chat with `email` (their UPN, as a rule). */
export interface TeamsAddressee {
  id: string;
  name: string;
  email: string;
}

/**
 * The request body of a card for one person (decision 197): the card and the
 * addressee, deliberately NOT in the channel message's shape (no
 * `attachments`), so a Workflow made from the channel template, which posts
 * every attachment it gets, cannot post someone's notification into the
 * channel; it fails that run instead. docs/notifications.md shows the
 * Workflow that routes both shapes.
 */
export function personalTeamsMessage(to: TeamsAddressee, card: TeamsCard): unknown {
  return { type: 'plaza.personal', recipient: to, card: adaptiveCard(card) };
}

function adaptiveCard(card: TeamsCard): Record<string, unknown> {
  const body: CardElement[] = [
    { type: 'TextBlock', text: plain(card.title), weight: 'Bolder', size: 'Medium', wrap: true },
    ...card.lines.map((line) => ({ type: 'TextBlock', text: plain(line), wrap: true })),
  ];
  if (card.facts?.length) body.push({ type: 'FactSet', facts: card.facts.map((f) => ({ title: plain(f.title), value: plain(f.value) })) });
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    actions: (card.links ?? []).map((link) => ({ type: 'Action.OpenUrl', title: plain(link.title), url: link.url })),
    msteams: { width: 'Full' },
  };
}

/** Queues a card for a Teams webhook URL in the caller's transaction (see outbox.ts `enqueue`). */
export function enqueueTeamsCard(tx: Queryable, url: string, dedupeKey: string, card: TeamsCard): Promise<boolean> {
  return enqueue(tx, { channel: 'teams', recipient: url, dedupeKey, payload: teamsMessage(card) });
}

/**
 * Queues a card for one person. The dedupe key names them (`teams:person:<id>:…`), so erasing them
 * (outbox.ts `forgetRecipient`) finds the rows that carry their name and address.
 */
export function enqueuePersonalTeamsCard(tx: Queryable, url: string, cause: string, to: TeamsAddressee, card: TeamsCard): Promise<boolean> {
  return enqueue(tx, { channel: 'teams', recipient: url, dedupeKey: `${personalTeamsKeyPrefix(to.id)}${cause}`, payload: personalTeamsMessage(to, card) });
}

/** Posts a queued card to the URL it was queued for. */
export const teamsSender: Sender = {
  send: (delivery) => postJson(delivery.recipient, JSON.stringify(delivery.payload)),
};

/**
 * A TextBlock renders a subset of Markdown (emphasis, lists, links); text
 * people wrote must never become a link or emphasis, so the characters that
 * make those are escaped.
 */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]]/g, (c) => `\\${c}`);
}
