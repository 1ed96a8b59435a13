import type { AgreementRow } from '../db/types.ts';
import type { Agreement } from './agreement.schema.ts';

export function presentAgreement(row: AgreementRow): Agreement {
  return {
    id: row.id,
    subjectId: row.subject_id,
    organisationId: row.organisation_id,
    contactId: row.contact_id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
