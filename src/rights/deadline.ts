import { addPeriod } from '../retention/rules/period.ts';
import { workingDayBefore, workingDayOnOrAfter } from './working-days.ts';

// Requests are received in the Netherlands: the day of receipt is the local date, not the UTC one.
const localDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in the Netherlands of a moment. */
export const dayOfReceipt = (receivedAt: Date): string => localDate.format(receivedAt);

/**
 * The target date of a request: one calendar month after receipt (Art. 12(3) GDPR), counted as Regulation
 * 1182/71 art. 3(2)(c) does: the same date in the next month, or that month's last day when the date does not
 * exist there (received 31 January: 28 or 29 February). We aim to answer by this date; the period itself ends
 * on its legal end (see legalEnd).
 */
export const dueOn = (receivedAt: Date): string => addPeriod(dayOfReceipt(receivedAt), { years: 0, months: 1, days: 0 });

/**
 * The last day of a period whose plain end is `target`: Regulation 1182/71 art. 3(4) moves a period that ends
 * on a Saturday, Sunday or public holiday (here the Dutch ones of the Algemene termijnenwet) to the end of the
 * next working day. Until then an answer is in time and the deadline can still be extended.
 */
export const legalEnd = (target: string): string => workingDayOnOrAfter(target);

/** The target date of the furthest extension: two further months (Art. 12(3)), counted the same way. */
export const latestExtension = (receivedAt: Date): string =>
  addPeriod(dayOfReceipt(receivedAt), { years: 0, months: 3, days: 0 });

/** Whether a period with this target date has passed on a given day: only after its legal end. */
export const isOverdue = (target: string, today: string): boolean => today > legalEnd(target);

/**
 * The latest target date that is overdue on `today`: a period is overdue when a working day lies between its
 * target and today, so every target on or before the last working day before today is overdue, and none after.
 * Lets a list ask the database for overdue requests by their stored target date.
 */
export const overdueTargetsThrough = (today: string): string => workingDayBefore(today);
