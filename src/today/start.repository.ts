import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';

/** How many items each part of the start page shows; its total says how many there are. */
export const START_LIMIT = 50;

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
  Number((await q.executeTakeFirstOrThrow()).n);

/** Holds in force whose review date falls before `until`, with the customer's name. */
export async function holdsToReview(db: Executor, today: string, until: string) {
  const base = db
    .selectFrom('legal_holds')
    .innerJoin('subjects', 'subjects.id', 'legal_holds.subject_id')
    .where('legal_holds.released_at', 'is', null)
    .where('legal_holds.review_on', 'is not', null)
    .where('legal_holds.review_on', '<=', until)
    .where((eb) => eb.or([eb('legal_holds.ends_on', 'is', null), eb('legal_holds.ends_on', '>', today)]));
  const rows = await base
    .select([
      'legal_holds.id',
      'legal_holds.subject_id',
      'legal_holds.review_on',
      'legal_holds.ends_on',
      'subjects.first_name',
      'subjects.last_name',
    ])
    .orderBy('legal_holds.review_on')
    .limit(START_LIMIT)
    .execute();
  return { rows, total: await count(base.select((eb) => eb.fn.countAll<number>().as('n'))) };
}

/** Open cases other than requests' (those are on the list of requests), the longest open first. */
export async function openCases(db: Executor) {
  const base = db
    .selectFrom('cases')
    .innerJoin('subjects', 'subjects.id', 'cases.subject_id')
    .where('cases.status', '=', 'open')
    .where('cases.kind', '!=', 'request');
  const rows = await base
    .select([
      'cases.id',
      'cases.reference',
      'cases.title',
      'cases.kind',
      'cases.opened_at',
      'cases.subject_id',
      'subjects.first_name',
      'subjects.last_name',
    ])
    .orderBy('cases.opened_at')
    .limit(START_LIMIT)
    .execute();
  return { rows, total: await count(base.select((eb) => eb.fn.countAll<number>().as('n'))) };
}

/** Draft invoices, the oldest first: a draft left lying is an invoice not sent. */
export async function draftInvoices(db: Executor) {
  const base = db.selectFrom('invoices').where('status', '=', 'draft');
  const rows = await base
    .select(['id', 'number', 'subject_id', 'contact_id', 'billing_name', 'total_incl_cents', 'created_at'])
    .orderBy('created_at')
    .limit(START_LIMIT)
    .execute();
  return { rows, total: await count(base.select((eb) => eb.fn.countAll<number>().as('n'))) };
}

/** Issued invoices per year of their issue date (no personal data: counts). */
export async function issuedInYear(db: Executor, year: number): Promise<number> {
  return count(
    db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '!=', 'draft')
      .where(sql<string>`substr(issue_date, 1, 4)`, '=', String(year)),
  );
}

/** Whether there is a customer yet and a published statement: counts, no personal data. */
export async function firstSteps(db: Executor): Promise<{ customers: boolean; statement: boolean }> {
  const customer = await db.selectFrom('subjects').select('id').limit(1).executeTakeFirst();
  const organisation = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  const statement = await db.selectFrom('statement_versions').select('version').limit(1).executeTakeFirst();
  return { customers: customer !== undefined || organisation !== undefined, statement: statement !== undefined };
}
