import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../test/harness.ts';
import { parsePolicy } from '../policy/policy.ts';
import type { LegalHold } from './legal-hold.repository.ts';
import { type SubjectRows, planSubject } from './retention-plan.ts';

const policy = parsePolicy(fs.readFileSync(POLICY_PATH, 'utf8'), 'policy');
const SUBJECT = '00000000-0000-4000-8000-000000000001';

/** A subject with no records left and the given holds on the whole of it. */
function rowsWith(holds: LegalHold[]): SubjectRows {
  return {
    agreements: [],
    invoices: [],
    cases: [],
    consents: [],
    subjects: new Map([[SUBJECT, { contact: true, reduce_on: null }]]),
    holds: new Map([[SUBJECT, holds]]),
    organisations: new Map(),
    organisationOwners: new Map(),
    bySubject: new Map([[SUBJECT, { agreements: [], invoices: [], cases: [], consents: [] }]]),
  };
}

const onSubject = (until: string | null): LegalHold => ({ recordType: 'subject', recordId: null, reason: 'Geschil', until });

// One rule for every reader of holds (issue 18): a hold keeps its records until the day it ends, as the erasure reads it.
describe('a hold on the whole subject in the retention plan', () => {
  it('keeps a subject with nothing left while it has no end or ends after the day planned for', () => {
    expect(planSubject(policy, SUBJECT, rowsWith([onSubject(null)]), '2027-03-01').held).toBe(true);
    expect(planSubject(policy, SUBJECT, rowsWith([onSubject('2027-03-02')]), '2027-03-01').held).toBe(true);
  });

  it('keeps it no longer from the day the hold ends', () => {
    expect(planSubject(policy, SUBJECT, rowsWith([onSubject('2027-03-01')]), '2027-03-01').held).toBe(false);
    expect(planSubject(policy, SUBJECT, rowsWith([onSubject('2026-01-01')]), '2027-03-01').held).toBe(false);
    expect(planSubject(policy, SUBJECT, rowsWith([]), '2027-03-01')).toEqual({ due: [], remaining: 0, held: false });
  });
});
