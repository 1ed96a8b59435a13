import type { AddressRow, SubjectRow } from '../db/types.ts';
import type { Subject } from './subject.schema.ts';

export function presentSubject(row: SubjectRow, addresses: AddressRow[]): Subject {
  return {
    id: row.id,
    reference: row.reference,
    firstName: row.first_name,
    lastName: row.last_name,
    gender: row.gender,
    email: row.email,
    phone: row.phone,
    language: row.language,
    addresses: addresses.map((a) => ({
      kind: a.kind,
      street: a.street,
      postalCode: a.postal_code,
      city: a.city,
      country: a.country,
    })),
    source: row.source,
    sourceOrganisation: row.source_organisation,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
