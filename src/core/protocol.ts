/**
 * The Plaza protocol, version 1: the contract between the browser library and
 * any backend. Plain types on purpose: the reference server declares zod
 * schemas for the same shapes and proves at compile time that they match these
 * (see server/schemas/), so neither side can drift, and a page's type-checker
 * never needs zod.
 *
 * Every path below is relative to the endpoint, e.g. `https://intranet/api/v1`.
 */

/** An opaque key chosen by the page, such as `page:/news/kantine` or `comment:01J…`. */
export type Key = string;

/** ISO 8601 timestamp in UTC. */
export type Timestamp = string;

/** The built-in reaction set; a backend may accept others, and a bar may choose its own (`kinds`). */
export const DEFAULT_REACTION_KINDS = ['like', 'love', 'celebrate', 'insight', 'surprise'] as const;
export type ReactionKind = string;

/** The limits both sides enforce. The server's configuration may lower them. */
export const LIMITS = {
  keyLength: 512,
  kindLength: 32,
  batchSize: 100,
} as const;

/** A reaction kind: lowercase letters, digits and dashes. */
export const REACTION_KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** A key: printable characters without whitespace or control characters. */
export const KEY_PATTERN = /^[^\s\p{Cc}]{1,512}$/u;

/** RFC 9457 problem details. `type` is stable and names what went wrong; `field` names the offending input. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** A JSON-pointer-like path to the offending input, e.g. `kind` or `body.text`. */
  field?: string;
  instance?: string;
}

/** The stable problem types Plaza's server uses. A client may switch on them. */
export const PROBLEM_TYPES = {
  validation: 'urn:plaza:problem:validation',
  unauthenticated: 'urn:plaza:problem:unauthenticated',
  forbidden: 'urn:plaza:problem:forbidden',
  notFound: 'urn:plaza:problem:not-found',
  conflict: 'urn:plaza:problem:conflict',
  tooLarge: 'urn:plaza:problem:too-large',
  rateLimited: 'urn:plaza:problem:rate-limited',
  unknownKind: 'urn:plaza:problem:unknown-reaction-kind',
  internal: 'urn:plaza:problem:internal',
  network: 'urn:plaza:problem:network',
} as const;

/** A colleague as the directory knows them. */
export interface Person {
  id: string;
  name: string;
  role?: string | null;
  department?: string | null;
  location?: string | null;
  email?: string | null;
  phone?: string | null;
  avatarUrl?: string | null;
}

/** `GET /me` */
export interface Me {
  /** Null when nobody is signed in: reading works, writing gets 401. */
  user: Person | null;
  /** What the current user may do. */
  can: { react: boolean; comment: boolean; moderate: boolean };
}

/** Counts per kind for one target, and which of them are the current user's. */
export interface ReactionSummary {
  target: Key;
  counts: Record<ReactionKind, number>;
  mine: ReactionKind[];
}

/** `GET /reactions?targets=a,b,c` */
export interface ReactionBatch {
  items: ReactionSummary[];
}

/** A page of items with an opaque cursor to the next page, null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `GET /reactions/{target}/{kind}/people` */
export type ReactionPeople = Page<Person> & { total: number };

/**
 * What `GET /events?topics=…` streams. Each Server-Sent Event has `id` (for
 * `Last-Event-ID`), `event` equal to `type`, and this object as JSON `data`.
 */
export type RealtimeEvent = ReactionChangedEvent;

/** Every `event:` name the stream may carry; a client listens for these. */
export const REALTIME_EVENT_TYPES = ['reaction.changed'] as const satisfies readonly RealtimeEvent['type'][];

export interface ReactionChangedEvent {
  type: 'reaction.changed';
  /** The topic it was published on, e.g. `reactions:page:/news/kantine`. */
  topic: string;
  target: Key;
  kind: ReactionKind;
  /** True when `actor` added the reaction, false when they took it back. */
  active: boolean;
  actor: string;
  /** The counts after the change. */
  counts: Record<ReactionKind, number>;
}

/** Topic names for `GET /events`, one helper per resource so client and server agree. */
export const topics = {
  reactions: (target: Key) => `reactions:${target}`,
} as const;

/** The session routes of the development sign-in (server started with `PLAZA_AUTH=dev`). */
export interface DevSessionRequest {
  userId: string;
}
