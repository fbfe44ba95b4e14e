import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CsvError, detectDelimiter, formatCsv, parseCsv } from '../../server/cli/csv.ts';

const fields = (text: string) => parseCsv(text).map((record) => record.fields);

describe('the CSV reader (plaza import-people)', () => {
  test('plain rows, LF or CRLF, with or without a final line end', () => {
    assert.deepEqual(fields('a,b\n1,2\n'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(fields('a,b\r\n1,2\r\n3,4'), [['a', 'b'], ['1', '2'], ['3', '4']]);
    assert.deepEqual(fields('a,b\n1,\n,\n'), [['a', 'b'], ['1', ''], ['', '']], 'empty fields stay');
  });

  test('RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'name,role\r\n"Müller, Jürgen","Leiter ""Netz""\r\nund Betrieb"\r\n"",x\r\n';
    assert.deepEqual(fields(text), [['name', 'role'], ['Müller, Jürgen', 'Leiter "Netz"\r\nund Betrieb'], ['', 'x']]);
  });

  test('each record knows the line it starts on, past quoted line breaks and blank lines', () => {
    const records = parseCsv('h\n"a\nb\nc"\n\nd\n');
    assert.deepEqual(records.map((r) => [r.line, r.fields[0]]), [[1, 'h'], [2, 'a\nb\nc'], [6, 'd']]);
  });

  test('a UTF-8 byte order mark is not part of the first header', () => {
    assert.deepEqual(fields('\uFEFFName;E-Mail\nA;a@x.example'), [['Name', 'E-Mail'], ['A', 'a@x.example']]);
  });

  test('the delimiter is the one the header line uses most (outside quotes)', () => {
    assert.equal(detectDelimiter('Name;E-Mail;Abteilung, Standort\n1,2,3,4,5'), ';');
    assert.equal(detectDelimiter('\uFEFF"Name, voll";Mail\n'), ';', 'a comma inside quotes does not count');
    assert.equal(detectDelimiter('name,email\n'), ',');
    assert.equal(detectDelimiter('name\temail\n'), '\t');
    assert.equal(detectDelimiter('name\n'), ',', 'one column');
    assert.deepEqual(fields('Name;Rolle\n"A;B";"x, y"'), [['Name', 'Rolle'], ['A;B', 'x, y']]);
  });

  test('a quote inside an unquoted field is taken as it is', () => {
    assert.deepEqual(fields('a,b\nJürgen "Jogi" M,2'), [['a', 'b'], ['Jürgen "Jogi" M', '2']]);
  });

  test('a quote that never closes, or text after a closing quote, is an error with its line', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n"open,3\n4,5\n'), (error: unknown) => error instanceof CsvError && error.line === 3 && /never closed/.test(error.message));
    assert.throws(() => parseCsv('a,b\n"x"y,2\n'), (error: unknown) => error instanceof CsvError && error.line === 2 && /after a closing quote/.test(error.message));
  });
});

describe('the CSV writer (the audit log export)', () => {
  test('quotes what needs it, ends lines in CRLF, and the reader reads it back', () => {
    const records = [
      ['id', 'text', 'n'],
      ['1', 'a;b "c"\nzwei', 3],
      ['2', null, 0],
    ];
    const text = formatCsv(records, ';');
    assert.equal(text, 'id;text;n\r\n1;"a;b ""c""\nzwei";3\r\n2;;0\r\n');
    assert.deepEqual(fields(text), [['id', 'text', 'n'], ['1', 'a;b "c"\nzwei', '3'], ['2', '', '0']]);
  });

  test('a cell a spreadsheet would run as a formula starts with an apostrophe; numbers stay numbers', () => {
    const text = formatCsv([['=1+1', '+49 30', '-x', '@SUM(A1)', '\tTab', 'Ist = ok', -5]]);
    assert.deepEqual(fields(text), [["'=1+1", "'+49 30", "'-x", "'@SUM(A1)", "'\tTab", 'Ist = ok', '-5']]);
  });
});
