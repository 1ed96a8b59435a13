import type { ProcessorAgreementRow, RecipientHistoryRow, RecipientRow } from '../db/types.ts';
import { presentRecipient } from './recipient.repository.ts';
import { type AgreementHistory, type RecipientChange, recipientStateSchema } from './recipient.schema.ts';

/** A snapshot as it was written: before recipients could serve several purposes, it named one (`purpose`). */
type Snapshot = Omit<RecipientRow, 'purposes'> & { purposes?: string; purpose?: string };

export function presentChange(row: RecipientHistoryRow): RecipientChange {
  // A snapshot is the recipient row alone; agreements and companies have their own history lines.
  const snapshot = JSON.parse(row.snapshot) as Snapshot;
  const purposes = snapshot.purposes ?? JSON.stringify(snapshot.purpose === undefined ? [] : [snapshot.purpose]);
  const state = recipientStateSchema.parse(presentRecipient({ ...snapshot, purposes }, [], []));
  return { id: row.id, changedAt: row.changed_at, changedBy: row.changed_by, change: row.change, state };
}

export function presentAgreement(row: ProcessorAgreementRow): AgreementHistory {
  return {
    id: row.id,
    companyId: row.company_id,
    signedOn: row.signed_on,
    expiresOn: row.expires_on,
    documentReference: row.document_reference,
    createdAt: row.created_at,
    createdBy: row.created_by,
    supersededAt: row.superseded_at,
  };
}
