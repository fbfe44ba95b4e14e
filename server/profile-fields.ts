import type { Activity, Person, PersonTag, Profile, RealtimeEvent } from '../src/core/protocol.ts';
import type { ProfileField } from './config/privacy.ts';
import type { SessionUser } from './store/sessions.ts';

/*
 * `PLAZA_PROFILE_FIELDS`: what colleagues see of a person. Stores read the
 * whole row; every route that answers with a person passes it through here,
 * so the rule sits in one place. A person always sees their own entry whole
 * (`/me`, their own card), and the export (`/me/export`) keeps everything.
 * A field not shown is null, as a field the directory lacks is.
 *
 * Name tags (`PersonTag`: a comment's author, a feed's actor, a
 * notification's actors) show `role` and the picture only when `role` and
 * `avatar` are listed, the same for every reader (decision 185): tables are
 * read through `personTagJson` (store/person-columns.ts), which leaves them
 * out in the SQL; the event log keeps tags whole and `shownEvent` applies the
 * setting where every event leaves for a reader (the stream, its replays,
 * the poll), so a changed setting holds for events logged before it too.
 */

/** Each field of a `Person` a setting may hide, and the setting's name for it. */
const HIDEABLE: ReadonlyArray<[keyof Person, ProfileField]> = [
  ['role', 'role'],
  ['department', 'department'],
  ['location', 'location'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['avatarUrl', 'avatar'],
];

/** Who reads: a session's user, or just their id (null: signed out). */
type Viewer = { person: Pick<SessionUser['person'], 'id'> } | null;

/** `person` as `viewer` may see them. */
export function shownPerson<P extends Partial<Person> & { id: string }>(person: P, viewer: Viewer, fields: readonly ProfileField[]): P {
  if (viewer?.person.id === person.id) return person;
  const shown = { ...person };
  for (const [key, field] of HIDEABLE) if (key in shown && !fields.includes(field)) (shown as Record<string, unknown>)[key] = null;
  return shown;
}

export function shownPeople<P extends Person>(people: readonly P[], viewer: Viewer, fields: readonly ProfileField[]): P[] {
  return people.map((person) => shownPerson(person, viewer, fields));
}

/** A profile card: the person's fields, and their manager only with `manager` listed (shown by the same rule). */
export function shownProfile(profile: Profile, viewer: Viewer, fields: readonly ProfileField[]): Profile {
  if (viewer?.person.id === profile.id) return profile;
  const manager = fields.includes('manager') && profile.manager ? shownPerson(profile.manager, viewer, fields) : null;
  return { ...shownPerson(profile, viewer, fields), manager };
}

export function shownProfiles(profiles: readonly Profile[], viewer: Viewer, fields: readonly ProfileField[]): Profile[] {
  return profiles.map((profile) => shownProfile(profile, viewer, fields));
}

/** A name tag as every reader is shown it: `role` and the picture only when listed. */
export function shownTag<T extends PersonTag | null>(tag: T, fields: readonly ProfileField[]): T {
  if (tag === null) return tag;
  const role = fields.includes('role') ? tag.role : null;
  const avatarUrl = fields.includes('avatar') ? tag.avatarUrl : null;
  return role === tag.role && avatarUrl === tag.avatarUrl ? tag : { ...tag, role, avatarUrl };
}

function shownActivity(activity: Activity, fields: readonly ProfileField[]): Activity {
  return { ...activity, actor: shownTag(activity.actor, fields), subject: shownTag(activity.subject, fields) };
}

/**
 * An event as `viewer` receives it: name tags as `shownTag` shows them, and a
 * changed person (`person.updated`) as `shownPerson` (the viewer's own entry whole).
 */
export function shownEvent(event: RealtimeEvent, viewer: Viewer, fields: readonly ProfileField[]): RealtimeEvent {
  if (event.type === 'person.updated') return { ...event, person: shownPerson(event.person, viewer, fields) };
  // The same for every reader: one copy per event, so every stream sends the same object and
  // live-stream.ts encodes it once (decision 57; 200 streams with copies grew a server by 150 MB).
  const cached = shownCopies.get(event);
  if (cached?.fields === fields) return cached.shown;
  const shown = tagsShown(event, fields);
  shownCopies.set(event, { fields, shown });
  return shown;
}

const shownCopies = new WeakMap<RealtimeEvent, { fields: readonly ProfileField[]; shown: RealtimeEvent }>();

function tagsShown(event: RealtimeEvent, fields: readonly ProfileField[]): RealtimeEvent {
  switch (event.type) {
    case 'comment.created':
    case 'comment.updated': {
      const author = shownTag(event.comment.author, fields);
      return author === event.comment.author ? event : { ...event, comment: { ...event.comment, author } };
    }
    case 'activity.created':
    case 'activity.updated':
      return { ...event, activity: shownActivity(event.activity, fields) };
    case 'notification.created':
    case 'notification.updated':
      return { ...event, notification: { ...event.notification, actors: event.notification.actors.map((actor) => shownTag(actor, fields)) } };
    default:
      return event;
  }
}
