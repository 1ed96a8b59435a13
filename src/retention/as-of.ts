import { KluisError } from '../errors.ts';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day a retention forecast or dry run reads as if it were today (`--as-of`, the API's `asOf`): a calendar
 * day that exists, `YYYY-MM-DD`. Anything else is refused with `as_of_invalid` rather than read as some other day.
 */
export function asOfDay(value: string): string {
  const day = value.trim();
  const parsed = CALENDAR_DAY.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (parsed === null || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day)
    throw new KluisError('as_of_invalid', `The as-of date ${JSON.stringify(value)} is not a calendar day written YYYY-MM-DD`);
  return day;
}
