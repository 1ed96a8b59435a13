import type { ConsentRow } from '../db/types.ts';
import type { Consent } from './consent.schema.ts';

export function presentConsent(row: ConsentRow): Consent {
  return {
    id: row.id,
    subjectId: row.subject_id,
    purpose: row.purpose,
    givenAt: row.given_at,
    withdrawnAt: row.withdrawn_at,
    method: row.method as Consent['method'],
    evidence: row.evidence,
    createdAt: row.created_at,
  };
}
