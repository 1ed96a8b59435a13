import { type Transaction, sql } from 'kysely';
import type { DB } from '../db/types.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { conflict } from '../errors.ts';
import * as invoices from './invoice.repository.ts';

// An invoice states its date of issue (Wet OB 1968 art. 35a(1)(a)); Sen ICT issues from the Netherlands, so
// it is the date there, not in UTC (an invoice issued at 00:30 in January must not be dated in December).
const BUSINESS_TIME_ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today as YYYY-MM-DD in the business's time zone. */
export const businessToday = (now: Date = new Date()): string => dateFormat.format(now);

/** '2026-0007': the year of issue and the sequence within it, at least four digits. */
export const formatNumber = (year: string, sequence: number): string => `${year}-${String(sequence).padStart(4, '0')}`;

const sequenceOf = (num: string | undefined): number => (num === undefined ? 0 : Number(num.slice(num.indexOf('-') + 1)));

// Enough for every issuer of a small business clicking at once; past it we answer conflict, not a 500.
const MAX_ATTEMPTS = 25;

export interface Issuance {
  issueDate: string;
  completedOn: string | null;
}

/**
 * Marks a draft issued under the next number of its year, inside the caller's transaction. Invoice
 * numbers must form one unbroken sequence (Wet OB 1968 art. 35a(1)(b)): the number is the year's highest
 * plus one, taken in the same transaction that issues, so a rollback leaves no gap. Two concurrent issuers
 * on PostgreSQL may read the same highest number; the unique constraint refuses the second, which rolls
 * back to its savepoint and reads again once the first has committed. SQLite's write lock already
 * serialises them. Returns the number, or undefined when the invoice was not a draft (any more).
 */
export async function issueUnderNextNumber(trx: Transaction<DB>, id: string, issuance: Issuance): Promise<string | undefined> {
  const year = issuance.issueDate.slice(0, 4);
  for (let attempt = 1; ; attempt += 1) {
    const number = formatNumber(year, sequenceOf(await invoices.lastNumberOfYear(trx, year)) + 1);
    await sql`savepoint invoice_number`.execute(trx);
    try {
      const issued = await invoices.updateDraft(trx, id, {
        status: 'issued',
        number,
        issue_date: issuance.issueDate,
        completed_on: issuance.completedOn,
        updated_at: new Date().toISOString(),
      });
      await sql`release savepoint invoice_number`.execute(trx);
      return issued ? number : undefined;
    } catch (error) {
      await sql`rollback to savepoint invoice_number`.execute(trx);
      if (!isNumberTaken(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw conflict('Too many invoices are being issued at once; try again');
    }
  }
}

/** The unique constraint on invoices.number refused the number, on either dialect. */
const isNumberTaken = (error: unknown): boolean =>
  isUniqueViolation(error, { postgres: 'invoices_number_key', sqlite: 'invoices.number' });
