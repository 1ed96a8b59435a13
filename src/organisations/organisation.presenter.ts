import type { OrganisationAddressRow, OrganisationRow } from '../db/types.ts';
import type { ContactRow } from './organisation.repository.ts';
import type { Contact, Organisation } from './organisation.schema.ts';

/** Whether the organisation's own data is personal data: a sole trader's or partnership's is its owners' (docs/organisations.md). */
export const isPersonalData = (kind: string): boolean => kind !== 'legal_entity';

export function presentOrganisation(row: OrganisationRow, addresses: OrganisationAddressRow[]): Organisation {
  return {
    id: row.id,
    reference: row.reference,
    name: row.name,
    kind: row.kind,
    personalData: isPersonalData(row.kind),
    kvkNumber: row.kvk_number,
    vatNumber: row.vat_number,
    email: row.email,
    phone: row.phone,
    addresses: addresses.map((a) => ({
      kind: a.kind,
      street: a.street,
      postalCode: a.postal_code,
      city: a.city,
      country: a.country,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentContact(row: ContactRow): Contact {
  return {
    subjectId: row.subject_id,
    reference: row.reference,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    // SQLite and PostgreSQL both answer an integer column with a number; Number() also reads a bigint.
    owner: Number(row.owner) === 1,
    since: row.created_at,
  };
}
