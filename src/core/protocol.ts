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
  /** A comment's Markdown, counted as JavaScript counts (`text.length`, UTF-16 code units). */
  commentLength: 10_000,
  /** Distinct people mentioned in one comment. */
  mentionsPerComment: 20,
  /** Why a comment is reported. */
  reportReasonLength: 1_000,
  /** An `Idempotency-Key` header: printable ASCII without spaces. */
  idempotencyKeyLength: 255,
  /** A people search (`GET /people?q=`). */
  searchLength: 100,
} as const;

/** A reaction kind: lowercase letters, digits and dashes. */
export const REACTION_KIND_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** A key: printable characters without whitespace, control characters or lone surrogates (which UTF-8 cannot carry). */
export const KEY_PATTERN = /^[^\s\p{Cc}\p{Cs}]{1,512}$/u;

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
  /** 403: the thread is closed (read-only); posting and editing are refused. */
  threadClosed: 'urn:plaza:problem:thread-closed',
  /** 400: a mention names nobody in the directory; `detail` names the id. */
  unknownMention: 'urn:plaza:problem:unknown-mention',
  /** 422: an `Idempotency-Key` already used for a different request. */
  idempotencyKeyReused: 'urn:plaza:problem:idempotency-key-reused',
  /** 503: a service the server depends on (the identity provider, its storage) cannot be reached; `Retry-After` says when to try again. */
  unavailable: 'urn:plaza:problem:unavailable',
  /** 401: the server lets only signed-in people read (`PLAZA_READ_ACCESS=signed-in`); elements show a calm "sign in to see" state. */
  signInToRead: 'urn:plaza:problem:sign-in-to-read',
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

/**
 * A person as a comment or an activity names them: what a name tag shows.
 * Their department, location and contact details come from `GET /people`
 * (a name tag's card asks when it opens), so a thread page and every event
 * carry no more about anyone than the thread shows.
 */
export type PersonTag = Pick<Person, 'id' | 'name' | 'role' | 'avatarUrl'>;

/** `GET /me` */
export interface Me {
  /** Null when nobody is signed in: reading works, writing gets 401. */
  user: Person | null;
  /** What the current user may do. */
  can: {
    react: boolean;
    comment: boolean;
    moderate: boolean;
    /** Whether `GET /reactions/{target}/{kind}/people` answers this reader (`PLAZA_WHO_REACTED`); absent (an older backend): it does. */
    seeWhoReacted?: boolean;
  };
}

/** Counts per kind for one target, and which of them are the current user's. */
export interface ReactionSummary {
  target: Key;
  counts: Record<ReactionKind, number>;
  mine: ReactionKind[];
}

/**
 * `PUT /reactions/{target}/{kind}`: an optional body. `page`: where the bar
 * is (see `ThreadPage`), so the feed can link a reaction to a page; it fills
 * in a key's page when none is known, or a new title of the same page, and
 * never moves it (a bar may sit in a teaser elsewhere). Ignored for `comment:`
 * and `activity:` targets, whose page is their thread's.
 */
