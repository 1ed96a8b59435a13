import { type Transaction, sql } from 'kysely';
import type { DB } from '../db/types.ts';
import { isPostgres } from '../db/bulk.ts';
import * as invoices from './invoice.repository.ts';

/** '2026-0007': the year of issue and the sequence within it, at least four digits. */
export const formatNumber = (year: string, sequence: number): string => `${year}-${String(sequence).padStart(4, '0')}`;

const sequenceOf = (num: string | undefined): number => (num === undefined ? 0 : Number(num.slice(num.indexOf('-') + 1)));

export interface Issuance {
  issueDate: string;
  completedOn: string | null;
  dueDate?: string | null;
  /** The moment of the issue, from the caller's clock: the invoice's updated_at. */
  at: string;
}

/**
 * Marks a draft issued under the next number of its year, inside the caller's transaction. Invoice
 * numbers must form one unbroken sequence (Wet OB 1968 art. 35a(1)(b)): the number is the year's highest
 * plus one, taken in the same transaction that issues, so a rollback leaves no gap. Issuers take turns, so
 * none is ever refused: on PostgreSQL a transaction-scoped advisory lock per schema and year, held until
 * commit, makes the next issuer (on any instance) read the highest number only once the previous one has
 * committed; SQLite's write lock (BEGIN IMMEDIATE) already does. The unique constraint on the number stays
 * as the last line of defence. Returns the number, or undefined when the invoice was not a draft (any more).
 */
export async function issueUnderNextNumber(trx: Transaction<DB>, id: string, issuance: Issuance): Promise<string | undefined> {
  const year = issuance.issueDate.slice(0, 4);
  if (isPostgres(trx))
    await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ${`:invoice-number:${year}`}))`.execute(trx);
  const number = formatNumber(year, sequenceOf(await invoices.lastNumberOfYear(trx, year)) + 1);
  const issued = await invoices.updateDraft(trx, id, {
    status: 'issued',
    number,
    issue_date: issuance.issueDate,
    completed_on: issuance.completedOn,
    due_date: issuance.dueDate ?? null,
    updated_at: issuance.at,
  });
  return issued ? number : undefined;
}
