import type { CompanyRow, ProcessorAgreementRow, RecipientHistoryRow, RecipientRow } from '../db/types.ts';
import { agreementInForce, listCompaniesOf, listCompanyRows, presentCompany } from './company.repository.ts';
import type { Recipient } from './recipient.schema.ts';
import type { Executor } from '../db/executor.ts';

export const RECIPIENT_COLUMNS = [
  'id',
  'name_nl',
  'name_en',
  'role',
  'purposes',
  'categories',
  'country',
  'transfer_mechanism',
  'notice_per_disclosure',
  'contact_email',
  'active',
  'created_at',
  'updated_at',
] as const;
export const AGREEMENT_COLUMNS = [
  'id',
  'recipient_id',
  'company_id',
  'signed_on',
  'expires_on',
  'document_reference',
  'created_at',
  'created_by',
  'superseded_at',
] as const;

export const listRows = (db: Executor): Promise<RecipientRow[]> =>
  db.selectFrom('recipients').select(RECIPIENT_COLUMNS).orderBy('id').execute();

export const getRow = (db: Executor, id: string): Promise<RecipientRow | undefined> =>
  db.selectFrom('recipients').select(RECIPIENT_COLUMNS).where('id', '=', id).executeTakeFirst();

/** The agreements in force (not superseded), one per recipient and one per company at most. */
export const listCurrentAgreements = (db: Executor): Promise<ProcessorAgreementRow[]> =>
  db.selectFrom('processor_agreements').select(AGREEMENT_COLUMNS).where('superseded_at', 'is', null).execute();

export async function insertRow(db: Executor, row: RecipientRow): Promise<void> {
  await db.insertInto('recipients').values(row).execute();
}

/** Inserts the row unless one with its id exists; true when this call inserted it. */
export async function insertRowIfAbsent(db: Executor, row: RecipientRow): Promise<boolean> {
  const inserted = await db
    .insertInto('recipients')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function insertHistory(
  db: Executor,
  row: RecipientRow,
  change: string,
  changedBy: string,
  id: string,
): Promise<void> {
  await db
    .insertInto('recipient_history')
    .values({
      id,
      recipient_id: row.id,
      changed_at: row.updated_at,
      changed_by: changedBy,
      change,
      snapshot: JSON.stringify(row),
    })
    .execute();
}

/** What a new recipient row is made from: the policy file's entry or the dpo's input, which share this shape. */
export interface RecipientFields {
  id: string;
  name: { nl: string; en: string };
  role: RecipientRow['role'];
  purposes: string[];
  categories: string[];
  country: string;
  transferMechanism?: string | undefined;
  contactEmail?: string | undefined;
  noticePerDisclosure: boolean;
}

/** A new, active register row for a recipient. */
export function newRecipientRow(r: RecipientFields, now: string): RecipientRow {
  return {
    id: r.id,
    name_nl: r.name.nl,
    name_en: r.name.en,
    role: r.role,
    purposes: JSON.stringify(r.purposes),
    categories: JSON.stringify(r.categories),
    country: r.country,
    transfer_mechanism: r.transferMechanism ?? null,
    notice_per_disclosure: r.noticePerDisclosure ? 1 : 0,
    contact_email: r.contactEmail ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
}

/** Every recipient of the register, active or not, with its companies and the agreements in force. */
export async function listRecipients(db: Executor): Promise<Recipient[]> {
  const [rows, companies, agreements] = await Promise.all([listRows(db), listCompanyRows(db), listCurrentAgreements(db)]);
  return rows.map((row) =>
    presentRecipient(
      row,
      agreements,
      companies.filter((c) => c.recipient_id === row.id),
    ),
  );
}

/** One recipient with its companies and the agreements in force; undefined when the register has no such id. */
export async function getRecipient(db: Executor, id: string): Promise<Recipient | undefined> {
  const row = await getRow(db, id);
  if (row === undefined) return undefined;
  return presentRecipient(row, await listAgreements(db, id), await listCompaniesOf(db, id));
}

/** A recipient with the agreements in force among `agreements` (its own, and those of its companies). */
export function presentRecipient(
  row: RecipientRow,
  agreements: readonly ProcessorAgreementRow[],
  companies: readonly CompanyRow[],
): Recipient {
  return {
    id: row.id,
    name: { nl: row.name_nl, en: row.name_en },
    role: row.role,
    purposes: JSON.parse(row.purposes) as string[],
    categories: JSON.parse(row.categories) as string[],
    country: row.country,
    transferMechanism: row.transfer_mechanism,
    noticePerDisclosure: row.notice_per_disclosure === 1,
    contactEmail: row.contact_email,
    active: row.active === 1,
    agreement: agreementInForce(
      agreements.find((a) => a.recipient_id === row.id && a.company_id === null && a.superseded_at === null),
    ),
    companies: companies.map((c) =>
      presentCompany(
        c,
        agreements.find((a) => a.company_id === c.id && a.superseded_at === null),
      ),
    ),
  };
}

export async function updateRow(
  db: Executor,
  id: string,
  changes: Partial<Omit<RecipientRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('recipients').set(changes).where('id', '=', id).execute();
}

export const listHistory = (db: Executor, recipientId: string): Promise<RecipientHistoryRow[]> =>
  db
    .selectFrom('recipient_history')
    .select(['id', 'recipient_id', 'changed_at', 'changed_by', 'change', 'snapshot'])
    .where('recipient_id', '=', recipientId)
    .orderBy('changed_at', 'asc')
    .orderBy('id', 'asc')
    .execute();

/** Every agreement the recipient and its companies ever had, in force and superseded, oldest first. */
export const listAgreements = (db: Executor, recipientId: string): Promise<ProcessorAgreementRow[]> =>
  db
    .selectFrom('processor_agreements')
    .select(AGREEMENT_COLUMNS)
    .where('recipient_id', '=', recipientId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();

/** Ends the agreement in force of the recipient itself (company null) or of one of its companies. */
export async function supersedeAgreements(
  db: Executor,
  recipientId: string,
  companyId: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('processor_agreements')
    .set({ superseded_at: at })
    .where('recipient_id', '=', recipientId)
    .where('company_id', companyId === null ? 'is' : '=', companyId)
    .where('superseded_at', 'is', null)
    .execute();
}

/** The agreement in force of the recipient itself (company null) or of one of its companies. */
export const currentAgreement = (
  db: Executor,
  recipientId: string,
  companyId: string | null,
): Promise<ProcessorAgreementRow | undefined> =>
  db
    .selectFrom('processor_agreements')
    .select(AGREEMENT_COLUMNS)
    .where('recipient_id', '=', recipientId)
    .where('company_id', companyId === null ? 'is' : '=', companyId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();

export async function insertAgreement(db: Executor, row: ProcessorAgreementRow): Promise<void> {
  await db.insertInto('processor_agreements').values(row).execute();
}
