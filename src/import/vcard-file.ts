import { importRefused } from '../errors.ts';
import { type ReadTable, decodeText } from './csv-file.ts';

const COLUMNS = ['reference', 'first_name', 'last_name', 'email', 'phone', 'street', 'postal_code', 'city', 'country'];

/**
 * Reads persons from a vCard file (RFC 6350; version 3.0 as address books export it works too) as the rows of a
 * persons import: UID is the external reference, N the name (FN when N is missing), the first EMAIL, TEL and ADR.
 * Line numbers are those of each card's BEGIN line, so a problem is named where the card starts.
 */
export function readVcard(bytes: Uint8Array): ReadTable {
  const { text, encoding } = decodeText(bytes);
  // Unfold: a line that starts with a space or tab continues the one before (RFC 6350 3.2).
  const lines: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const last = lines.at(-1);
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last !== undefined) last.text += raw.slice(1);
    else lines.push({ line: i + 1, text: raw });
  });
  const rows: ReadTable['rows'] = [];
  let card: Map<string, string> | null = null;
  let start = 0;
  for (const { line, text: l } of lines) {
    const upper = l.toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      card = new Map();
      start = line;
    } else if (upper === 'END:VCARD' && card !== null) {
      rows.push({ line: start, cells: cardCells(card) });
      card = null;
    } else if (card !== null) {
      const colon = l.indexOf(':');
      if (colon < 0) continue;
      // A property's name without its group ("item1.") or parameters (";TYPE=work").
      const name = (l.slice(0, colon).split(';')[0] ?? '').replace(/^.*\./, '').toUpperCase();
      if (!card.has(name)) card.set(name, l.slice(colon + 1));
    }
  }
  if (rows.length === 0) throw importRefused('import_file_empty', 'The file holds no vCard (BEGIN:VCARD … END:VCARD)');
  return { encoding, separator: ',', header: COLUMNS, rows };
}

/** A structured value's components (`;`), with vCard's escapes undone. */
const parts = (value: string | undefined) =>
  (value ?? '').split(/(?<!\\);/).map((p) =>
    p
      .replace(/\\n/gi, ' ')
      .replace(/\\([,;\\])/g, '$1')
      .trim(),
  );

function cardCells(card: Map<string, string>): string[] {
  const [last = '', first = ''] = parts(card.get('N'));
  const full = parts(card.get('FN'))[0] ?? '';
  const fullParts = full.split(/\s+/);
  // ADR: post office box; extended address; street; locality; region; postal code; country.
  const [, , street = '', city = '', , postalCode = '', country = ''] = parts(card.get('ADR'));
  return [
    parts(card.get('UID'))[0] ?? '',
    first || (last === '' ? (fullParts.slice(0, -1).join(' ') ?? '') : ''),
    last || (fullParts.at(-1) ?? ''),
    parts(card.get('EMAIL'))[0] ?? '',
    parts(card.get('TEL'))[0]?.replace(/^tel:/i, '') ?? '',
    street,
    postalCode,
    city,
    country,
  ];
}