export interface ReactionWrite {
  page?: ThreadPage;
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
export type RealtimeEvent =
  | ReactionChangedEvent
  | CommentCreatedEvent
  | CommentUpdatedEvent
  | CommentDeletedEvent
  | ThreadChangedEvent
  | FollowChangedEvent
  | ActivityCreatedEvent
  | ActivityUpdatedEvent
  | ActivityDeletedEvent
  | NotificationEvent
  | PersonUpdatedEvent
  | PersonErasedEvent;

/** Every `event:` name the stream may carry; a client listens for these. */
export const REALTIME_EVENT_TYPES = [
  'reaction.changed',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'thread.changed',
  'follow.changed',
  'activity.created',
  'activity.updated',
  'activity.deleted',
  'notification.created',
  'notification.updated',
  'notification.withdrawn',
  'notification.read',
  'person.updated',
  'person.erased',
] as const satisfies readonly RealtimeEvent['type'][];

export interface ReactionChangedEvent {
  type: 'reaction.changed';
  /** The topic it was published on, e.g. `reactions:page:/news/kantine`. */
  topic: string;
  target: Key;
  kind: ReactionKind;
  /** True when `actor` added the reaction, false when they took it back. */
  active: boolean;
  /** Who reacted; empty for a reader the server does not tell (`PLAZA_WHO_REACTED`), unless it is the reader. */
  actor: string;
  /** The counts after the change. */
  counts: Record<ReactionKind, number>;
}

/**
 * `GET /events/poll?topics=…&after=<id>`: the same events as the stream, for
 * networks whose proxy buffers or blocks `text/event-stream`. Without `after`
 * it answers no events and the id to start from.
 */
export interface RealtimePoll {
  events: Array<{ id: string; event: RealtimeEvent }>;
  /** Send it as `after` next time. */
  lastEventId: string;
  /** More events are waiting: poll again at once. */
  more: boolean;
  /**
   * The client is further behind than the server replays (or than its log
   * reaches): `events` is empty; reload what is shown, then go on from
   * `lastEventId`. The stream says the same with an `event: reset`.
   */
  reset?: true;
}

/**
 * `POST /events/{stream}/topics`: topics for an open stream, named by the
 * `stream` of its `ready` event, so a page keeps one stream whatever it shows.
 * At most `LIMITS.batchSize` in each list. Added topics replay their events
 * after `after` (the position of the read they belong to), sent without ids.
 */
export interface StreamTopicsChange {
  add?: string[];
  remove?: string[];
  after?: string;
}

/** The data of a stream's first event, `ready`. */
export interface StreamReady {
  /** Names the stream for `POST /events/{stream}/topics`. */
  stream: string;
}

/** Topic names for `GET /events`, one helper per resource so client and server agree. */
export const topics = {
  reactions: (target: Key) => `reactions:${target}`,
  /** New, edited, hidden and deleted comments of a thread, and its closing (`comment.*`, `thread.changed`). */
  comments: (threadKey: Key) => `comments:${threadKey}`,
  /** A person: their follows (`follow.changed`), a new name or department (`person.updated`), their erasure (`person.erased`). */
  person: (personId: string) => `people:${personId}`,
  /**
   * New, changed and removed activities of a feed scope (`activity.created`,
   * `activity.updated`, `activity.deleted`): `activities:all`, `activities:user:<id>`,
   * `activities:space:<key>` (the server picks what belongs to the space,
   * by the rule of {@link ActivityScope}), and `activities:following`, which
   * the server resolves per connection to the signed-in person and whoever
   * they follow at the moment (a follow takes effect on open streams at
   * once, and on a replay after `Last-Event-ID` as it stood at each event).
   * Each is delivered with the topic name asked for; signed out,
   * `activities:following` carries nothing.
   */
  activities: (scope: ActivityScope) => `activities:${scope}`,
  /**
   * The signed-in person's own notifications (`notification.*`): the server
   * resolves it per connection to whoever opened the stream; signed out it
   * carries nothing, and nobody can ask for someone else's.
   */
  notifications: () => 'me:notifications',
} as const;

/** The session routes of the development sign-in (server started with `PLAZA_AUTH=dev`). */
export interface DevSessionRequest {
  userId: string;
}

/**
 * `PATCH /dev/people/{id}` (development sign-in only): what a directory import
 * would change in a colleague's entry; a field left out stays, null empties it.
 */
export interface DevPersonChange {
  name?: string;
  role?: string | null;
  department?: string | null;
  location?: string | null;
}

/* ───────────────────────────── Comments ───────────────────────────── */

/**
 * A mention in a comment's Markdown: `@[Anna Schmidt](person:anna.schmidt)`.
 * The bracketed text is what readers see; the id after `person:` is what the
 * server checks against the directory and lists in `mentions`. Inside code
 * spans and fenced code blocks it is plain text, not a mention. Global: use it
 * with `matchAll` or `replace`, which do not keep state between calls.
 */
export const MENTION_PATTERN = /@\[([^\]\n]{1,100})\]\(person:([^)\s]{1,200})\)/g;

/** The Markdown a composer inserts to mention `person`. */
export function mentionMarkdown(person: Pick<Person, 'id' | 'name'>): string {
  const label = person.name.replace(/[\]\n]/g, ' ').trim().slice(0, 100) || person.id;
  return `@[${label}](person:${person.id})`;
}

/**
 * `published`, or a placeholder that keeps a conversation readable:
 * `deleted` (by its author or a moderator; shown only while it has replies) or
 * `hidden` (by a moderator; always shown as a placeholder, with its text for moderators).
 */
export type CommentState = 'published' | 'deleted' | 'hidden';

