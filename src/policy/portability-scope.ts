import type { Policy, RecordType } from './policy.ts';
import { RECORD_TYPES } from './policy.schema.ts';
import { joinWords } from '../shared/words.ts';

// Art. 20(1)(a): the right covers processing based on consent (Art. 6(1)(a), 9(2)(a)) or on a contract (Art. 6(1)(b)).
const PORTABLE_BASES: ReadonlySet<string> = new Set(['dpv:Consent', 'dpv:Contract']);

/** The purposes of the policy whose legal basis is consent or a contract, in the policy's order. */
export function portablePurposes(policy: Policy): string[] {
  return Object.entries(policy.document.purposes)
    .filter(([, p]) => PORTABLE_BASES.has(p.legalBasis))
    .map(([id]) => id);
}

/**
 * What Art. 20 reaches of a record type: the categories it holds that a portable purpose processes, when the
 * record type serves such a purpose at all. Invoices, kept under a legal obligation (Art. 6(1)(c)), reach
 * nothing; neither does a category only a legitimate interest or a legal obligation processes.
 */
export function portableCategoriesOf(policy: Policy, recordType: RecordType): Set<string> {
  const purposes = portablePurposes(policy);
  const record = policy.document.records[recordType];
  if (!record.purposes.some((p) => purposes.includes(p))) return new Set();
  const processed = new Set(purposes.flatMap((p) => policy.document.purposes[p]?.categories ?? []));
  return new Set(record.categories.filter((c) => processed.has(c)));
}

/** The purpose a portability processing of the person's records is logged under: the first portable one of the subject. */
export function portabilityPurpose(policy: Policy): string | undefined {
  const purposes = portablePurposes(policy);
  return policy.purposesOf('subject').find((p) => purposes.includes(p));
}

/** The portable purposes by name, as a letter or the package says them: "a, b and c". */
export function portablePurposeNames(policy: Policy, lang: 'nl' | 'en'): string {
  const names = portablePurposes(policy).map((p) => policy.document.purposes[p]?.name[lang] ?? p);
  if (names.length === 0) return lang === 'nl' ? 'een overeenkomst met u of met uw toestemming' : 'an agreement with you or with your consent';
  return joinWords(names, lang);
}

/** Every category Art. 20 reaches in this policy, as the statement and the package's description name them. */
export function portableCategories(policy: Policy): string[] {
  const all = new Set(RECORD_TYPES.flatMap((t) => [...portableCategoriesOf(policy, t)]));
  return Object.keys(policy.document.categories).filter((c) => all.has(c));
}
