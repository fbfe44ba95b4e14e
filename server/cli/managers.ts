import { managerCycle } from '../store/org-chart.ts';
import type { PersonUpsert } from '../store/people.ts';
import type { ImportEntry, ImportProblem } from './people-file.ts';

/** Who is in the directory already: what managers may refer to besides the file. */
export interface DirectoryLink {
  id: string;
  email: string | null;
  managerId: string | null;
}

export interface Resolution {
  rows: PersonUpsert[];
  problems: ImportProblem[];
  /** Not wrong, but probably not meant: shown, and the import goes ahead. */
  warnings: string[];
  /** Managers the file names but does not list, when the directory could not be read: taken as they are, not looked up. */
  unchecked: string[];
}

/**
 * The second pass over the file, once every person is read: duplicate ids and
 * e-mails, each manager (an id or an e-mail, of someone in the file, before or
 * after, or already in the directory) turned into an id, and reporting lines
 * that loop. With `'unread'` (a dry run while the server holds the embedded
 * database), managers outside the file are taken as they are and listed in
 * `unchecked`.
 */
export function resolveManagers(entries: readonly ImportEntry[], directory: readonly DirectoryLink[] | 'unread'): Resolution {
  const problems: ImportProblem[] = [];
  const warnings: string[] = [];
  const unchecked = new Set<string>();
  const unread = directory === 'unread';
  const links = unread ? [] : directory;
  const problem = (entry: ImportEntry, field: 'id' | 'email' | 'manager', message: string) =>
    problems.push({ at: entry.at, where: entry.where, field: entry.labels[field] ?? field, message });

  // Rows with problems take part (their ids are taken, managers may name them); only valid rows are written.
  const byId = new Map<string, ImportEntry>();
  const byEmail = new Map<string, ImportEntry>();
  const unique: ImportEntry[] = [];
  for (const entry of entries) {
    const { id, email } = entry.person;
    const sameId = byId.get(id);
    const sameEmail = email ? byEmail.get(email.toLowerCase()) : undefined;
    if (sameEmail) problem(entry, 'email', `${email} is also on ${sameEmail.where}`);
    else if (sameId && entry.labels.id) problem(entry, 'id', `"${id}" is also the id on ${sameId.where}`);
    else if (sameId) problem(entry, 'email', `gives the id "${id}" (its part before the @), which is also the id on ${sameId.where}`);
    if (sameId || sameEmail) continue;
    byId.set(id, entry);
    if (email) byEmail.set(email.toLowerCase(), entry);
    unique.push(entry);
  }

  const inDirectory = new Map(links.map((link) => [link.id, link]));
  // E-mails of people the file does not list: a file's own rows win, since it may be changing those addresses.
  const directoryEmails = new Map<string, string[]>();
  for (const link of links) {
    if (!link.email || byId.has(link.id)) continue;
    const key = link.email.toLowerCase();
    directoryEmails.set(key, [...(directoryEmails.get(key) ?? []), link.id]);
  }

  const managerOf = new Map(links.map((link) => [link.id, link.managerId]));
  const resolved = new Map<ImportEntry, string | null | undefined>();
  for (const entry of unique) {
    const { id, email } = entry.person;
    const others = email ? directoryEmails.get(email.toLowerCase()) : undefined;
    if (others && entry.valid) {
      warnings.push(`${entry.where}: ${email} already belongs to "${others.join('", "')}" in the directory; this file makes "${id}" a second person with it.`);
    }
    const managerId = entry.manager == null ? entry.manager : resolveOne(entry, entry.manager);
    if (managerId === false) continue;
    if (managerId === id) {
      problem(entry, 'manager', 'is the person themself');
      continue;
    }
    resolved.set(entry, managerId);
    // No manager column: the reporting line stays as the directory has it.
    managerOf.set(id, managerId === undefined ? (inDirectory.get(id)?.managerId ?? null) : managerId);
  }

  /** The id `ref` stands for, or false after reporting why it stands for nobody. */
  function resolveOne(entry: ImportEntry, ref: string): string | false {
    const inFile = ref.includes('@') ? byEmail.get(ref.toLowerCase())?.person.id : byId.has(ref) ? ref : undefined;
    if (inFile) return inFile;
    if (unread) {
      unchecked.add(ref);
      return ref;
    }
    if (ref.includes('@')) {
      const ids = directoryEmails.get(ref.toLowerCase()) ?? [];
      if (ids.length === 1) return ids[0]!;
      problem(entry, 'manager', ids.length > 1 ? `${ref} belongs to several people in the directory (${ids.join(', ')}); give the id` : `nobody has the e-mail ${ref}, in the file or in the directory`);
      return false;
    }
    if (byId.has(ref) || inDirectory.has(ref)) return ref;
    const lower = ref.toLowerCase();
    const like = [...byId.keys(), ...inDirectory.keys()].find((id) => id.toLowerCase() === lower);
    problem(entry, 'manager', `nobody has the id "${ref}", in the file or in the directory${like ? ` (did you mean "${like}"?)` : ''}`);
    return false;
  }

  const rows: PersonUpsert[] = [];
  for (const [entry, managerId] of resolved) {
    if (!entry.valid) continue;
    const cycle = managerCycle(entry.person.id, (id) => managerOf.get(id));
    if (cycle && cycle[0] === entry.person.id) {
      problem(entry, 'manager', `the reporting line comes back to this person: ${cycle.join(' → ')}`);
      continue;
    }
    rows.push(managerId === undefined ? { ...entry.person } : { ...entry.person, managerId });
  }
  return { rows, problems, warnings, unchecked: [...unchecked] };
}