/** A comment as every reader sees it; realtime events carry this shape. */
export interface CommentRecord {
  id: string;
  threadKey: Key;
  /** The top-level comment this replies to; null for a top-level comment. Replies are one level deep. */
  parentId: string | null;
  /**
   * Null when the author erased their data (`DELETE /me`): the client shows a
   * neutral label ("former colleague") instead. Also null on placeholders,
   * except a hidden comment read by a moderator.
   */
  author: PersonTag | null;
  /** Markdown. Empty on placeholders, except a hidden comment read by a moderator. */
  text: string;
  /**
   * `text` as HTML, rendered by the server (mentions as
   * `<span class="mention" data-person-id="…">@Name</span>`); empty exactly
   * when `text` is. A client must still sanitise it. A backend that sends no
   * html field gets its `text` shown as plain text.
   */
  html: string;
  /** Ids of the people mentioned in `text`, each once, in order of first mention. */
  mentions: string[];
  state: CommentState;
  /** 1 when posted, +1 per edit; `PATCH /comments/{id}` names the version it edits. */
  version: number;
  createdAt: Timestamp;
  /** When the text last changed; null if never edited. */
  editedAt: Timestamp | null;
}

/** A comment with its reactions (target `comment:<id>`; `mine` is the reader's). */
export interface Comment extends CommentRecord {
  reactions: ReactionSummary;
}

/** A top-level comment of a thread page, with its first replies. */
export interface ThreadComment extends Comment {
  /** The first replies, oldest first (up to 20). */
  replies: Comment[];
  /** How many replies show under it (published and placeholders). */
  replyCount: number;
  /** `GET /comments/{id}/replies?cursor=` with this gives the replies after `replies`; null when all are here. */
  repliesCursor: string | null;
}

export const COMMENT_SORTS = ['newest', 'oldest', 'top'] as const;
/** `top`: most reactions first (as they stood when the first page was read, so paging stays stable). */
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** A thread's state, alone (`PUT|DELETE /threads/{key}/closed`) or in a batch (`GET /threads/counts`). */
export interface ThreadSummary {
  key: Key;
  /** A closed thread is read-only: posting and editing are refused with `thread-closed`. */
  closed: boolean;
  /** Published comments and replies; placeholders do not count. */
  count: number;
}

/** `GET /threads/counts?keys=a&keys=b`: one summary per key asked, unknown threads with count 0. */
export interface ThreadSummaries {
  items: ThreadSummary[];
}

/** `GET /threads/{key}/comments?sort=&cursor=&limit=`: one request paints a thread. An unknown key is an empty, open thread. */
export interface CommentThread extends ThreadSummary, Page<ThreadComment> {
  sort: CommentSort;
  /** This server's limits, for the composer (an operator may set them below `LIMITS`). */
  limits: { commentLength: number; mentionsPerComment: number };
}

/** `POST /threads/{key}/comments` (send an `Idempotency-Key` header so a retry is safe). */
export interface NewComment {
  text: string;
  /**
   * The page the thread is shown on, so the activity feed can link to it.
   * The server keeps the latest one per thread; only http(s) URLs are kept,
   * and from a browser only pages of its own origin (`Origin`).
   */
  page?: ThreadPage;
  /** Reply to this comment. A reply to a reply is filed under the top-level comment. */
  parentId?: string;
}

/** `PATCH /comments/{id}` */
export interface CommentEdit {
  text: string;
  /** The version the edit is based on; an older one is refused (409, `CommentConflict`). */
  version: number;
}

/** `POST /preview`: a draft (comment or status post) to see as it will show. */
export interface PreviewRequest {
  text: string;
}

/** What `POST /preview` answers: the draft rendered as a posted comment's html field would be. */
export interface Preview {
  /** Rendered by the server; a client must still sanitise it. */
  html: string;
  /** Ids of the people the draft mentions, as a post would record them. */
  mentions: string[];
}

/** The problem of a stale edit (409 `conflict`): `current` is the comment as it is now. */
export interface CommentConflict extends Problem {
  current: Comment;
}

/** `DELETE /comments/{id}` answers this, and `comment.deleted` carries it. */
export interface CommentDeletion {
  id: string;
  threadKey: Key;
  parentId: string | null;
  /** True: the comment stays as a `deleted` placeholder (it has replies). False: remove it. */
  tombstone: boolean;
  /** The thread's count afterwards. */
  count: number;
}

/** `POST /comments/{id}/reports` */
export interface NewReport {
  reason: string;
}

