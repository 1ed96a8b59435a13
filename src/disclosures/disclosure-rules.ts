import { validationFailed } from '../errors.ts';
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
    if (!Object.hasOwn(policy.document.categories, c))
      return [{ path: `categories.${i}`, message: `unknown data category ${c}` }];
    if (mode === 'export' && !exportable(c))
      return [{ path: `categories.${i}`, message: `Kluis cannot export ${c}: record the hand-over instead (mode recorded)` }];
    return [];
  });
  if (problems.length > 0)
    throw validationFailed(`Invalid categories: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}
