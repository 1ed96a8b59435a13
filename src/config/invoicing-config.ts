import { z } from 'zod';

/** KLUIS_SELLER_*, KLUIS_PAYMENT_TERM_DAYS and KLUIS_INVOICE_REMINDER_DAYS as the configuration holds them. */
export interface InvoicingConfig {
  sellerName?: string | undefined;
  kvk?: string | undefined;
  vatNumber?: string | undefined;
  iban?: string | undefined;
  logoFile?: string | undefined;
  paymentTermDays?: number | undefined;
  reminderDays?: number[] | undefined;
}

/** A KvK number: eight digits. */
export const kvkNumber = z.string().regex(/^\d{8}$/, 'must be a KvK number of eight digits');

/** A VAT identification number: two letters of the member state, then 2-12 letters or digits (NL: 9 digits, B, 2 digits). */
export const vatNumber = z
  .string()
  .transform((v) => v.replace(/[\s.]/g, '').toUpperCase())
  .refine(
    (v) => /^[A-Z]{2}[0-9A-Z+*]{2,12}$/.test(v) && (!v.startsWith('NL') || /^NL\d{9}B\d{2}$/.test(v)),
    'must be a VAT number such as NL123456789B01',
  );

/** An IBAN with a valid check (ISO 13616: mod 97 = 1). */
export const iban = z
  .string()
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .refine((v) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v) && ibanChecks(v), 'must be an IBAN such as NL91ABNA0417164300');

function ibanChecks(value: string): boolean {
  const digits = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

/** "14,28": reminders 14 and 28 days after the due date; "none": no scheduled reminders. */
export const reminderSchedule = z
  .string()
  .transform((v) => (v.trim() === 'none' ? [] : v.split(',').map((d) => Number(d.trim()))))
  .refine(
    (days) => days.every((d) => Number.isInteger(d) && d >= 0 && d <= 365),
    'must be days after the due date, comma-separated (14,28), or none',
  )
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));
