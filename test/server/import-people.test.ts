import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { importPeople } from '../../server/cli/import-people.ts';
import { silentLogger } from '../../server/log.ts';
import { startPlaza, type RunningPlaza } from '../../server/start.ts';
import type { ActivityPage, Person, Profile } from '../../src/core/protocol.ts';
import { OPEN_PRIVACY } from './harness.ts';
import { plaza } from './plaza-cli.ts';
import { freshDatabase, skipPostgres } from './postgres-server.ts';

describe('plaza import-people (the CLI, then the API on the same data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plaza-import-'));
  const config = join(dir, 'empty.config.json');
  writeFileSync(config, '{}');
  // Fsync off: these commits need not survive a power cut, and the test runs faster.
  const env = { PLAZA_DATA_DIR: join(dir, 'data'), PLAZA_CONFIG: config, PLAZA_PGLITE_FSYNC: 'off' };
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const importing = (path: string, ...flags: string[]) => plaza(['import-people', path, ...flags], env);
  let server: RunningPlaza | undefined;
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('usage: --help from the command; wrong usage is exit code 2 and opens nothing', async (t) => {
    const help = await plaza(['import-people', '--help'], env);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage: plaza import-people <file> \[--dry-run\] \[--format csv\|json\]/);
    // The rest in this process: each child costs seconds of start-up, and these never reach the database.
    const errors = t.mock.method(console, 'error', () => {});
    const said = () => errors.mock.calls.map((call) => String(call.arguments[0])).join('\n');
    assert.equal(await importPeople([]), 2);
    assert.equal(await importPeople(['a.csv', 'b.csv']), 2);
    assert.equal(await importPeople(['x.csv', '--overwrite']), 2);
    assert.match(said(), /--overwrite/);
    assert.equal(await importPeople(['x.csv', '--force']), 2);
    assert.match(said(), /--force and --batch-size go with --remove-missing/);
    assert.equal(await importPeople(['staff.xlsx']), 2);
    assert.match(said(), /cannot tell the format of staff\.xlsx from its name; add --format csv or --format json/);
    assert.equal(await importPeople(['staff.csv', '--format', 'xml']), 2);
    assert.match(said(), /--format must be csv or json, not "xml"/);
    assert.equal(await importPeople([join(dir, 'missing.csv')]), 1);
    assert.match(said(), /cannot read .*missing\.csv: no such file/);
    assert.equal(await importPeople([file('latin1.csv', Buffer.from('Name;E-Mail\nJ\xfcrgen;j@x.example\n', 'latin1'))]), 1);
    assert.match(said(), /is not UTF-8 text\. In Excel, save it as "CSV UTF-8/);
  });

  test('a file with bad rows: every problem with its line and column, and nothing is written', async () => {
    const path = file(
      'bad.csv',
      [
        'Name,E-Mail,Manager,Bild',
        'Valentin Valide,valentin@firma.example,,',
        ',leer@firma.example,,',
        'Berta Bad,berta@,,',
        'Udo Unbekannt,udo@firma.example,niemand@firma.example,',
        'Fritz Ftp,fritz@firma.example,,ftp://bilder.firma.example/f.png',
        'Selma Selbst,selma@firma.example,selma,',
      ].join('\n'),
    );
    const run = await importing(path);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /5 problems; nothing was imported/);
    assert.match(run.stderr, /line 3, Name: is empty/);
    assert.match(run.stderr, /line 4, E-Mail: "berta@" is not an e-mail address/);
    assert.match(run.stderr, /line 5, Manager: nobody has the e-mail niemand@firma\.example/);
    assert.match(run.stderr, /line 6, Bild: "ftp:\/\/bilder\.firma\.example\/f\.png" is not an http/);
    assert.match(run.stderr, /line 7, Manager: is the person themself/);
    // valentin.* is checked through the API at the end: the one good row was not written either.
  });

  test('German Excel: ";", a byte order mark, CRLF, quoted line breaks, a manager further down the file', async () => {
    const csv =
      '\uFEFFName;E-Mail;Funktion;Abteilung;Standort;Telefon;Vorgesetzte(r);Personalnummer\r\n' +
      'Lukas Schneider;lukas.schneider@firma.example;Netzmonteur;Netzbetrieb;Betriebshof Süd;+49 5555 231;juergen.mueller@firma.example;1002\r\n' +
      '"Müller, Jürgen";Juergen.Mueller@firma.example;"Leiter\r\nNetzbetrieb";Netzbetrieb;"Betriebshof Süd";+49 5555 210;claudia.hoffmann;1001\r\n' +
      'Dr. Claudia Hoffmann;claudia.hoffmann@firma.example;Geschäftsführerin;Finanzen;Hauptverwaltung;;;1000\r\n';
    const run = await importing(file('staff.csv', csv));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /CSV, separated by ";"\): 3 people/);
    assert.match(run.stdout, /Ignored \(not Plaza fields\): Personalnummer/);
    assert.match(run.stdout, /Imported: 3 created, 0 updated, 0 unchanged\./);
  });

  test('JSON ({people: [...]}), with a manager already in the database, by e-mail', async () => {
    const people = [
      {
        name: 'Mehmet Yılmaz',
        email: 'mehmet.yilmaz@firma.example',
        role: 'Elektroniker',
        avatarUrl: 'https://bilder.firma.example/mehmet.jpg',
        manager: 'JUERGEN.MUELLER@firma.example',
      },
    ];
    const run = await importing(file('more.json', JSON.stringify({ people })));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Imported: 1 created, 0 updated, 0 unchanged\./);
  });

  test('a dry run reports what a re-import would do and writes nothing; the re-import then does it', async () => {
    // Lukas changes role; Jürgen has no Telefon column now, which keeps his number; Anna is new.
    const csv =
      'Name;E-Mail;Funktion;Vorgesetzte(r)\n' +
      'Lukas Schneider;lukas.schneider@firma.example;Vorarbeiter Netz;juergen.mueller\n' +
      'Jürgen Müller;juergen.mueller@firma.example;Leiter Netzbetrieb;claudia.hoffmann\n' +
      'Anna Lehmann;anna.lehmann@firma.example;Kundenberaterin;claudia.hoffmann@firma.example\n';
    const path = file('staff-v2.csv', csv);
    const dry = await importing(path, '--dry-run');
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /Dry run, nothing was written\. It would be: 1 created, 2 updated, 0 unchanged\./);
    assert.match(dry.stdout, /would create: anna\.lehmann/);
    assert.match(dry.stdout, /would update: lukas\.schneider, juergen\.mueller/);

    const real = await importing(path);
    assert.equal(real.code, 0, real.stdout + real.stderr);
    assert.match(real.stdout, /Imported: 1 created, 2 updated, 0 unchanged\./, 'the dry run wrote nothing');
    const again = await importing(path);
    assert.match(again.stdout, /Imported: 0 created, 0 updated, 3 unchanged\./);
  });

  test('the API serves what was imported; the import refuses while the server holds the data folder', async () => {
    // Every profile field shown (PLAZA_PROFILE_FIELDS): this reads back what the import wrote, phone included.
    server = await startPlaza({ port: 0, host: '127.0.0.1', dataDir: env.PLAZA_DATA_DIR, pgliteFsync: false, seed: 'demo', logger: silentLogger, ...OPEN_PRIVACY });
    const api = `${server.url}api/v1`;
    const get = async <T>(path: string) => {
      const res = await fetch(api + path);
      assert.equal(res.status, 200, path);
      return (await res.json()) as T;
    };

    const found = await get<{ items: Person[] }>('/people?q=muller');
    assert.deepEqual(found.items.map((p) => [p.id, p.name]), [['juergen.mueller', 'Jürgen Müller']], 'the demo seed stayed out: the directory has people');
    const juergen = await get<Profile>('/people/juergen.mueller');
    assert.equal(juergen.role, 'Leiter Netzbetrieb', 'the quoted line break became a space, then the re-import set it anyway');
    assert.equal(juergen.phone, '+49 5555 210', 'a column the re-import did not have was kept');
    assert.equal(juergen.manager?.id, 'claudia.hoffmann');
    assert.equal(juergen.manager?.name, 'Dr. Claudia Hoffmann');

    const lukas = await get<Profile>('/people/lukas.schneider');
    assert.deepEqual([lukas.role, lukas.location, lukas.manager?.name], ['Vorarbeiter Netz', 'Betriebshof Süd', 'Jürgen Müller']);
    const mehmet = await get<Profile>('/people/mehmet.yilmaz');
    assert.deepEqual([mehmet.avatarUrl, mehmet.manager?.id], ['https://bilder.firma.example/mehmet.jpg', 'juergen.mueller']);
    assert.equal((await get<Profile>('/people/claudia.hoffmann')).manager, null);
    assert.equal((await get<Profile>('/people/anna.lehmann')).manager?.id, 'claudia.hoffmann');
    assert.equal((await fetch(`${api}/people/valentin`)).status, 404, 'the good row of the bad file was not written');

    const joined = await get<ActivityPage>('/activities?kinds=joined&limit=50');
    assert.deepEqual(
      joined.items.map((activity) => activity.actor?.id).sort(),
      ['anna.lehmann', 'mehmet.yilmaz'],
      'one "joined" activity for each person a later import created; none for the first import into the empty directory, updates, unchanged re-imports or the dry run',
    );

    const refused = await importing(join(dir, 'staff-v2.csv'));
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, new RegExp(`The data folder .* is in use by process ${process.pid}\\. Stop that server first`));
  });
});

