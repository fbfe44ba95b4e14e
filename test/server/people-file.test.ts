import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveManagers, type DirectoryLink } from '../../server/cli/managers.ts';
import { readPeopleFile } from '../../server/cli/people-file.ts';
import { managerCycle } from '../../server/store/org-chart.ts';

/** The problems as `where, field: message` lines, as the CLI prints them. */
const problemsOf = (text: string, format: 'csv' | 'json' = 'csv', directory: DirectoryLink[] = []) => {
  const file = readPeopleFile(text, format);
  const resolution = resolveManagers(file.entries, directory);
  return [...file.problems, ...resolution.problems].sort((a, b) => a.at - b.at).map((p) => `${p.where}, ${p.field}: ${p.message}`);
};
const rowsOf = (text: string, format: 'csv' | 'json' = 'csv', directory: DirectoryLink[] = []) => {
  const file = readPeopleFile(text, format);
  assert.deepEqual(file.problems, []);
  const resolution = resolveManagers(file.entries, directory);
  assert.deepEqual(resolution.problems, []);
  return resolution.rows;
};

describe('reading a directory export (plaza import-people)', () => {
  test('German headers, any case and punctuation; the id defaults to the e-mail before the @, lower case', () => {
    const text =
      'NAME;e_mail;Funktion;Abteilung;Standort;Telefon;Bild;Vorgesetzte(r);Kostenstelle\n' +
      'Jürgen Müller;Juergen.Mueller@Firma.example;Leiter;Netz;Süd;+49 1;https://img.example/j.jpg;;4711\n';
    const file = readPeopleFile(text, 'csv');
    assert.deepEqual(file.ignored, ['Kostenstelle']);
    assert.deepEqual(rowsOf(text), [
      {
        id: 'juergen.mueller',
        name: 'Jürgen Müller',
        email: 'Juergen.Mueller@Firma.example',
        role: 'Leiter',
        department: 'Netz',
        location: 'Süd',
        phone: '+49 1',
        avatarUrl: 'https://img.example/j.jpg',
        managerId: null,
      },
    ]);
  });

  test('English headers, first and last name columns, an explicit id; absent columns stay undefined (kept on update)', () => {
    const rows = rowsOf('ID,First name,Last name,Title,Reports to\nE17,Ada,Lovelace,Analyst,\n');
    assert.deepEqual(rows, [{ id: 'E17', name: 'Ada Lovelace', role: 'Analyst', managerId: null }]);
    assert.equal('phone' in rows[0]!, false);
  });

  test('line breaks and runs of spaces inside cells become one space; empty cells are null', () => {
    const [row] = rowsOf('name,email,role,department\n"  Anna\r\n Lehmann ",anna@x.example,"Kunden-\nberaterin",\n');
    assert.equal(row!.name, 'Anna Lehmann');
    assert.equal(row!.role, 'Kunden- beraterin');
    assert.equal(row!.department, null);
  });

  test('managers by id or e-mail, before or after in the file, or already in the directory', () => {
    const directory: DirectoryLink[] = [{ id: 'claudia.hoffmann', email: 'Claudia.Hoffmann@firma.example', managerId: null }];
    const rows = rowsOf(
      'name,email,manager\n' +
        'Lukas,lukas@firma.example,juergen@firma.example\n' +
        'Jürgen,juergen@firma.example,claudia.hoffmann@firma.example\n' +
        'Mehmet,mehmet@firma.example,juergen\n',
      'csv',
      directory,
    );
    assert.deepEqual(rows.map((row) => [row.id, row.managerId]), [['lukas', 'juergen'], ['juergen', 'claudia.hoffmann'], ['mehmet', 'juergen']]);
  });

  test('JSON: an array, or {people: [...]}, with the same names; null clears, a missing key keeps', () => {
    const people = [
      { id: 'anna', name: 'Anna', 'E-Mail': 'anna@x.example', avatarUrl: null, manager_id: 'bernd' },
      { id: 'bernd', name: 'Bernd', email: 'bernd@x.example' },
    ];
    assert.deepEqual(rowsOf(JSON.stringify({ people }), 'json'), [
      { id: 'anna', name: 'Anna', email: 'anna@x.example', avatarUrl: null, managerId: 'bernd' },
      { id: 'bernd', name: 'Bernd', email: 'bernd@x.example' },
    ]);
    assert.equal(rowsOf(JSON.stringify(people), 'json').length, 2);
  });

  test('every bad row is reported with its line and the file\'s name for the field', () => {
    const long = 'x'.repeat(201);
    const text = [
      'id,Name,E-Mail,Bild,Manager,Rolle',
      'a,Anna,anna@x.example,ftp://img.example/a.png,,',
      'b,,b@x.example,,,',
      'c,Carl,not-an-email,,,',
      'c,Carla,carla@x.example,,,',
      `d,Dora,dora@x.example,,,${long}`,
      'e,Eve,eve@x.example,,e,',
      'f,Fred,fred@x.example,,g,',
      'g,Gina,gina@x.example,,f,',
      'h,Hugo,hugo@x.example,,nobody,',
      'i,Ida,ida@x.example,,nobody@x.example,',
      'j,Jan,jan@x.example,,B,',
      'k k,Kai,kai@x.example,,,',
      'l,Lea,lea@x.example,,b,',
      'm,Mia,mia@x.example',
    ].join('\n');
    assert.deepEqual(problemsOf(text), [
      'line 2, Bild: "ftp://img.example/a.png" is not an http:// or https:// address',
      'line 3, Name: is empty; every person needs a name',
      'line 4, E-Mail: "not-an-email" is not an e-mail address',
      'line 5, id: "c" is also the id on line 4',
      'line 6, Rolle: is 201 characters long; at most 200 are allowed',
      'line 7, Manager: is the person themself',
      'line 8, Manager: the reporting line comes back to this person: f → g → f',
      'line 9, Manager: the reporting line comes back to this person: g → f → g',
      'line 10, Manager: nobody has the id "nobody", in the file or in the directory',
      'line 11, Manager: nobody has the e-mail nobody@x.example, in the file or in the directory',
      'line 12, Manager: nobody has the id "B", in the file or in the directory (did you mean "b"?)',
      'line 13, id: "k k" is not a valid id (letters, digits and . _ - + \' only)',
      'line 15, file: 3 fields, but the header has 6 (a missing or extra ",", or a quote that is not closed?)',
    ]);
    // Line 14 names b as manager: b's own row has a problem, which is reported there, not as an unknown manager.
  });

  test('a loop through people already in the directory is found too', () => {
    const directory: DirectoryLink[] = [{ id: 'boss', email: null, managerId: 'anna' }];
    assert.deepEqual(problemsOf('id,name,manager\nanna,Anna,boss\n', 'csv', directory), [
      'line 2, manager: the reporting line comes back to this person: anna → boss → anna',
    ]);
  });

  test('duplicate e-mails, and e-mails that make the default id unusable', () => {
    assert.deepEqual(problemsOf('name,email\nA,a@x.example\nB,A@X.example\nC,c d@x.example\nD,d!d@x.example\n'), [
      'line 3, email: A@X.example is also on line 2',
      'line 4, email: "c d@x.example" is not an e-mail address',
      'line 5, email: its part before the @ ("d!d") cannot be an id (letters, digits and . _ - + \' only); add an id column',
    ]);
    assert.deepEqual(problemsOf('name,email\nA,a(b)@x.example\n'), ['line 2, email: "a(b)@x.example" is not an e-mail address']);
  });

  test('the header must name a name and an e-mail or id; two columns for one field are refused', () => {
    assert.deepEqual(problemsOf('Vorname,E-Mail\nA,a@x.example\n'), [
      'line 1, file: no name: give a Name column (or Vorname and Nachname, or First name and Last name)',
    ]);
    assert.deepEqual(problemsOf('Name,Telefon\nA,1\n'), ['line 1, file: no E-Mail and no id: every person needs one of them']);
    assert.deepEqual(problemsOf('Name,E-Mail,Mail\nA,a@x.example,b@x.example\n'), ['line 1, file: "E-Mail" and "Mail" both mean email; keep one of them']);
    assert.deepEqual(problemsOf(''), ['line 1, file: the file is empty; the first line must name the columns (Name, E-Mail, …)']);
  });

  test('JSON problems name the entry and the key', () => {
    assert.deepEqual(problemsOf('[{"name": "A", "email": "a@x.example", "phone": 5555}, 7, {"email": "b@x.example"}]', 'json'), [
      'entry 1, phone: must be text or null, not 5555',
      'entry 2, file: not an object like {"name": …, "email": …}',
      'entry 3, file: no name: give a Name column (or Vorname and Nachname, or First name and Last name)',
    ]);
    assert.match(problemsOf('{"people": 1}', 'json')[0]!, /expected an array of people/);
    assert.match(problemsOf('[{]', 'json')[0]!, /not valid JSON/);
  });

  test('a warning when an e-mail already belongs to someone else in the directory', () => {
    const file = readPeopleFile('id,name,email\nanna,Anna,Anna.Lehmann@x.example\n', 'csv');
    const resolution = resolveManagers(file.entries, [{ id: 'anna.lehmann', email: 'anna.lehmann@x.example', managerId: null }]);
    assert.deepEqual(resolution.problems, []);
    assert.match(resolution.warnings[0]!, /line 2: Anna\.Lehmann@x\.example already belongs to "anna\.lehmann"/);
  });

  test('managerCycle finds loops and only loops', () => {
    const chart = new Map<string, string | null>([['a', 'b'], ['b', 'c'], ['c', 'b'], ['d', null]]);
    assert.deepEqual(managerCycle('b', (id) => chart.get(id)), ['b', 'c', 'b']);
    assert.deepEqual(managerCycle('a', (id) => chart.get(id)), ['b', 'c', 'b'], 'a reaches a loop it is not part of');
    assert.equal(managerCycle('d', (id) => chart.get(id)), null);
    assert.equal(managerCycle('x', (id) => chart.get(id)), null);
  });
});
