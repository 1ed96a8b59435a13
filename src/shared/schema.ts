import { z } from 'zod';

/** A calendar date, 'YYYY-MM-DD', that exists (no 2026-02-30). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
  }, 'is not a date that exists');

/** A moment with a time zone, stored as UTC ISO 8601. */
export const timestamp = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());

export const idParam = z.strictObject({ id: z.uuid('must be a UUID') });

/** `?purpose=` on every personal-data route: the purpose of this processing, logged with it. */
export const purposeQuery = z.strictObject({ purpose: z.string().max(50).optional() });

export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code such as NL');

export const trimmed = (max: number) => z.string().trim().min(1).max(max);

/**
 * A 6-digit code as people type it from a mail or an app: a space or a dash between the digits is fine
 * ("482 913", "482-913"), as is one pasted with spaces around it.
 */
export const sixDigitCode = (message: string) =>
  z
    .string()
    .max(20)
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, message));
