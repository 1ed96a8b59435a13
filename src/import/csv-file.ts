import { importRefused } from '../errors.ts';

/** A table read from an uploaded file: the header's names, and each row with its line number in the file. */
export interface ReadTable {
  encoding: 'utf-8' | 'windows-1252';
  separator: ',' | ';' | '\t';
  header: string[];
  rows: { line: number; cells: string[] }[];
}

// A C0 or C1 control other than tab and line ends: bytes that are no text in either encoding (a spreadsheet's
// binary file, UTF-16, or a Windows-1252 byte with no character: 0x81, 0x8D, 0x8F, 0x90, 0x9D).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * The text of an uploaded file: UTF-8 (a BOM is dropped), else Windows-1252, what Dutch Excel writes as "CSV
 * (gescheiden door lijstscheidingsteken)". Anything else (UTF-16, a workbook, an image) is refused, never guessed.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: ReadTable['encoding'] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw notText('UTF-16');
  let decoded: { text: string; encoding: ReadTable['encoding'] };
  try {
    // TextDecoder drops a UTF-8 BOM itself (ignoreBOM is false by default).
    decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    decoded = { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
  if (CONTROL.test(decoded.text)) throw notText('binary');
  return decoded;
}

const notText = (seen: string) =>
  importRefused('import_encoding_unknown', 'The file is not text in UTF-8 or Windows-1252; save it as CSV (UTF-8)', { seen });

/**
 * Reads a CSV file (RFC 4180: quoted fields, doubled quotes, line ends inside quotes) whose separator is a comma,
 * a semicolon (Excel where the decimal sign is a comma, as in the Netherlands) or a tab, whichever the header
 * line holds most of outside quotes. Empty lines are left out; line numbers are those of the file.
 */
export function readCsv(bytes: Uint8Array): ReadTable {
  const { text, encoding } = decodeText(bytes);
  const separator = separatorOf(text);
  const records = splitRecords(text, separator);
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [first, ...rows] = nonEmpty;
  if (first === undefined || rows.length === 0)
    throw importRefused('import_file_empty', 'The file has no rows under its header line');
  return { encoding, separator, header: first.cells.map((c) => c.trim()), rows };
}

function separatorOf(text: string): ReadTable['separator'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  const [best, n] = (Object.entries(counts) as [ReadTable['separator'], number][]).sort((a, b) => b[1] - a[1])[0] ?? [',', 0];
  if (n === 0)
    throw importRefused('import_separator_unknown', 'The header line has no columns separated by commas or semicolons');
  return best;
}

function splitRecords(text: string, separator: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = '';
      line += 1;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return records;
}
