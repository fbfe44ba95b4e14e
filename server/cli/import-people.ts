import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOptions } from '../config-file.ts';
import { ConfigError, resolveOptions, type EraseMode } from '../config.ts';
import { DatabaseUnavailableError, DataDirInUseError, DataDirNotWritableError, openDatabase, type Database } from '../db.ts';
import { isLockFile } from '../db/lock.ts';
import { redact } from '../db/postgres.ts';
import type { Logger } from '../log.ts';
import { migrate } from '../migrate.ts';
import { EventBus } from '../events/bus.ts';
import { PROJECTORS } from '../projections/index.ts';
import { DEFAULT_BATCH, DEFAULT_MAX_REMOVAL_PERCENT, describeMissing, eraseMissing, findMissing, refusal, type Missing } from './remove-missing.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { directoryLinks, upsertPeople, type UpsertResult } from '../store/people.ts';
import { resolveManagers } from './managers.ts';
import { readPeopleFile, type FileFormat, type ImportProblem } from './people-file.ts';

export const IMPORT_PEOPLE_USAGE = `Usage: plaza import-people <file> [--dry-run] [--format csv|json] [--remove-missing [--force]]

Creates or updates colleagues from a CSV or JSON export of the HR system or
directory. People are matched by id; the id defaults to the e-mail address's
part before the @, in lower case. Nobody is deleted unless --remove-missing.

  --dry-run          check the file against the database and report what would
                     change, without writing anything; while a server holds the
                     embedded database, check the file by itself
  --format csv|json  the file's format (default: from the file name's ending)
  --remove-missing   erase everyone in the database the file does not list
                     (leavers), as DELETE /me erases (PLAZA_ERASE_MODE), in
                     batches; with --dry-run, list who would be erased
  --force            erase even if more than ${DEFAULT_MAX_REMOVAL_PERCENT} % of the directory (or everyone,
                     for a file that lists nobody) would go: without it such a
                     file is taken for truncated and nothing is done
  --batch-size N     people erased per transaction (default ${DEFAULT_BATCH})
  -h, --help         show this text

The database is the server's (PLAZA_DATA_DIR, DATABASE_URL, plaza.config.json).
The embedded database's folder can only be open in one process: stop the server
before importing into it (--dry-run works while it runs, on the file alone).
With PostgreSQL, import while the servers run.

Every row is checked first; if any is wrong, the problems are listed and
nothing is written (exit code 1). Exit code 2: wrong usage.`;

