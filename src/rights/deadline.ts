import { addPeriod } from '../retention/period.ts';

// Requests are received in the Netherlands: the day of receipt is the local date, not the UTC one.
const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in the Netherlands of a moment. */
export const dayOfReceipt = (receivedAt: Date): string => localDate.format(receivedAt);

/**
 * The last day to answer a request: one calendar month after receipt (Art. 12(3) GDPR), counted as
 * Regulation 1182/71 art. 3(2)(c) does: the same date in the next month, or that month's last day when
 * the date does not exist there (received 31 January: due 28 or 29 February). A deadline on a weekend or
 * holiday is not moved later: answering earlier is always lawful.
 */
export const dueOn = (receivedAt: Date): string => addPeriod(dayOfReceipt(receivedAt), { years: 0, months: 1, days: 0 });

/** The furthest the deadline can be extended: two further months (Art. 12(3)), counted the same way. */
export const latestExtension = (receivedAt: Date): string => addPeriod(dayOfReceipt(receivedAt), { years: 0, months: 3, days: 0 });

/** Whether a deadline has passed on a given day (the due day itself still counts as on time). */
export const isOverdue = (due: string, today: string): boolean => today > due;
