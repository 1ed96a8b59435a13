import path from 'node:path';
import { parse, stringify } from 'yaml';
import fs from 'node:fs';
import { type Policy, parsePolicy } from '../src/policy/policy.ts';
import type { PolicyDocument } from '../src/policy/policy.schema.ts';
import { POLICY_PATH } from './harness.ts';

/** Policies of two other small businesses, to try the policy file on (issue 15, item 20). */
export const BOOKKEEPER_POLICY = path.resolve(import.meta.dirname, 'policies/bookkeeper.yaml');
export const WEBSHOP_POLICY = path.resolve(import.meta.dirname, 'policies/webshop.yaml');

/** A policy file with one change, as YAML text again, checked by the loader. */
export function policyVariant(file: string, edit: (d: PolicyDocument) => void): Policy {
  return parsePolicy(variantText(file, edit), `${path.basename(file)} (variant)`);
}

/** The same, as text: for a file the loader may refuse. */
export function variantText(file: string, edit: (d: PolicyDocument) => void): string {
  const d = parse(fs.readFileSync(file, 'utf8')) as PolicyDocument;
  edit(d);
  return stringify(d);
}

/** The consent purpose `withConsentPurpose` adds: service messages by e-mail, which Sen ICT would ask consent for. */
export const CONSENT_PURPOSE = 'service-messages';

/**
 * Sen ICT's policy with one purpose that rests on consent, for tests that record consents: Sen ICT's own has
 * none, so Kluis refuses to record one under it (Art. 6(1)(a), 7(1) GDPR).
 */
export function withConsentPurpose(file = POLICY_PATH): Policy {
  return policyVariant(file, (d) => {
    d.categories['user.consent'] ??= { nl: 'gegeven toestemmingen', en: 'consents given' };
    d.purposes[CONSENT_PURPOSE] = {
      name: { nl: 'Storingsmeldingen en onderhoudsberichten', en: 'Outage and maintenance messages' },
      kind: 'service',
      legalBasis: 'dpv:Consent',
      categories: ['user.name', 'user.contact.email', 'user.consent'],
    };
    d.records.subject.purposes.push(CONSENT_PURPOSE);
    d.records.consent = { purposes: [CONSENT_PURPOSE], categories: ['user.consent'] };
  });
}
