/**
 * A small RFC 4180 reader for directory exports: quoted fields with commas,
 * doubled quotes and line breaks inside, CRLF or LF line ends, a UTF-8 byte
 * order mark, and `;` or tab as the delimiter (German Excel writes `;`,
 * because the comma is its decimal separator). Written here rather than added
 * as a dependency: this is all the import needs, and it is tested.
 */

export interface CsvRecord {
  /** The line of the file the record starts on (1-based), for error messages. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The records of `text`, the header first. Lines that are entirely empty
 * (a trailing newline, blank lines between blocks) are skipped. Throws a
 * CsvError for a quote that never closes or text after a closing quote,
 * which mean the file is not what it seems and guessing would import rubbish.
 */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): CsvRecord[] {
  const input = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < input.length) {
    const start = line;
    const fields: string[] = [];
    // One record: fields until an unquoted line end or the end of the input.
    for (;;) {
      let field = '';
      if (input[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= input.length) throw new CsvError(opened, `the quote opened on line ${opened} is never closed`);
          const c = input[i]!;
          if (c === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        const next = input[i];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
          throw new CsvError(line, `text after a closing quote (a field that contains quotes must be quoted as a whole, with each quote doubled: "say ""hello""")`);
        }
      } else {
        // A quote inside an unquoted field is taken as it is, as Excel and most readers do.
        while (i < input.length && input[i] !== delimiter && input[i] !== '\n' && !(input[i] === '\r' && input[i + 1] === '\n')) {
          field += input[i];
          i++;
        }
      }
      fields.push(field);
      if (input[i] === delimiter) {
        i++;
        continue;
      }
      if (input[i] === '\r') i++;
      if (input[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

/**
 * The delimiter of the header line: whichever of `,` `;` and tab occurs most
 * often outside quotes (a header "Name;Abteilung, Standort" is `;`). A file
 * with one column has none of them; `,` then.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of text.replace(/^\uFEFF/, '')) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c as Delimiter)) counts.set(c as Delimiter, counts.get(c as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Writes records as RFC 4180 CSV, the counterpart of `parseCsv`: a field with
 * the delimiter, a quote or a line break is quoted with quotes doubled; lines
 * end in CRLF. A field a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, so text
 * people wrote cannot become a formula in the reader's Excel (OWASP "CSV
 * injection").
 */
export function formatCsv(records: ReadonlyArray<ReadonlyArray<string | number | null>>, delimiter: Delimiter = ','): string {
  const field = (value: string | number | null): string => {
    let text = value === null ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return records.map((record) => `${record.map(field).join(delimiter)}\r\n`).join('');
}
