import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';

// The queries of identity matching (identity-matching.ts): who on file a request may be from.

/**
 * At most ten subjects with this e-mail address on file, oldest first, compared without regard to case (RFC 5321
 * local parts rarely differ by case).
 */
export const subjectsByEmail = (db: Executor, email: string) =>
  db
    .selectFrom('subjects')
    .select(['id', 'email'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .orderBy('created_at')
    .orderBy('id')
    .limit(10)
    .execute();

/** The id and e-mail address on file of one subject. */
export const emailOf = (db: Executor, subjectId: string) =>
  db.selectFrom('subjects').select(['id', 'email']).where('id', '=', subjectId).executeTakeFirst();

/** The issued invoice of one of these subjects with this number (without regard to case) and total, VAT included. */
export const issuedInvoiceMatching = (
  db: Executor,
  subjectIds: readonly string[],
  facts: { invoiceNumber: string; totalCents: number },
) =>
  db
    .selectFrom('invoices')
    .select(['id', 'subject_id'])
    .where('subject_id', 'in', subjectIds)
    .where('status', '=', 'issued')
    .where(sql`upper(number)`, '=', facts.invoiceNumber.trim().toUpperCase())
    .where('total_incl_cents', '=', facts.totalCents)
    .executeTakeFirst();
