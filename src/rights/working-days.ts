// Working days in the Netherlands for the end of a period: Regulation 1182/71 art. 3(4) moves a period that ends
// on a Saturday, a Sunday or a public holiday to the next working day; the Dutch public holidays are those of the
// Algemene termijnenwet (art. 3), the same days the Netherlands notified for the Regulation.

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const plusDays = (date: string, days: number): string => {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
};
const day = (year: number, month: number, date: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;

/** Easter Sunday of a Gregorian year (YYYY-MM-DD), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, date);
}

/** Koningsdag: 27 April, or 26 April when the 27th is a Sunday (Wet vaststelling dag Koningsdag). */
export function kingsDay(year: number): string {
  const the27th = day(year, 4, 27);
  return utc(the27th).getUTCDay() === 0 ? day(year, 4, 26) : the27th;
}

/**
 * The generally recognised public holidays of the Algemene termijnenwet (art. 3): Nieuwjaarsdag, tweede Paasdag,
 * Hemelvaartsdag, tweede Pinksterdag, Koningsdag, 5 mei and both Christmas days. Goede Vrijdag is not one; the
 * first Easter and Whit days are Sundays anyway.
 */
export function dutchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    day(year, 1, 1),
    plusDays(easter, 1),
    plusDays(easter, 39),
    plusDays(easter, 50),
    kingsDay(year),
    day(year, 5, 5),
    day(year, 12, 25),
    day(year, 12, 26),
  ].sort();
}

const holidayCache = new Map<number, Set<string>>();
const holidaysOf = (year: number): Set<string> => {
  let found = holidayCache.get(year);
  if (found === undefined) {
    found = new Set(dutchPublicHolidays(year));
    holidayCache.set(year, found);
  }
  return found;
};

/** Whether a calendar date (YYYY-MM-DD) is a working day: not a Saturday, Sunday or Dutch public holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = utc(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** The date itself when it is a working day, else the first working day after it (Regulation 1182/71 art. 3(4)). */
export function workingDayOnOrAfter(date: string): string {
  let d = date;
  while (!isWorkingDay(d)) d = plusDays(d, 1);
  return d;
}

/** The last working day before a date. */
export function workingDayBefore(date: string): string {
  let d = plusDays(date, -1);
  while (!isWorkingDay(d)) d = plusDays(d, -1);
  return d;
}
