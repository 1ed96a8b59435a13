// Numbers and dates as a spreadsheet writes them in a CSV cell, read into what the schemas of the API take.
// A value that cannot be read is passed on as it is, so the schema names the cell's problem.

/**
 * A decimal number written the Dutch way ("1.234,56", "12,5") or with a decimal point ("1234.56"), with or without
 * a euro sign: with both separators the last is the decimal one; a lone comma is decimal (Dutch Excel), a lone point
 * too; a separator that occurs twice groups thousands. A lone separator before exactly three digits ("1.250",
 * "1,250") is read as neither: a thousand times too much or too little would pass unseen. Returns the number's
 * digits as "-1234.56", or undefined.
 */
export function decimalText(cell: string): string | undefined {
  let s = cell.replace(/[\s\u00a0\u202f€]/g, '').replace(/^EUR/i, '');
  if (s === '') return undefined;
  if (/^-?[1-9]\d{0,2}[.,]\d{3}$/.test(s)) return undefined;
  const comma = s.lastIndexOf(',');
  const point = s.lastIndexOf('.');
  const commas = s.split(',').length - 1;
  const points = s.split('.').length - 1;
  if (comma >= 0 && point >= 0) {
    const [decimal, group] = comma > point ? [',', '.'] : ['.', ','];
    s = s.split(group).join('').replace(decimal, '.');
  } else if (commas > 1) s = s.split(',').join('');
  else if (points > 1) s = s.split('.').join('');
  else s = s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? s : undefined;
}

/** A decimal cell as a number (see decimalText); the cell itself when it is none. */
export function decimalOf(cell: string): number | string {
  const text = decimalText(cell);
  return text === undefined ? cell : Number(text);
}

/** An amount of money in a cell as whole cents; the cell itself when it is no amount or has more than two decimals. */
export function centsOf(cell: string): number | string {
  const text = decimalText(cell);
  if (text === undefined) return cell;
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  if (fraction.length > 2) return cell;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return text.startsWith('-') ? -cents : cents;
}

/** A VAT rate as a whole percentage: "21", "21%", "21,0 %", "9"; the cell itself otherwise. */
export function percentageOf(cell: string): number | string {
  const value = decimalOf(cell.replace('%', ''));
  return typeof value === 'number' ? value : cell;
}

/**
 * A date as YYYY-MM-DD: as it is when written so, else day, month and year as Dutch spreadsheets write them
 * ("14-3-2025", "14/03/2025", "14.03.2025"). A day-first date is the only order read: a month-first "03/14/2025"
 * is no date, and the schema says so.
 */
export function dateOf(cell: string): string {
  const s = cell.trim();
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (dutch === null) return s;
  const [, day = '', month = '', year = ''] = dutch;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