/** A report as its reporter sees it. Reporting a comment again replaces the reason. */
export interface Report {
  id: string;
  commentId: string;
  reason: string;
  createdAt: Timestamp;
}

/** `GET /moderation/reports` (moderators): open reports, oldest first. */
export interface ModerationReport extends Report {
  /** The comment as a moderator sees it (a hidden one with its text). */
  comment: Comment;
  /** Null when the reporter erased their data. */
  reporter: Person | null;
}
export type ModerationReports = Page<ModerationReport>;

/** `dismiss`: the reports on a comment settled without hiding it (restoring a comment that was not hidden). */
export const MODERATION_ACTIONS = ['hide', 'restore', 'dismiss', 'delete', 'close', 'reopen'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * `GET /moderation/log?target=` (moderators): who moderated what, newest
 * first. Readers learn only that the moderation acted; events name nobody.
 */
export interface ModerationLogEntry {
  id: string;
  action: ModerationAction;
  /** `comment:<id>`, `activity:<id>` (a status post) or the key of the thread closed or reopened. */
  target: Key;
  /** Null when the moderator erased their data. */
  moderator: PersonTag | null;
  createdAt: Timestamp;
}
export type ModerationLog = Page<ModerationLogEntry>;

/**
 * What an audit entry keeps of its target as it was when the moderation
 * acted, so the entry reads after the target changed or went: the author's
 * id (null for a thread, or once the author was erased), the first words
 * (null for a thread, or once erasure with `PLAZA_ERASE_MODE=delete` took
 * them), and how many open reports the act resolved (accepted by hiding or
 * deleting, dismissed by restoring).
 */
export interface ModerationSnapshot {
  authorId: string | null;
  excerpt: string | null;
  reportsResolved: number;
}

/**
 * `GET /moderation/audit` (moderators and auditors): the audit log of
 * moderation, newest first; also as CSV (`?format=csv`).
 */
export interface ModerationAuditEntry {
  id: string;
  action: ModerationAction;
  /** `comment:<id>`, `activity:<id>` (a status post) or the key of the thread closed or reopened. */
  target: Key;
  /** The thread of a comment, or the thread closed or reopened; null for a status post. */
  threadKey: Key | null;
  /** Who acted: kept when they are erased (decision 157); `id` null only for records older than the audit log. */
  actor: { id: string | null; name: string | null };
  /** What the moderator gave as the reason, if anything. */
  reason: string | null;
  snapshot: ModerationSnapshot;
  createdAt: Timestamp;
}
export type ModerationAudit = Page<ModerationAuditEntry>;

/** The optional body of a moderating write (hide, restore, close, reopen, deleting someone else's comment or post): why, for the audit log. */
export interface ModerationReason {
  reason?: string;
}

/**
 * `GET /moderation/deliveries` (moderators): what Plaza sent or tries to send
 * (e-mails, Teams cards, webhook calls), newest first. No secrets and no
 * content: where it goes is a person's id or a URL's host.
 */
export interface DeliveryLogEntry {
  id: string;
  channel: 'email' | 'teams' | 'webhook';
  /** `email`: the recipient's directory id; `teams` and `webhook`: the URL's scheme and host only (its path may hold a token). */
  destination: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** Why the last attempt failed; null after success or before the first attempt. */
  lastError: string | null;
  createdAt: Timestamp;
  /** When it goes out next (pending), or null. */
  nextAttemptAt: Timestamp | null;
  sentAt: Timestamp | null;
}
export type DeliveryLog = Page<DeliveryLogEntry>;

/* ───────────────────────────── People ───────────────────────────── */

/** `GET /people/{id}` and the answer of `PUT|DELETE /people/{id}/follow`. */
export interface Profile extends Person {
  /** Their manager as the directory says (from `plaza import-people`); null when none. */
  manager: Person | null;
  followers: number;
  following: number;
  /** False when signed out. */
  followedByMe: boolean;
}

/** `GET /profiles?ids=`: the profile cards of a page in one request, in the order asked, unknown ids left out. */
export interface ProfileList {
  items: Profile[];
}

/* ───────────────────────────── Activities ───────────────────────────── */

/** Where a thread is shown: the link an activity about it points to. */
export interface ThreadPage {
  /** An absolute http(s) URL; anything else is dropped by the server. */
  url: string;
  /** The page's title (up to 200 characters). */
  title?: string;
}

/**
 * What happened. `status`: a status post; `comment`: a comment or reply on a
 * thread; `reaction`: a reaction to a thread's page or a comment; `follow`:
 * `actor` started following `subject`; `joined`: a new colleague (imported
 * into the directory).
 */
export const ACTIVITY_KINDS = ['status', 'comment', 'reaction', 'follow', 'joined'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * Which activities a feed shows: `all`; `following` (the signed-in person's
 * own and those of whoever they follow now); `user:<personId>` (what that
 * person did); `space:<key>`: status posts whose `space` starts with `<key>`,
 * and comments and reactions whose thread (`target.key`) starts with `<key>`
 * (plain prefix: end `<key>` with `/` to stop at a path boundary, so
 * `space:page:/news/` takes `page:/news/kantine` but not `page:/newsletter`).
 * Follows and new colleagues belong to no space.
 */
export type ActivityScope = 'all' | 'following' | `user:${string}` | `space:${string}`;
export const ACTIVITY_SCOPE_PATTERN = /^(?:all|following|user:[^\s\p{Cc}\p{Cs}]{1,200}|space:[^\s\p{Cc}\p{Cs}]{1,512})$/u;

/** One item of a feed. */
export interface Activity {
  id: string;
  kind: ActivityKind;
  /** Who did it; null when they erased their data. */
  actor: PersonTag | null;
  createdAt: Timestamp;
  /**
   * `status`: the post's Markdown (mentions as in comments). `comment`: the
   * comment's Markdown as it is now (edits show). A comment that is deleted
   * or hidden takes its activity, and the reactions to it, out of every feed
   * (`activity.deleted`); other kinds: empty.
   */
  text: string;
  /** `text` as HTML, rendered by the server as a comment's html field is; a client must still sanitise it. */
  html: string;
  /** Ids of the people `text` mentions. */
  mentions: string[];
  /** `status`: the space it was posted to, or null. */
  space: Key | null;
  /**
   * `comment`: its thread. `reaction`: the thread of the comment reacted to,
   * else the reaction target itself (usually a page's thread key). With the
   * page the thread was last seen on (`NewComment.page`), when known.
   */
  target: { key: Key; page: ThreadPage | null } | null;
  /** `comment`, and `reaction` to a comment: the comment's id (a link can jump to `#comment-<id>`). */
  commentId: string | null;
  /** `reaction`: which kind. */
  reaction: ReactionKind | null;
  /** `follow`: who was followed. `joined`: null (the actor joined). */
  subject: PersonTag | null;
  /** Reactions to a status post (target `activity:<id>`); present on `status` items. */
  reactions: ReactionSummary | null;
}

/** `GET /activities?scope=&kinds=&cursor=&limit=`: newest first. */
export type ActivityPage = Page<Activity>;

/**
 * `POST /activities`: a status post (send an `Idempotency-Key` header); the
 * answer is the new `Activity`. `DELETE /activities/{id}` takes a status post
 * back (its author or a moderator); other kinds go when what they record is
 * undone (a reaction taken back, an unfollow, a deleted comment). Reactions
 * to a status post are not activities themselves.
 */
export interface NewStatusPost {
  /** Markdown, same rules and limits as a comment. */
  text: string;
  /** Post to this space instead of the author's own feed. */
  space?: Key;
}

export interface ActivityCreatedEvent {
  type: 'activity.created';
  /** The topic it is delivered on: `activities:all`, `activities:user:<actor>`, `activities:space:<key>` or `activities:following`. */
  topic: string;
  /** As every reader sees it (`reactions.mine` empty). */
  activity: Activity;
  actor: string;
}

/**
 * An activity reads differently: a comment's words changed (its author edited
 * it, or erasure relabelled a mention in it), a status post's mention was
 * relabelled, or a status post whose author was erased stays without author
 * (`actor` null). Replace the item with this id if you show it, as a reload
 * would show it (an id you do not show: ignore it).
 */
export interface ActivityUpdatedEvent {
  type: 'activity.updated';
  /** As for `activity.created`; a post without author only on shared feeds (`activities:all` and what derives from it). */
  topic: string;
  /** As every reader sees it now (`reactions.mine` empty). */
  activity: Activity;
}

/**
 * An activity left the feeds: its reaction was taken back, its follow ended,
 * its comment was deleted or hidden, its status post deleted. Remove the item
 * with this id if you show it (an id you do not show: ignore it).
 */
export interface ActivityDeletedEvent {
  type: 'activity.deleted';
  /** As for `activity.created`. */
  topic: string;
  /** Nobody is named: a moderator may have hidden or deleted it. */
  id: string;
}

/* ───────────────────────────── Privacy ───────────────────────────── */

/** `GET /me/export`: everything the signed-in person wrote, reacted and followed. */
export interface PersonalDataExport {
  format: 'plaza-export/1';
  exportedAt: Timestamp;
  person: Person;
  /** Their comments that were not deleted, hidden ones included, oldest first. */
  comments: Array<Omit<CommentRecord, 'author'>>;
  reactions: Array<{ target: Key; kind: ReactionKind; createdAt: Timestamp }>;
  following: Array<{ person: Person; since: Timestamp }>;
  reports: Array<{ commentId: string; reason: string; createdAt: Timestamp }>;
  /** Their status posts, oldest first (other activities only record what the lists above hold). */
  statusPosts: Array<{ id: string; text: string; mentions: string[]; space: Key | null; createdAt: Timestamp }>;
  /** What they did as a moderator: their entries in the audit log of moderation, newest first. */
  moderation: ModerationAuditEntry[];
}

/** `DELETE /me`: what was erased. The session ends with it. */
export interface ErasureReceipt {
  /**
   * `anonymise`: comments and status posts stay without an author. `delete`:
   * their texts go too (threads keep placeholders; status posts disappear).
   * Their other activities go either way.
   */
  mode: 'anonymise' | 'delete';
  comments: number;
  statusPosts: number;
  reactions: number;
  follows: number;
  reports: number;
}

/* ───────────────────────────── Realtime ───────────────────────────── */

/*
 * The events of a thread (`comments:<threadKey>`) name nobody but through the
 * comment's `author`, as the thread shows it: who hid, restored, deleted,
 * closed or reopened is "the moderation" to readers. Replayed
 * (`Last-Event-ID`, `GET /events/poll`), a comment's created and updated
 * events show it as the thread shows it now: edited words, hidden or deleted
 * placeholders, never what was there before.
 */

/** The comment's author is `comment.author` (the thread's view of it). */
export interface CommentCreatedEvent {
  type: 'comment.created';
  /** `comments:<threadKey>` */
  topic: string;
  comment: CommentRecord;
  /** The thread's count afterwards. */
  count: number;
}

/** An edit, a hide or a restore: replace the comment you show. */
export interface CommentUpdatedEvent {
  type: 'comment.updated';
  topic: string;
  /** As every reader sees it: a hidden comment comes without text or author. */
  comment: CommentRecord;
  count: number;
}

/**
 * A deletion, by its author or a moderator (the event does not say which).
 * Also sent for a deleted top-level comment whose last reply went (it no
 * longer shows), with `tombstone: false`.
 */
export interface CommentDeletedEvent extends CommentDeletion {
  type: 'comment.deleted';
  topic: string;
}

/** A thread was closed or reopened (by a moderator, unnamed). */
export interface ThreadChangedEvent extends ThreadSummary {
  type: 'thread.changed';
  topic: string;
}

export interface FollowChangedEvent {
  type: 'follow.changed';
  /** `people:<person>` */
  topic: string;
  /** Who is (no longer) followed. */
  person: string;
  /** Who follows; empty for readers other than the two concerned with `PLAZA_FOLLOWERS_VISIBLE=self`. */
  actor: string;
  active: boolean;
  /** `person`'s follower count afterwards. */
  followers: number;
}

/* ───────────────────────────── Notifications ───────────────────────────── */

/**
 * What a notification tells of: `mention` (you were mentioned in a comment or
 * status post), `reply` (to your comment), `comment` (in a thread you watch),
 * `reaction` (to your comment or status post; bundled, see `count`),
 * `follow` (someone follows you), `followed-post` (a status post by someone
 * you follow; off unless chosen), `report` (a comment was reported; moderators).
 * One event notifies a person once, as its most specific kind.
 */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'comment', 'reaction', 'follow', 'followed-post', 'report'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One entry of `GET /notifications`, and what `notification.created` and `.updated` carry. */
export interface PlazaNotification {
  id: string;
  kind: NotificationKind;
  /** Who did it, newest first, at most 3 (people erased since are left out). */
  actors: PersonTag[];
  /** How many people: above 1 only for a bundle of reactions ("Anna und 4 weitere haben reagiert"). */
  count: number;
  /** `comment:<id>` or `activity:<id>` (a status post); null for a follow (the actor is the subject). */
  target: Key | null;
  /** The thread of the comment; null otherwise. */
  thread: Key | null;
  /** The page the thread was last seen on, when known. */
  page: ThreadPage | null;
  /** The page's URL with `#comment-<id>`, when the page is known; null otherwise. */
  permalink: string | null;
  /** The start of the comment's or post's text as plain text (mentions as `@Name`); empty for a follow. */
  excerpt: string;
  createdAt: Timestamp;
  /** When it last changed (a bundle counting up); the list is ordered by it. */
  updatedAt: Timestamp;
  /** Null while unread. */
  readAt: Timestamp | null;
}

/** `GET /notifications?cursor=&limit=`: newest first. */
export interface NotificationPage extends Page<PlazaNotification> {
  /** The signed-in person's unread notifications, all pages together. */
  unread: number;
}

/** `POST /notifications/read`: `ids` (the signed-in person's; others are ignored), or `all` of theirs; one of the two. */
export interface NotificationReadRequest {
  ids?: string[];
  all?: true;
}

/**
 * Where a kind reaches a person besides the list: `in-app` (the list alone),
 * `email` (a mail at once), `digest` (in the daily mail), `teams` (a Teams
 * message), `off` (not even the list).
 */
export const NOTIFICATION_CHANNELS = ['in-app', 'email', 'digest', 'teams', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The kinds a person chooses for; `comment` (a watched thread) follows `reply`. */
export const NOTIFICATION_SETTING_KINDS = ['mention', 'reply', 'reaction', 'follow', 'followed-post', 'report'] as const;
export type NotificationSettingKind = (typeof NOTIFICATION_SETTING_KINDS)[number];

/** `GET|PUT /me/notification-settings`; a PUT may name only the kinds it changes. */
export interface NotificationSettings {
  kinds: Record<NotificationSettingKind, NotificationChannel>;
  /**
   * The channels this server can reach people on, in NOTIFICATION_CHANNELS' order: always `in-app` and
   * `off`; `email` and `digest` where it sends e-mail; `teams` where Teams is set up. A choice of a
   * channel not offered is kept, but reaches nobody until the server offers it.
   */
  channels: NotificationChannel[];
}

/** `GET|PUT|DELETE /threads/{key}/watch` */
export interface ThreadWatch {
  key: Key;
  watching: boolean;
}

/** Events on `me:notifications`. Each carries the person's unread count afterwards, for the bell. */
export type NotificationEvent = NotificationCreatedEvent | NotificationUpdatedEvent | NotificationWithdrawnEvent | NotificationReadEvent;

/** A new entry: put it on top. */
export interface NotificationCreatedEvent {
  type: 'notification.created';
  /** `me:notifications` */
  topic: string;
  notification: PlazaNotification;
  unread: number;
}

/** An entry changed (a bundle counted up or down): replace it and move it by `updatedAt`. */
export interface NotificationUpdatedEvent {
  type: 'notification.updated';
  topic: string;
  notification: PlazaNotification;
  unread: number;
}

/** What it told of was deleted, hidden or undone: remove the entry with this id. */
export interface NotificationWithdrawnEvent {
  type: 'notification.withdrawn';
  topic: string;
  id: string;
  unread: number;
}

/** Marked read, in this tab or another: these ids, or (`all`) everything up to now. */
export interface NotificationReadEvent {
  type: 'notification.read';
  topic: string;
  ids: string[];
  all: boolean;
  unread: number;
}

/**
 * A colleague's profile changed (a directory import: a new name,
 * department, role): show `person` wherever you show them.
 */
export interface PersonUpdatedEvent {
  type: 'person.updated';
  /** `people:<id>` */
  topic: string;
  person: Person;
}

/**
 * A colleague was erased (`DELETE /me`, a leaver removed by
 * `plaza import-people --remove-missing`): drop their name and card
 * wherever you show them; where they were an author, show the author as
 * unknown. Their comments and status posts come as their own events
 * (`comment.updated` without author, or `comment.deleted`), and so do others'
 * comments whose mention of them became "former colleague".
 */
export interface PersonErasedEvent {
  type: 'person.erased';
  /** `people:<id>` */
  topic: string;
  /** The id they had. */
  person: string;
}
