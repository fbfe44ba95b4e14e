import type { PlazaOptions, UserIdFormat } from '../config.ts';
import type { Database } from '../db.ts';
import type { Logger } from '../log.ts';
import type { EventBus } from '../realtime.ts';
import { addNewcomer, updateModerator } from '../store/people.ts';
import { findDirectoryUser, type SessionUser } from '../store/sessions.ts';
import type { SessionCache } from './session-cache.ts';

/**
 * A directory id as the rest of the API takes it: no whitespace or control
 * characters (paths, NUL), no commas (`GET /people?ids=a,b`) and no
 * parentheses (`@[Name](person:id)` mentions).
 */
const DIRECTORY_ID = /^[^\s\p{Cc},()]{1,200}$/u;

/** What a proxy header or a token says about someone who is not in the directory yet. */
export interface NewcomerDetails {
  name?: string;
  email?: string;
}

/** The format in effect: the mode's default unless the operator chose one. */
export function userIdFormatOf(options: Pick<PlazaOptions, 'auth' | 'userIdFormat'>): UserIdFormat {
  // A token can vouch for people of other domains (guests, brokered accounts): keep the domain by default.
  return options.userIdFormat ?? (options.auth === 'oidc' ? 'lowercase' : 'name');
}

/**
 * Turns a user name as a proxy or identity provider spells it into a
 * directory id: `MUSTER\Ayse.Demir` and `ayse.demir@MUSTER.LOCAL` both become
 * `ayse.demir` in the `name` format. Answers a reason instead when the name
 * is unusable or its domain is not in `domains` (when that list is not empty).
 */
export function directoryId(raw: string, format: UserIdFormat, domains: readonly string[]): { id: string } | { refused: string } {
  const value = raw.trim().normalize('NFC');
  let name = value;
  const qualifiers: string[] = [];
  const backslash = name.indexOf('\\');
  if (backslash >= 0) {
    qualifiers.push(name.slice(0, backslash));
    name = name.slice(backslash + 1);
  }
  const at = name.lastIndexOf('@');
  if (at >= 0) {
    qualifiers.push(name.slice(at + 1));
    name = name.slice(0, at);
  }
  if (!name || qualifiers.some((q) => !q)) return { refused: 'is not a user name' };
  if (domains.length > 0) {
    const allowed = new Set(domains.map((d) => d.toLowerCase()));
    const foreign = qualifiers.find((q) => !allowed.has(q.toLowerCase()));
    if (foreign !== undefined) return { refused: `belongs to "${foreign}", which is not in PLAZA_USER_DOMAINS` };
  }
  const id = format === 'name' ? name.toLowerCase() : format === 'lowercase' ? value.toLowerCase() : value;
  return DIRECTORY_ID.test(id) ? { id } : { refused: 'cannot be a directory id (whitespace, commas, parentheses or over 200 characters)' };
}

/**
 * Finds the people that a proxy or a token names, and, with
 * `autoCreatePeople`, gives newcomers a minimal profile (the id as name
 * unless the token has one) so they can take part before any directory
 * import knows them, and a "joined" activity. Without it they stay signed
 * out, and the server says why once per id.
 */
export class Directory {
  private readonly warned = new OnceEach();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly options: Pick<PlazaOptions, 'autoCreatePeople'>,
    private readonly logger: Logger,
    private readonly sessions: SessionCache,
  ) {}

  /** The person `id` names; a newcomer is added (or refused) as configured. `read`: a remembered answer will do. */
  signIn(id: string, newcomer: NewcomerDetails, via: string, read: boolean): Promise<SessionUser | null> {
    return this.sessions.user(`person:${id}`, read, () => this.findOrAdd(id, newcomer, via));
  }

  private async findOrAdd(id: string, newcomer: NewcomerDetails, via: string): Promise<SessionUser | null> {
    const known = await findDirectoryUser(this.db, id);
    if (known) return known;
    if (!this.options.autoCreatePeople) {
      this.warned.run(id, () =>
        this.logger.warn(`Sign-in: ${via} names "${id}", who is not in the directory; treated as signed out (PLAZA_AUTO_CREATE_PEOPLE=off).`),
      );
      return null;
    }
    const person = { id, name: cleanText(newcomer.name, 200) ?? id, email: cleanEmail(newcomer.email) };
    // Of racing first requests, only the one that adds the person announces them.
    if (await this.bus.transaction((tx, publish) => addNewcomer(tx, publish, person))) {
      this.logger.info(`Sign-in: added "${id}" to the directory (first sign-in via ${via}).`);
    }
    return findDirectoryUser(this.db, id);
  }

  /** Records what the identity provider says, so cookie sessions (which carry no roles) agree with the token. */
  async setModerator(user: SessionUser, moderator: boolean): Promise<SessionUser> {
    if (user.moderator === moderator) return user;
    await updateModerator(this.db, user.person.id, moderator);
    this.sessions.forget(user.person.id);
    return { ...user, moderator };
  }
}

/** Runs something once per key (a warning per address or id), remembering a bounded number of keys. */
export class OnceEach {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 1000) {}

  run(key: string, action: () => void): void {
    if (this.seen.has(key)) return;
    // Forgetting everything now and then is simpler than an LRU, and only repeats a warning.
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.add(key);
    action();
  }
}

function cleanText(value: string | undefined, max: number): string | undefined {
  const text = value?.replace(/\p{Cc}/gu, ' ').trim();
  return text ? [...text].slice(0, max).join('') : undefined; // by code point: never half an emoji
}

function cleanEmail(value: string | undefined): string | null {
  const email = value?.trim();
  return email && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}
