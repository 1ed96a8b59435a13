import type { ConsentRow } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import type { Consent } from './consent.schema.ts';

/** A consent as the API shows it, with whether its purpose rests on consent under the policy (else: history). */
export function presentConsent(row: ConsentRow, policy: Policy): Consent {
  return {
    id: row.id,
    subjectId: row.subject_id,
    purpose: row.purpose,
    givenAt: row.given_at,
    withdrawnAt: row.withdrawn_at,
    method: row.method,
    evidence: row.evidence,
    createdAt: row.created_at,
    restsOnConsent: policy.restsOnConsent(row.purpose),
  };
}
