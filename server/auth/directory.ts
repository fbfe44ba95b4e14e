import type { PlazaOptions, UserIdFormat } from '../config.ts';
import type { Database } from '../db.ts';
import type { Logger } from '../log.ts';
import { ProblemError } from '../problem.ts';
import type { EventBus } from '../events/bus.ts';
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

/** A user name as a directory id, or why it cannot be one; `lookalike`: it could pass for someone else's (refuse it loudly). */
export type DirectoryIdResult = { id: string } | { refused: string; lookalike?: boolean };

/**
 * Turns a user name as a proxy or identity provider spells it into a
 * directory id: `MUSTER\Ayse.Demir` and `ayse.demir@MUSTER.LOCAL` both become
 * `ayse.demir` in the `name` format. Answers a reason instead when the name
 * is unusable or its domain is not in `domains` (when that list is not empty).
 *
 * Only ASCII case and one-to-one case pairs (Ö/ö) are folded. A name that
 * Unicode normalisation would change (U+212A KELVIN SIGN becomes `K`, a
 * decomposed `ö` becomes the composed one) or with a capital that shares its
 * small letter with another character (U+212A, `İ` U+0130, `ẞ`) is another
 * account upstream that would land on someone's id: a `lookalike`, refused,
 * never merged.
 */
export function directoryId(raw: string, format: UserIdFormat, domains: readonly string[]): DirectoryIdResult {
  const value = raw.trim();
  const unstable = changedByNormalisation(value);
  if (unstable.length > 0) return lookalike(`is spelt with characters that Unicode normalisation changes (${codePoints(unstable)})`);
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
    // ASCII case only: a domain that matches only through Unicode case mapping is another domain.
    const allowed = new Set(domains.map(asciiLowerCase));
    const foreign = qualifiers.find((q) => !allowed.has(asciiLowerCase(q)));
    if (foreign !== undefined) return { refused: `belongs to "${foreign}", which is not in PLAZA_USER_DOMAINS` };
  }
  const lowered = format === 'name' ? name : format === 'lowercase' ? value : '';
  const ambiguous = ambiguousCapitals(lowered);
  if (ambiguous.length > 0) return lookalike(`has capitals whose small letter other characters share (${codePoints(ambiguous)})`);
  const id = format === 'exact' ? value : lowered.toLowerCase();
  return DIRECTORY_ID.test(id) ? { id } : { refused: 'cannot be a directory id (whitespace, commas, parentheses or over 200 characters)' };
}

function lookalike(reason: string): DirectoryIdResult {
  return { refused: `${reason}, so it could pass for another person's name`, lookalike: true };
}

/** The characters NFC replaces or composes with what precedes them. */
function changedByNormalisation(value: string): string[] {
  if (value === value.normalize('NFC')) return [];
  const chars = [...value];
  return chars.filter((char, i) => char.normalize('NFC') !== char || (i > 0 && /\p{M}/u.test(char) && (chars[i - 1]! + char).normalize('NFC') !== chars[i - 1]! + char));
}

/** Capitals beyond ASCII whose lowercase is not their own: it is ASCII, several characters, or does not uppercase back to them. */
function ambiguousCapitals(value: string): string[] {
  if (!/[^\p{ASCII}]/u.test(value)) return [];
  return [...value].filter((char) => {
    const lower = char.toLowerCase();
    if (lower === char || char.charCodeAt(0) < 0x80) return false;
    return /\p{ASCII}/u.test(lower) || [...lower].length !== 1 || lower.toUpperCase() !== char;
  });
}

function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function codePoints(chars: readonly string[]): string {
  return [...new Set(chars)].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
}

/** A name for the log: everything beyond printable ASCII as `\u{…}`, so a lookalike shows as one and nothing breaks the line. */
export function printableName(name: string): string {
  return name.replace(/[^\x20-\x7e]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`);
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

  /**
   * A lookalike name (see `directoryId`): logged once per name, answered with a
   * 403 on every request, because the proxy or the token vouches for an
   * account that exists upstream and must neither be someone else nor quietly
   * signed out.
   */
  refuseLookalike(via: string, name: string, reason: string): ProblemError {
    this.warned.run(`lookalike ${name}`, () => this.logger.warn(`Sign-in: refused ${via} "${printableName(name)}", which ${reason}.`));
    return new ProblemError(
      'forbidden',
      403,
      'Your user name is spelt with characters that could stand for another colleague\'s name, so Plaza does not sign it in. Please ask your administrator.',
    );
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
