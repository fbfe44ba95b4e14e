import type { PersonUpsert } from '../store/people.ts';
import { CsvError, detectDelimiter, parseCsv, type CsvRecord } from './csv.ts';

/**
 * Reading a directory export (CSV or JSON) into people to upsert: which
 * column means what, and every check that needs only the file. Checks against
 * the database (managers, cycles) are in managers.ts.
 */

export type FileFormat = 'csv' | 'json';

/** One person of the file, checked field by field. */
export interface ImportEntry {
  /** False when the row has problems (reported already): it is not written, but its id still counts. */
  valid: boolean;
  /** Where it is, for sorting messages: the line (CSV) or the position (JSON, 1-based). */
  at: number;
  /** `line 4` or `entry 3`. */
  where: string;
  /** The fields the file has; one it has no column for stays undefined, so an update keeps it. */
  person: Omit<PersonUpsert, 'managerId'>;
  /** An id or an e-mail; undefined without a manager column, null when the cell is empty. */
  manager: string | null | undefined;
  /** How the file names each field (its header or key), for messages. */
  labels: Partial<Record<Field, string>>;
}

export interface ImportProblem {
  at: number;
  where: string;
  /** The file's name for the field (`E-Mail`), or `file` for the file as a whole. */
  field: string;
  message: string;
}

export interface PeopleFile {
  /** Records (CSV rows after the header, JSON items) the file holds, good or not. */
  count: number;
  entries: ImportEntry[];
  problems: ImportProblem[];
  /** Columns or keys that mean nothing to Plaza: shown, so a misspelt header does not go unnoticed. */
  ignored: string[];
  /** CSV only. */
  delimiter?: string;
}

type Field = 'id' | 'name' | 'firstName' | 'lastName' | 'email' | 'role' | 'department' | 'location' | 'phone' | 'avatarUrl' | 'manager';

/**
 * Header names (and JSON keys) per field, compared after {@link headerKey}:
 * lower case, letters and digits only, so `E-Mail`, `e_mail` and `EMail` are
 * one. English and the German an HR system or Excel export uses.
 */
const ALIASES: Record<Field, string[]> = {
  id: ['id', 'userid', 'personid', 'username', 'login', 'kennung', 'benutzername', 'benutzerkennung'],
  name: ['name', 'fullname', 'displayname', 'anzeigename', 'vollername'],
  firstName: ['firstname', 'givenname', 'vorname'],
  lastName: ['lastname', 'surname', 'familyname', 'nachname', 'familienname'],
  email: ['email', 'mail', 'emailaddress', 'emailadresse', 'mailadresse'],
  role: ['role', 'title', 'jobtitle', 'position', 'rolle', 'funktion', 'stellenbezeichnung'],
  department: ['department', 'dept', 'abteilung', 'organisationseinheit'],
  location: ['location', 'office', 'site', 'standort', 'dienstort', 'büro', 'buero'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'telefon', 'telefonnummer'],
  avatarUrl: ['avatar', 'avatarurl', 'photo', 'photourl', 'picture', 'pictureurl', 'image', 'imageurl', 'bild', 'bildurl', 'foto', 'fotourl'],
  manager: ['manager', 'managerid', 'manageremail', 'supervisor', 'reportsto', 'vorgesetzte', 'vorgesetzter', 'führungskraft', 'fuehrungskraft'],
};

const FIELD_OF = new Map(Object.entries(ALIASES).flatMap(([field, names]) => names.map((name) => [name, field as Field])));

