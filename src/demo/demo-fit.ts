import type { Actor } from '../guard/actor.ts';
import type { Operation, Policy, RecordType } from '../policy/policy.ts';

/**
 * What the demonstration data writes of each record type: the data categories, in the policy's fideslang-style
 * words, and the operations the seed performs. Consents only where the policy has a purpose on consent.
 */
const DEMO_NEEDS: { recordType: RecordType; categories: string[]; operations: Operation[]; what: string }[] = [
  {
    recordType: 'subject',
    categories: [
      'user.name',
      'user.contact.email',
      'user.contact.phone_number',
      'user.contact.address',
      'user.account.reference',
    ],
    operations: ['consult', 'collect'],
    what: 'customers with a name, e-mail address, phone number, postal address and customer reference',
  },
  { recordType: 'agreement', categories: ['user.contract'], operations: ['collect'], what: 'quotes and agreements' },
  {
    recordType: 'invoice',
    categories: ['user.name', 'user.contact.address', 'user.financial.invoice'],
    operations: ['collect', 'modify'],
    what: 'issued invoices with a billing name and address',
  },
  {
    recordType: 'case',
    categories: ['user.correspondence'],
    operations: ['collect', 'modify'],
    what: 'questions and complaints, some closed',
  },
  {
    recordType: 'message',
    categories: ['user.correspondence'],
    operations: ['collect', 'store'],
    what: 'mail received and sent',
  },
];
const DEMO_CONSENTS = {
  recordType: 'consent' as const,
  categories: ['user.consent'],
  operations: ['collect' as const],
  what: 'consents with their evidence',
};

/**
 * Everything the demonstration data would write that the policy does not allow: a category a record type does not
 * declare (P1, Art. 5(1)(b)), an operation the actor's role may not perform. Empty when the data fits; asked before
 * anything is written, so a policy the data does not fit leaves no records, log entries or invoice numbers behind.
 * The seed names no purpose of its own: each record goes under its type's first purpose, consents under the first
 * purpose on consent.
 */
export function demoMisfits(policy: Policy, actor: Actor): string[] {
  const needs = policy.consentPurposes().length > 0 ? [...DEMO_NEEDS, DEMO_CONSENTS] : DEMO_NEEDS;
  const misfits: string[] = [];
  for (const need of needs) {
    const declared = policy.document.records[need.recordType].categories;
    const missing = need.categories.filter((c) => !declared.includes(c));
    if (missing.length > 0)
      misfits.push(`it writes ${need.what}, but the policy declares no ${missing.join(', ')} for ${need.recordType} records`);
    const refused = need.operations.filter((o) => !policy.allows(actor.role, o, need.recordType));
    if (refused.length > 0)
      misfits.push(
        `it writes ${need.what}, but the role ${actor.role} may not ${refused.join(' or ')} ${need.recordType} records`,
      );
  }
  return misfits;
}
