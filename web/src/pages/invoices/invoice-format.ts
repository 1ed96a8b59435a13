import type { PaymentStatus } from '../customers/types.ts';

/**
 * A calendar date written out: "3 december 2026", "3 December 2026". A moment (a timestamp) is written as its day
 * where the business is, which is the day the server counts with; a date has no zone and is written as it is.
 */
export function longDate(iso: string | null, language: string): string {
  if (iso === null) return '–';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Date(dateOnly ? `${iso}T00:00:00Z` : iso).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeZone: dateOnly ? 'UTC' : 'Europe/Amsterdam',
  });
}

/** A moment written out with its time where the business is: "6 december 2026 om 17:05", "6 December 2026 at 17:05". */
export function longMoment(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
}

/**
 * An amount in euros as typed in the language ("1.234,56" or "1234,56" in Dutch, "1,234.56" in English) to cents;
 * undefined when it is not one.
 */
export function parseAmount(text: string, language: string): number | undefined {
  const plain = text.replace(/[€\s\u00a0]/g, '');
  const normal = language === 'nl' ? plain.replace(/\./g, '').replace(',', '.') : plain.replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return undefined;
  const cents = Math.round(Number(normal) * 100);
  return cents > 0 ? cents : undefined;
}

/** The badge colour of a payment status; overdue is shown as an alarm. */
export const PAYMENT_COLOR: Record<PaymentStatus, string> = { open: 'blue', partly_paid: 'indigo', paid: 'cyan', overdue: 'red' };