export function headerKey(header: string): string {
  return header.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Longest value per field, in characters. The database has no limits; these
 * keep a broken export (a whole CV in the role column) out of profile cards.
 * An e-mail address is at most 254 characters (RFC 5321).
 */
export const MAX_LENGTH: Record<Exclude<Field, 'firstName' | 'lastName'>, number> = {
  id: 200,
  name: 200,
  email: 254,
  role: 200,
  department: 200,
  location: 200,
  phone: 50,
  avatarUrl: 2048,
  manager: 254,
};

/**
 * Ids the import gives people: letters, digits and `. _ - + '`, starting with a
 * letter or digit. That is what e-mail local parts hold in practice, and it
 * keeps ids safe in URLs, in `@[Name](person:id)` mentions and in the
 * comma-separated `GET /people?ids=`.
 */
export const IMPORT_ID = /^[\p{L}\p{N}][\p{L}\p{N}._+'-]*$/u;

/** Deliberately loose: the mail system is the authority; this catches columns mixed up. */
const EMAIL = /^[^\s@",;:<>()[\]\\]+@[^\s@",;:<>()[\]\\]+\.[^\s@",;:<>()[\]\\]+$/;

export function readPeopleFile(text: string, format: FileFormat): PeopleFile {
  return format === 'csv' ? readCsv(text) : readJson(text);
}

function readCsv(text: string): PeopleFile {
  const delimiter = detectDelimiter(text);
  let records: CsvRecord[];
  try {
    records = parseCsv(text, delimiter);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ...failed(error.line, `line ${error.line}`, error.message), delimiter };
  }
  const [header, ...rows] = records;
  if (!header) return { ...failed(1, 'line 1', 'the file is empty; the first line must name the columns (Name, E-Mail, …)'), delimiter };
  const columns = mapColumns(header.fields.map((name) => name.trim()), header.line);
  const result: PeopleFile = { count: rows.length, entries: [], problems: columns.problems, ignored: columns.ignored, delimiter };
  if (columns.problems.length > 0) return result;
  for (const row of rows) {
    const where = `line ${row.line}`;
    if (row.fields.length !== header.fields.length) {
      result.problems.push({
        at: row.line,
        where,
        field: 'file',
        message: `${row.fields.length} fields, but the header has ${header.fields.length} (a missing or extra "${delimiter}", or a quote that is not closed?)`,
      });
      continue;
    }
    const values = new Map<Field, string>();
    columns.byField.forEach((index, field) => values.set(field, row.fields[index]!));
    checkEntry(row.line, where, values, columns.labels, result);
  }
  return result;
}

function readJson(text: string): PeopleFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return failed(0, 'file', `not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.people) ? json.people : undefined;
  if (!list) return failed(0, 'file', 'expected an array of people, or an object with one in "people"');
  const result: PeopleFile = { count: list.length, entries: [], problems: [], ignored: [] };
  const ignored = new Set<string>();
  list.forEach((item: unknown, index) => {
    const at = index + 1;
    const where = `entry ${at}`;
    if (!isObject(item)) {
      result.problems.push({ at, where, field: 'file', message: 'not an object like {"name": …, "email": …}' });
      return;
    }
    const columns = mapColumns(Object.keys(item), at, where);
    columns.ignored.forEach((key) => ignored.add(key));
    if (columns.problems.length > 0) {
      result.problems.push(...columns.problems);
      return;
    }
    const values = new Map<Field, string>();
    let typesOk = true;
    for (const [field, label] of Object.entries(columns.labels) as Array<[Field, string]>) {
      const value = item[label];
      if (value === null) values.set(field, '');
      else if (typeof value === 'string') values.set(field, value);
      else {
        result.problems.push({ at, where, field: label, message: `must be text or null, not ${JSON.stringify(value)}` });
        typesOk = false;
      }
    }
    if (typesOk) checkEntry(at, where, values, columns.labels, result);
  });
  result.ignored = [...ignored];
  return result;
}

interface Columns {
  byField: Map<Field, number>;
  labels: Partial<Record<Field, string>>;
  ignored: string[];
  problems: ImportProblem[];
}

/** Which column (or key) holds which field, and whether the file names enough of them. */
function mapColumns(names: string[], at: number, where = `line ${at}`): Columns {
  const columns: Columns = { byField: new Map(), labels: {}, ignored: [], problems: [] };
  const problem = (message: string) => columns.problems.push({ at, where, field: 'file', message });
  names.forEach((name, index) => {
    const field = FIELD_OF.get(headerKey(name));
    if (!field) {
      columns.ignored.push(name);
      return;
    }
    const earlier = columns.labels[field];
    if (earlier !== undefined) {
      problem(`"${earlier}" and "${name}" both mean ${field}; keep one of them`);
      return;
    }
    columns.byField.set(field, index);
    columns.labels[field] = name;
  });
  const has = (field: Field) => columns.byField.has(field);
  if (!has('name') && !(has('firstName') && has('lastName'))) {
    problem('no name: give a Name column (or Vorname and Nachname, or First name and Last name)');
  }
  if (!has('id') && !has('email')) problem('no E-Mail and no id: every person needs one of them');
  return columns;
}

/**
 * Checks one person's values, adding any problems and, when the row has an id,
 * an entry: also a flawed one, so the second pass can still find duplicate ids
 * and does not call a manager unknown whose own row has a problem.
 */
function checkEntry(at: number, where: string, values: Map<Field, string>, labels: Partial<Record<Field, string>>, result: PeopleFile): void {
  const problems: ImportProblem[] = [];
  /** Fields already reported: later checks skip them rather than report the same cell twice. */
  const bad = new Set<Field>();
  const problem = (field: Field, message: string) => {
    bad.add(field);
    problems.push({ at, where, field: labels[field] ?? field, message });
  };
  const text = new Map<Field, string | null>();
  for (const [field, raw] of values) {
    // Line breaks inside quoted cells and doubled spaces are formatting, not content.
    const value = raw.replace(/\s+/gu, ' ').trim();
    const max = field in MAX_LENGTH ? MAX_LENGTH[field as keyof typeof MAX_LENGTH] : MAX_LENGTH.name;
    if (/\p{Cc}/u.test(value)) problem(field, 'contains control characters');
    else if (value.length > max) problem(field, `is ${value.length} characters long; at most ${max} are allowed`);
    else text.set(field, value || null);
  }

  let name: string | null = null;
  if (!bad.has('name') && !bad.has('firstName') && !bad.has('lastName')) {
    name = text.get('name') ?? ([text.get('firstName'), text.get('lastName')].filter(Boolean).join(' ') || null);
    if (!name) problem(labels.name || !labels.lastName ? 'name' : 'lastName', 'is empty; every person needs a name');
    else if (name.length > MAX_LENGTH.name) problem('name', `is ${name.length} characters long; at most ${MAX_LENGTH.name} are allowed`);
  }

  const email = text.get('email') ?? null;
  if (email && !EMAIL.test(email)) problem('email', `"${email}" is not an e-mail address`);

  let id = text.get('id') ?? null;
  if (id !== null && !IMPORT_ID.test(id)) problem('id', `"${id}" is not a valid id (letters, digits and . _ - + ' only)`);
  if (id === null && !bad.has('id') && !bad.has('email')) {
    if (email) {
      // The default id is what the mail system calls the person: stable across imports and readable in URLs.
      id = email.slice(0, email.lastIndexOf('@')).toLowerCase();
      if (!IMPORT_ID.test(id)) problem('email', `its part before the @ ("${id}") cannot be an id (letters, digits and . _ - + ' only); add an id column`);
    } else problem(labels.id ? 'id' : 'email', 'is empty; every person needs an e-mail or an id');
  }

  const avatarUrl = text.get('avatarUrl');
  if (avatarUrl && !isHttpUrl(avatarUrl)) problem('avatarUrl', `"${avatarUrl}" is not an http:// or https:// address`);

  const manager = text.get('manager');
  if (manager?.includes('@') && !EMAIL.test(manager)) problem('manager', `"${manager}" is neither an id nor an e-mail address`);
  else if (manager && /[\s,;]/.test(manager)) problem('manager', `"${manager}" names more than one person; give one id or e-mail`);

  result.problems.push(...problems);
  if (id === null) return;
  const person: ImportEntry['person'] = { id, name: name ?? '' };
  // A field the file has no column for stays undefined: updating keeps what the directory has.
  for (const field of ['email', 'role', 'department', 'location', 'phone', 'avatarUrl'] as const) {
    if (text.has(field)) person[field] = text.get(field) ?? null;
  }
  // A manager cell with a problem is left out of the second pass, which would only report it again.
  const managerRef = bad.has('manager') || !text.has('manager') ? undefined : (manager ?? null);
  result.entries.push({ at, where, valid: problems.length === 0, person, manager: managerRef, labels });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failed(at: number, where: string, message: string): PeopleFile {
  return { count: 0, entries: [], problems: [{ at, where, field: 'file', message }], ignored: [] };
}
