/** What clamd's VERSION says: the engine, and the version and date of its signature database (daily.cvd). */
export interface ClamdVersion {
  engine: string;
  /** Null when clamd runs without an official database (only signatures of its own, no daily.cvd). */
  signatures: { version: number; date: Date } | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Reads `ClamAV 1.4.6/27123/Thu Dec  3 06:47:19 2026`: the engine, the database version and its date as C's
 * ctime() writes it, in clamd's local time (read here in ours: the scanner usually runs on the same machine,
 * and an hour of difference does not matter for an age counted in days). Null for anything else.
 */
export function parseClamdVersion(reply: string): ClamdVersion | null {
  const match = /^ClamAV ([0-9][0-9A-Za-z.+~-]*)(?:\/(\d+)\/\w{3} (\w{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}))?$/.exec(
    reply.trim(),
  );
  if (match === null) return null;
  const [, engine = '', version, month, day, hours, minutes, seconds, year] = match;
  if (version === undefined) return { engine, signatures: null };
  const monthIndex = MONTHS.indexOf(month ?? '');
  if (monthIndex === -1) return null;
  const date = new Date(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
  return Number.isNaN(date.getTime()) ? null : { engine, signatures: { version: Number(version), date } };
}