/** Exit codes: 0 done, 1 a problem with the file or the database, 2 wrong usage. */
export async function importPeople(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        format: { type: 'string' },
        'remove-missing': { type: 'boolean' },
        force: { type: 'boolean' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(IMPORT_PEOPLE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) return usageError(positionals.length === 0 ? 'name the file to import.' : 'give one file at a time.');
  const path = positionals[0]!;
  const format = values.format ?? formatFromName(path);
  if (format !== 'csv' && format !== 'json') {
    return usageError(
      values.format === undefined
        ? `cannot tell the format of ${path} from its name; add --format csv or --format json.`
        : `--format must be csv or json, not "${values.format}".`,
    );
  }
  const dryRun = values['dry-run'] === true;
  const removeMissing = values['remove-missing'] === true;
  const batch = values['batch-size'] === undefined ? DEFAULT_BATCH : Number(values['batch-size']);
  if (!Number.isSafeInteger(batch) || batch < 1) return usageError(`--batch-size must be a whole number ≥ 1, not "${values['batch-size']}".`);
  if ((values.force || values['batch-size'] !== undefined) && !removeMissing) return usageError('--force and --batch-size go with --remove-missing.');

  const text = readText(path);
  if (text === undefined) return 1;
  const file = readPeopleFile(text, format);
  const described = format === 'csv' ? `CSV, separated by "${file.delimiter === '\t' ? 'tab' : file.delimiter}"` : 'JSON';
  console.log(`Reading ${path} (${described}): ${file.count === 1 ? 'one person' : `${file.count} people`}.`);
  if (file.ignored.length > 0) console.log(`Ignored (not Plaza fields): ${file.ignored.join(', ')}.`);

  let target: Target;
  try {
    target = await openTarget(dryRun);
  } catch (error) {
    if (error instanceof DataDirInUseError && !dryRun) {
      console.error(`plaza import-people: ${error.message}\nMeanwhile, --dry-run checks the file while the server runs.`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof DataDirNotWritableError || error instanceof DatabaseUnavailableError) {
      console.error(`plaza import-people: ${error.message}`);
      return 1;
    }
    throw error;
  }
  try {
    console.log(`Database: ${target.description}.`);
    const directory = target.heldBy ? 'unread' : target.db ? await directoryLinks(target.db) : [];
    const resolution = resolveManagers(file.entries, directory);
    const problems = [...file.problems, ...resolution.problems].sort((a, b) => a.at - b.at);
    if (problems.length > 0) {
      console.error(`${path}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}; nothing was imported.`);
      for (const problem of problems) console.error(`  ${describe(problem)}`);
      return 1;
    }
    for (const warning of resolution.warnings) console.error(`Warning: ${warning}`);
    if (target.heldBy) {
      reportFileOnly(resolution.rows.length, resolution.unchecked, target.heldBy);
      if (removeMissing) console.log('Who is missing from the file (--remove-missing) is not known either.');
      return 0;
    }
    const missing = removeMissing && target.db ? await findMissing(target.db, resolution.rows.map((row) => row.id)) : { people: [], directory: 0 };
    const refused = refusal(missing, file.count, DEFAULT_MAX_REMOVAL_PERCENT);
    if (refused && !values.force && !dryRun) {
      console.error(`plaza import-people --remove-missing: ${refused} Nothing was imported or erased. Check the file; if it is right, add --force.`);
      return 1;
    }
    // Through an event bus of its own: what it changes is logged and, with PostgreSQL, announced to the running servers.
    const bus = target.db && !dryRun ? new EventBus(target.db, cliLogger, 60_000, PROJECTORS) : undefined;
    try {
      await bus?.start();
      const result: UpsertResult = target.db
        ? await upsertPeople(target.db, resolution.rows, { dryRun, bus })
        : { created: resolution.rows.map((row) => row.id), updated: [], unchanged: [] };
      // A big import is planned well from the first request on, not after autovacuum's next nap (decision 62).
      if (target.db && !dryRun) await refreshStatistics(target.db);
      report(result, dryRun);
      if (removeMissing) await removeLeavers(bus, missing, target, batch);
      if (refused && dryRun) console.log(`Without --force, the import would refuse: ${refused}`);
    } finally {
      await bus?.close();
    }
    return 0;
  } catch (error) {
    // The store's own checks, repeated inside the transaction, fail only if the directory changed meanwhile.
    console.error(`plaza import-people: ${error instanceof Error ? error.message : String(error)} Nothing was imported.`);
    return 1;
  } finally {
    await target.db?.close();
  }
}

/** Erases `missing` (a dry run, without `bus`: lists them) and says what went. */
async function removeLeavers(bus: EventBus | undefined, missing: Missing, { eraseMode: mode, reactionKinds }: Target, batch: number): Promise<void> {
  const n = missing.people.length;
  const who = n === 1 ? 'one person' : `${n} people`;
  if (!bus) {
    console.log(n === 0 ? 'Nobody is missing from the file.' : `It would erase ${who} missing from the file (PLAZA_ERASE_MODE=${mode}): ${describeMissing(missing)}.`);
    return;
  }
  const erased = await eraseMissing(bus, missing.people.map((person) => person.id), mode, reactionKinds, batch, (done) => {
    if (n > batch) console.log(`  erased ${done} of ${n}`);
  });
  console.log(
    `Erased ${erased.people === 1 ? 'one person' : `${erased.people} people`} missing from the file (PLAZA_ERASE_MODE=${mode}): ` +
      `${erased.comments} comments ${mode === 'delete' ? 'deleted' : 'kept without author'}, ${erased.statusPosts} status posts, ${erased.reactions} reactions.`,
  );
}

interface Target {
  /** Undefined for a dry run against a database that does not exist yet or that a server holds. */
  db: Database | undefined;
  eraseMode: EraseMode;
  /** The server's reaction kinds: an anonymised status post is announced with its counts. */
  reactionKinds: readonly string[];
  description: string;
  /** A dry run whose embedded database a running server holds: why the file is checked alone. */
  heldBy?: string;
}

/** The server's database, with the server's settings; migrated unless this is a dry run. */
async function openTarget(dryRun: boolean): Promise<Target> {
  const { dataDir, databaseUrl, databasePoolSize, pgliteFsync, eraseMode, reactionKinds } = resolveOptions(loadOptions(process.env), cliLogger);
  const description = databaseUrl ? `PostgreSQL at ${redact(databaseUrl)}` : `PGlite in ${resolve(dataDir)}`;
  if (!databaseUrl) {
    if (dataDir.startsWith('memory://')) {
      if (!dryRun) throw new ConfigError('PLAZA_DATA_DIR is memory://, which keeps nothing. Set it to the server\'s data folder (or set DATABASE_URL).');
      return { db: undefined, eraseMode, reactionKinds, description: 'none (memory://): checked against an empty directory' };
    }
    // A dry run must not create a database just to find it empty.
    if (dryRun && isEmptyFolder(dataDir)) return { db: undefined, eraseMode, reactionKinds, description: `none yet in ${resolve(dataDir)}: checked against an empty directory` };
  }
  let db: Database;
  try {
    db = await openDatabase({ dataDir, databaseUrl, poolSize: Math.min(databasePoolSize, 2), pgliteFsync, logger: cliLogger });
  } catch (error) {
    // A dry run writes nothing, so a running server's lock need not stop it: the file can still be checked by itself.
    if (!(dryRun && error instanceof DataDirInUseError)) throw error;
    return { db: undefined, eraseMode, reactionKinds, description: `${description}, in use: the file is checked by itself`, heldBy: error.message.replace(/ Stop that server first[\s\S]*$/, '') };
  }
  try {
    if (!dryRun) await migrate(db);
    else if (!(await hasPeopleTable(db))) {
      await db.close();
      return { db: undefined, eraseMode, reactionKinds, description: `${description}, not set up yet: checked against an empty directory` };
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, eraseMode, reactionKinds, description };
}

function report(result: UpsertResult, dryRun: boolean): void {
  const counts = `${result.created.length} created, ${result.updated.length} updated, ${result.unchanged.length} unchanged`;
  if (!dryRun) {
    console.log(`Imported: ${counts}.`);
    return;
  }
  console.log(`Dry run, nothing was written. It would be: ${counts}.`);
  const list = (ids: string[]) => (ids.length <= 20 ? ids.join(', ') : `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more`);
  if (result.created.length > 0) console.log(`  would create: ${list(result.created)}`);
  if (result.updated.length > 0) console.log(`  would update: ${list(result.updated)}`);
}

/** A dry run that could not read the directory: what was checked, what was not, and how to check the rest. */
function reportFileOnly(count: number, unchecked: string[], heldBy: string): void {
  console.log(`Dry run, nothing was written. The file has no problems: ${count === 1 ? 'one person' : `${count} people`}.`);
  console.log(`${heldBy} The file was checked by itself, not compared with the directory: who would be created or updated is not known.`);
  if (unchecked.length > 0) console.log(`Managers it names but does not list were not looked up: ${unchecked.join(', ')}.`);
  console.log('For the full comparison, stop the server and run the dry run again; the import itself needs the server stopped too.');
}

function describe(problem: ImportProblem): string {
  return problem.field === 'file' ? `${problem.where}: ${problem.message}` : `${problem.where}, ${problem.field}: ${problem.message}`;
}

/** The file as text, or undefined after saying why not. Only UTF-8: guessing an encoding garbles names. */
function readText(path: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`plaza import-people: cannot read ${path}${code === 'ENOENT' ? ': no such file' : ` (${code ?? String(error)})`}.`);
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    console.error(
      `plaza import-people: ${path} is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)" ` +
        '("CSV UTF-8 (durch Trennzeichen getrennt)"), not as plain "CSV".',
    );
    return undefined;
  }
}

function formatFromName(path: string): FileFormat | undefined {
  const ending = extname(path).toLowerCase();
  if (ending === '.csv' || ending === '.txt') return 'csv';
  if (ending === '.json') return 'json';
  return undefined;
}

function usageError(message: string): number {
  console.error(`plaza import-people: ${message}\nRun "plaza import-people --help" for how to use it.`);
  return 2;
}

async function hasPeopleTable(db: Database): Promise<boolean> {
  const [row] = await db.query<{ exists: boolean }>("SELECT to_regclass('people') IS NOT NULL AS exists");
  return row?.exists === true;
}

/** A folder that is missing or holds nothing but a lock file has no database. */
function isEmptyFolder(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).every(isLockFile);
}

/** The database's notes go to stderr; its progress lines are not for the operator of a one-off command. */
const cliLogger: Logger = {
  info() {},
  warn: (message) => console.error(message),
  error: (message, error) => console.error(message, error ?? ''),
};
