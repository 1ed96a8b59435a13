// Sen ICT works from the Netherlands: its dates are the dates there, not in UTC (an invoice issued at 00:30 in
// January must not be dated in December, Wet OB 1968 art. 35a(1)(a); a statement published at 00:30 is dated
// that day in Utrecht).
const BUSINESS_TIME_ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day of `now` (a clock's moment) as YYYY-MM-DD in the business's time zone. */
export const businessToday = (now: Date): string => dateFormat.format(now);

/** The calendar date of a moment where the business is. */
export const businessDate = (moment: string | Date): string =>
  businessToday(typeof moment === 'string' ? new Date(moment) : moment);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * The calendar day a stored value stands for: a date (YYYY-MM-DD) as it is, a timestamp as its date where the
 * business is. Not the timestamp's first ten characters: those are the UTC date, a day early for anything done
 * between midnight and one or two o'clock in Utrecht.
 */
export const calendarDay = (value: string): string => (DATE_ONLY.test(value) ? value : businessDate(value));

const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: BUSINESS_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** The clock time of a moment where the business is: "14:05". */
export const businessTime = (moment: string | Date): string =>
  timeFormat.format(typeof moment === 'string' ? new Date(moment) : moment);

const DAY_MS = 86_400_000;
// Calendar arithmetic on days written YYYY-MM-DD. UTC is meant here, not the business's zone: midnight UTC only
// stands in for "the day" without a zone, so no summer-time change makes a day 23 or 25 hours long.
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The day `n` calendar days after (or, negative, before) `day`. */
export const addDays = (day: string, n: number): string => new Date(dayStart(day) + n * DAY_MS).toISOString().slice(0, 10);

/** How many calendar days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: string, to: string): number => Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