describe('plaza import-people on PostgreSQL', { skip: skipPostgres }, () => {
  let server: RunningPlaza | undefined;
  after(() => server?.close());

  test('imports while a server runs on the same database, which serves the result at once', async () => {
    const databaseUrl = await freshDatabase();
    server = await startPlaza({ port: 0, host: '127.0.0.1', databaseUrl, seed: 'demo', logger: silentLogger });
    const dir = mkdtempSync(join(tmpdir(), 'plaza-import-pg-'));
    try {
      const config = join(dir, 'empty.config.json');
      writeFileSync(config, '{}');
      // Into the demo company: a new colleague under an existing manager, and an existing person changed.
      const csv = join(dir, 'neu.csv');
      writeFileSync(csv, 'Name,E-Mail,Rolle,Vorgesetzte(r)\nNina Neu,nina.neu@stadtwerke-musterstadt.example,Netzplanerin,juergen.mueller\nLea Neumann,lea.neumann@stadtwerke-musterstadt.example,Teamleiterin SharePoint,thomas.becker\n');
      const run = await plaza(['import-people', csv], { DATABASE_URL: databaseUrl, PLAZA_CONFIG: config });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /Database: PostgreSQL at /);
      assert.match(run.stdout, /Imported: 1 created, 1 updated, 0 unchanged\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const nina = (await (await fetch(`${server.url}api/v1/people/nina.neu`)).json()) as Profile;
    assert.deepEqual([nina.name, nina.role, nina.manager?.name], ['Nina Neu', 'Netzplanerin', 'Jürgen Müller']);
    const lea = (await (await fetch(`${server.url}api/v1/people/lea.neumann`)).json()) as Profile;
    assert.deepEqual([lea.role, lea.department, lea.manager?.id], ['Teamleiterin SharePoint', 'IT', 'thomas.becker'], 'columns not in the file kept');
    const joined = (await (await fetch(`${server.url}api/v1/activities?kinds=joined&limit=50`)).json()) as ActivityPage;
    assert.equal(joined.items[0]?.actor?.id, 'nina.neu', 'the newcomer joined the feed, newest first');
    assert.ok(!joined.items.some((activity) => activity.actor?.id === 'lea.neumann'), 'an update is no joining');
  });
});
