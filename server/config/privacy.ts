/*
 * The privacy settings of issue 19 (items 1–3): who may read, which profile
 * fields colleagues see, and who sees behaviour (reactions, follows). They
 * live here, not in config.ts, so config.ts only spreads them in; each is
 * documented in docs/operations.md, "Datenschutz-Einstellungen / privacy settings".
 */
/** `signed-in`: every read of data needs a signed-in person (401 otherwise); `public`: anyone who reaches the server reads. */
export type ReadAccess = 'signed-in' | 'public';
/** `names`: anyone sees who reacted; `signed-in`: signed-in people do; `counts`: nobody, only the counts show. */
export type WhoReacted = 'names' | 'signed-in' | 'counts';
/** `writing`: a person's feed (`user:<id>`) shows what they wrote; `all`: their reactions and follows too. */
export type PersonalFeed = 'writing' | 'all';
/** `self`: who follows whom is shown to the two people concerned only; `all`: to everyone who reads. */
export type FollowersVisible = 'self' | 'all';

/** The fields of a person a colleague may be shown; `id` and `name` always are. */
export const PROFILE_FIELDS = ['role', 'department', 'location', 'avatar', 'manager', 'email', 'phone'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface PrivacyOptions {
  /** Unset: `signed-in` for `proxy` and `oidc`, `public` for `dev` and `none` (see {@link readAccessFor}). */
  readAccess?: ReadAccess;
  profileFields: ProfileField[];
  whoReacted: WhoReacted;
  personalFeed: PersonalFeed;
  followersVisible: FollowersVisible;
}

export const DEFAULT_PRIVACY_OPTIONS: PrivacyOptions = {
  profileFields: ['role', 'department', 'location', 'avatar', 'manager'],
  whoReacted: 'signed-in',
  personalFeed: 'writing',
  followersVisible: 'self',
};

/**
 * The read access in force. A company that signs people in (proxy, oidc)
 * reads signed in by default; `dev` and `none` sign nobody in for real, so
 * there the demo stays readable.
 */
export function readAccessFor(options: { auth: string; readAccess?: ReadAccess }): ReadAccess {
  return options.readAccess ?? (options.auth === 'proxy' || options.auth === 'oidc' ? 'signed-in' : 'public');
}

/** A setting that cannot work; config.ts's ConfigError, passed in to keep this module free of a cycle. */
type Fail = (message: string) => Error;

/** Reads the `PLAZA_*` privacy variables; unset ones stay undefined, so the defaults apply. */
export function privacyOptionsFromEnv(env: NodeJS.ProcessEnv, fail: Fail): Partial<PrivacyOptions> {
  return {
    readAccess: oneOf('PLAZA_READ_ACCESS', env.PLAZA_READ_ACCESS, ['signed-in', 'public'] as const, fail),
    profileFields: parseProfileFields(env.PLAZA_PROFILE_FIELDS, fail),
    whoReacted: oneOf('PLAZA_WHO_REACTED', env.PLAZA_WHO_REACTED, ['names', 'signed-in', 'counts'] as const, fail),
    personalFeed: oneOf('PLAZA_PERSONAL_FEED', env.PLAZA_PERSONAL_FEED, ['writing', 'all'] as const, fail),
    followersVisible: oneOf('PLAZA_FOLLOWERS_VISIBLE', env.PLAZA_FOLLOWERS_VISIBLE, ['self', 'all'] as const, fail),
  };
}

/** `name,role,email`: `name` (always shown) may be listed or not; an unknown field is a typo and fails. */
export function parseProfileFields(value: string | undefined, fail: Fail): ProfileField[] | undefined {
  if (!value?.trim()) return undefined;
  const fields = value.split(',').map((field) => field.trim().toLowerCase()).filter((field) => field && field !== 'name');
  const unknown = fields.find((field) => !(PROFILE_FIELDS as readonly string[]).includes(field));
  if (unknown !== undefined) throw fail(`PLAZA_PROFILE_FIELDS may list only name, ${PROFILE_FIELDS.join(', ')}; got "${unknown}".`);
  return [...new Set(fields as ProfileField[])];
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fail: Fail): T | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw fail(`${name} must be one of ${allowed.join(', ')}; got "${v}".`);
}
