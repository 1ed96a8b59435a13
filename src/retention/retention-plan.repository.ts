import { idsIn } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';

// The queries of the retention planner (retention-plan.ts): the records of a batch of subjects with the dates
// they count from and the retention stored on them, and whether the subjects still have contact details.

const STORED = ['retain_until', 'retain_rule'] as const;
const AGREEMENT_COLUMNS = ['id', 'subject_id', 'organisation_id', 'status', 'start_date', 'end_date', 'updated_at'] as const;
const INVOICE_COLUMNS = [
  'id',
  'subject_id',
  'organisation_id',
  'agreement_id',
  'credit_for_id',
  'status',
  'issue_date',
  'completed_on',
] as const;

/** The subjects' own agreements (a sole trader's or partnership's have no `subject_id`: organisationAgreements). */
export const agreementsOf = (db: Executor, subjectIds: readonly string[]) =>
  db
    .selectFrom('agreements')
    .select([...AGREEMENT_COLUMNS, ...STORED])
    .where('subject_id', 'in', idsIn(db, subjectIds))
    .$narrowType<{ subject_id: string }>()
    .execute();

/** The subjects' own invoices. */
export const invoicesOf = (db: Executor, subjectIds: readonly string[]) =>
  db
    .selectFrom('invoices')
    .select([...INVOICE_COLUMNS, ...STORED])
    .where('subject_id', 'in', idsIn(db, subjectIds))
    .$narrowType<{ subject_id: string }>()
    .execute();

/** The subjects' cases (their messages go with them). */
export const casesOf = (db: Executor, subjectIds: readonly string[]) =>
  db
    .selectFrom('cases')
    .select(['id', 'subject_id', 'opened_at', 'closed_at', ...STORED])
    .where('subject_id', 'in', idsIn(db, subjectIds))
    .execute();

/** The subjects' consents, given and withdrawn. */
export const consentsOf = (db: Executor, subjectIds: readonly string[]) =>
  db
    .selectFrom('consents')
    .select(['id', 'subject_id', 'given_at', 'withdrawn_at', ...STORED])
    .where('subject_id', 'in', idsIn(db, subjectIds))
    .execute();

/**
 * Per subject whether e-mail, phone or gender is still on file (never the details themselves), and its stored
 * `reduce_on`. SQLite answers `contact` with 0 or 1, PostgreSQL with a boolean.
 */
export const contactLeftOf = (db: Executor, subjectIds: readonly string[]) =>
  db
    .selectFrom('subjects')
    .select((eb) => [
      'id',
      'reduce_on',
      eb.or([eb('email', 'is not', null), eb('phone', 'is not', null), eb('gender', 'is not', null)]).as('contact'),
    ])
    .where('id', 'in', idsIn(db, subjectIds))
    .execute();

/** The subjects among these that still have an address. */
export const addressedOf = (db: Executor, subjectIds: readonly string[]) =>
  db.selectFrom('subject_addresses').select('subject_id').distinct().where('subject_id', 'in', idsIn(db, subjectIds)).execute();

/** The agreements of these sole traders and partnerships (owned-organisations.repository.ts). */
export const organisationAgreements = async (db: Executor, organisationIds: readonly string[]) =>
  organisationIds.length === 0
    ? []
    : db
        .selectFrom('agreements')
        .select([...AGREEMENT_COLUMNS, ...STORED])
        .where('organisation_id', 'in', idsIn(db, organisationIds))
        .$narrowType<{ organisation_id: string }>()
        .execute();

/** The invoices of these sole traders and partnerships. */
export const organisationInvoices = async (db: Executor, organisationIds: readonly string[]) =>
  organisationIds.length === 0
    ? []
    : db
        .selectFrom('invoices')
        .select([...INVOICE_COLUMNS, ...STORED])
        .where('organisation_id', 'in', idsIn(db, organisationIds))
        .$narrowType<{ organisation_id: string }>()
        .execute();
