import type { ProcessorAgreementRow, RecipientRow } from '../db/types.ts';
import { disclosureRefused, validationFailed } from '../errors.ts';
import { LEGAL_BASES, termWords } from '../policy/dpv-terms.ts';
import type { Policy, RecordType } from '../policy/policy.ts';

/**
 * The records each data category is read from when Kluis makes the export, so the guard checks the role on
 * every record type a disclosure reaches. A category the policy declares beyond these can only be recorded
 * as handed over another way.
 */
const CATEGORY_RECORDS: Readonly<Record<string, readonly RecordType[]>> = {
  'user.name': ['subject'],
  'user.gender': ['subject'],
  'user.contact.email': ['subject'],
  'user.contact.phone_number': ['subject'],
  'user.contact.address': ['subject'],
  'user.account.reference': ['subject'],
  'user.financial.invoice': ['invoice'],
  'user.contract': ['agreement'],
  'user.correspondence': ['case', 'message'],
  'user.consent': ['consent'],
};

export const exportable = (category: string): boolean => Object.hasOwn(CATEGORY_RECORDS, category);

/** The record types besides the subject that a disclosure of these categories reads, for the guard. */
export function includedRecords(categories: readonly string[]): RecordType[] {
  const types = new Set(categories.flatMap((c) => (exportable(c) ? (CATEGORY_RECORDS[c] ?? []) : [])));
  types.delete('subject');
  return [...types];
}

/** Every category must be one the policy declares; an export only of categories Kluis can export. */
export function checkCategories(policy: Policy, categories: readonly string[], mode: 'export' | 'recorded'): void {
  const problems = categories.flatMap((c, i) => {
    if (!Object.hasOwn(policy.document.categories, c)) return [{ path: `categories.${i}`, message: `unknown data category ${c}` }];
    if (mode === 'export' && !exportable(c)) return [{ path: `categories.${i}`, message: `Kluis cannot export ${c}: record the hand-over instead (mode recorded)` }];
    return [];
  });
  if (problems.length > 0) throw validationFailed(`Invalid categories: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

/**
 * P8 and Art. 28(3): a disclosure goes only to an active recipient of the register, only of categories it is
 * registered for, and to a processor only under a processor agreement in force (signed, not expired, not
 * superseded) on `today`. Throws the refusal; returns the recipient and the agreement that covers it.
 */
export function requireRegistered(
  recipientId: string,
  recipient: RecipientRow | undefined,
  agreement: ProcessorAgreementRow | undefined,
  categories: readonly string[],
  today: string,
): { recipient: RecipientRow; agreement: ProcessorAgreementRow | undefined } {
  if (recipient === undefined) {
    throw disclosureRefused('recipient_unknown', `${recipientId} is not a recipient of the register: we give personal data to no one else (P8)`);
  }
  if (recipient.active !== 1) throw disclosureRefused('recipient_retired', `${recipientId} is retired from the register and receives no data`);
  const registered = JSON.parse(recipient.categories) as string[];
  const outside = categories.filter((c) => !registered.includes(c));
  if (outside.length > 0) {
    throw disclosureRefused('category_not_registered', `${recipientId} is not registered to receive ${outside.join(', ')} (P8)`, { categories: outside, registered });
  }
  if (recipient.role !== 'processor') return { recipient, agreement: undefined };
  if (agreement === undefined || agreement.signed_on > today) {
    throw disclosureRefused('processor_agreement_missing', `${recipientId} is a processor without a processor agreement in force (Art. 28(3) GDPR)`);
  }
  if (agreement.expires_on !== null && agreement.expires_on < today) {
    throw disclosureRefused('processor_agreement_expired', `The processor agreement ${agreement.document_reference} with ${recipientId} expired on ${agreement.expires_on} (Art. 28(3) GDPR)`, {
      agreement: agreement.id,
    });
  }
  return { recipient, agreement };
}

/** The legal ground of a disclosure to a recipient: its purpose's basis, and the agreement of a processor. */
export function legalGround(policy: Policy, recipient: RecipientRow, agreement: ProcessorAgreementRow | undefined): string {
  const purpose = Object.hasOwn(policy.document.purposes, recipient.purpose) ? policy.document.purposes[recipient.purpose] : undefined;
  const basis = purpose === undefined ? recipient.purpose : termWords(LEGAL_BASES, purpose.legalBasis).en + (purpose.legalReference === undefined ? '' : `; ${purpose.legalReference}`);
  switch (recipient.role) {
    case 'processor':
      return `${basis}; processor under agreement ${agreement?.document_reference ?? '?'} (Art. 28(3) GDPR)`;
    case 'controller':
      return `${basis}; to an independent controller`;
    default:
      return basis;
  }
}
