import type { PaymentStatus } from '../customers/types.ts';

/** A calendar date written out: "3 december 2026", "3 December 2026". */
export function longDate(iso: string | null, language: string): string {
  if (iso === null) return '–';
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
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
