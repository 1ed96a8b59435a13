import type { CompanyRow, ProcessorAgreementRow } from '../db/types.ts';
import type { Company, ProcessorAgreement } from './recipient.schema.ts';
import type { Executor } from '../db/executor.ts';

export const COMPANY_COLUMNS = [
  'id',
  'recipient_id',
  'legal_name',
  'kvk_number',
  'country',
  'role',
  'transfer_mechanism',
  'contact_email',
  'active',
  'created_at',
  'updated_at',
] as const;

/** Every company of the register, active or not, by category and id. */
export const listCompanyRows = (db: Executor): Promise<CompanyRow[]> =>
  db.selectFrom('recipient_companies').select(COMPANY_COLUMNS).orderBy('recipient_id').orderBy('id').execute();

export const listCompaniesOf = (db: Executor, recipientId: string): Promise<CompanyRow[]> =>
  db.selectFrom('recipient_companies').select(COMPANY_COLUMNS).where('recipient_id', '=', recipientId).orderBy('id').execute();

export const getCompany = (db: Executor, id: string): Promise<CompanyRow | undefined> =>
  db.selectFrom('recipient_companies').select(COMPANY_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Inserts the row unless one with its id exists; true when this call inserted it. */
export async function insertCompanyIfAbsent(db: Executor, row: CompanyRow): Promise<boolean> {
  const inserted = await db
    .insertInto('recipient_companies')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function updateCompany(
  db: Executor,
  id: string,
  changes: Partial<Omit<CompanyRow, 'id' | 'recipient_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('recipient_companies').set(changes).where('id', '=', id).execute();
}

/** What a new company row is made from: the policy file's entry or the dpo's input, which share this shape. */
export interface CompanyFields {
  id: string;
  legalName: string;
  kvkNumber?: string | undefined;
  country: string;
  role: CompanyRow['role'];
  transferMechanism?: string | undefined;
  contactEmail?: string | undefined;
}

/** A new, active company of the category `recipientId`. */
export function newCompanyRow(recipientId: string, c: CompanyFields, now: string): CompanyRow {
  return {
    id: c.id,
    recipient_id: recipientId,
    legal_name: c.legalName,
    kvk_number: c.kvkNumber ?? null,
    country: c.country,
    role: c.role,
    transfer_mechanism: c.transferMechanism ?? null,
    contact_email: c.contactEmail ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
}

export function presentCompany(row: CompanyRow, agreement: ProcessorAgreementRow | undefined): Company {
  return {
    id: row.id,
    legalName: row.legal_name,
    kvkNumber: row.kvk_number,
    country: row.country,
    role: row.role,
    transferMechanism: row.transfer_mechanism,
    contactEmail: row.contact_email,
    active: row.active === 1,
    agreement: agreementInForce(agreement),
  };
}

/** The API's view of an agreement in force; null when there is none. */
export function agreementInForce(agreement: ProcessorAgreementRow | undefined): ProcessorAgreement | null {
  return agreement === undefined
    ? null
    : {
        id: agreement.id,
        signedOn: agreement.signed_on,
        expiresOn: agreement.expires_on,
        documentReference: agreement.document_reference,
      };
}
