// A cell whose first visible character is = + - @ (or their full-width forms) is a formula to a spreadsheet,
// which skips spaces, tabs and line ends before it; a cell starting with a tab or a line end is one too.
const FORMULA = /^[\s\p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/u;

/** One CSV cell (RFC 4180), formula-safe: a cell a spreadsheet would run gets an apostrophe in front (CSV injection, OWASP). */
export function csvField(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
