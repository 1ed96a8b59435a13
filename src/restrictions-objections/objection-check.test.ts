import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { POLICY_PATH } from '../../test/harness.ts';
import { type Policy, parsePolicy } from '../policy/policy.ts';
import type { PolicyDocument } from '../policy/policy.schema.ts';
import { isDirectMarketing, objectionApplies } from './objection-check.ts';

/** The default policy with a purpose added. */
function withPurpose(id: string, purpose: Partial<PolicyDocument['purposes'][string]>): Policy {
  const d = parse(fs.readFileSync(POLICY_PATH, 'utf8')) as PolicyDocument;
  d.purposes[id] = {
    name: { nl: 'Aanbiedingen', en: 'Offers' },
    kind: 'service',
    legalBasis: 'dpv:Consent',
    categories: ['user.name'],
    ...purpose,
  };
  d.records.subject.purposes.push(id);
  return parsePolicy(stringify(d));
}

describe('which purposes the right to object reaches (Art. 21)', () => {
  it('takes direct marketing from the declared kind, whatever the purpose is called (Art. 21(2)-(3))', () => {
    const declared = withPurpose('aanbiedingen', { kind: 'direct_marketing' });
    expect(isDirectMarketing(declared, 'aanbiedingen')).toBe(true);
    // On consent, Art. 21(1) would not apply; as direct marketing, objection is absolute (Art. 21(2)).
    expect(objectionApplies(declared, 'aanbiedingen')).toBe(true);
    const named = withPurpose('direct_marketing', { name: { nl: 'Direct marketing', en: 'Direct marketing' } });
    expect(isDirectMarketing(named, 'direct_marketing')).toBe(false);
    expect(objectionApplies(named, 'direct_marketing')).toBe(false);
  });

  it('reaches processing on a legitimate interest (Art. 6(1)(f)) and not on a contract or a legal obligation', () => {
    const policy = withPurpose('aanbiedingen', {});
    expect(objectionApplies(policy, 'correspondence')).toBe(true);
    expect(objectionApplies(policy, 'contract')).toBe(false);
    expect(objectionApplies(policy, 'invoicing')).toBe(false);
    expect(objectionApplies(policy, 'unknown')).toBe(false);
  });
});
