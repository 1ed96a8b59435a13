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

/** Today as YYYY-MM-DD in the business's time zone. */
export const businessToday = (now: Date = new Date()): string => dateFormat.format(now);

/** The calendar date of a moment where the business is. */
export const businessDate = (moment: string | Date): string =>
  businessToday(typeof moment === 'string' ? new Date(moment) : moment);

const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  timeZone: BUSINESS_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** The clock time of a moment where the business is: "14:05". */
export const businessTime = (moment: string | Date): string =>
  timeFormat.format(typeof moment === 'string' ? new Date(moment) : moment);
