import type { ProcessorAgreementRow, RecipientHistoryRow, RecipientRow } from '../db/types.ts';
import { presentRecipient } from './recipient.repository.ts';
import { type AgreementHistory, type RecipientChange, recipientStateSchema } from './recipient.schema.ts';

export function presentChange(row: RecipientHistoryRow): RecipientChange {
  // A snapshot is the recipient row alone; agreements have their own history.
  const state = recipientStateSchema.parse(presentRecipient(JSON.parse(row.snapshot) as RecipientRow, undefined));
  return { id: row.id, changedAt: row.changed_at, changedBy: row.changed_by, change: row.change, state };
}

export function presentAgreement(row: ProcessorAgreementRow): AgreementHistory {
  return {
    id: row.id,
    signedOn: row.signed_on,
    expiresOn: row.expires_on,
    documentReference: row.document_reference,
    createdAt: row.created_at,
    createdBy: row.created_by,
    supersededAt: row.superseded_at,
  };
}
