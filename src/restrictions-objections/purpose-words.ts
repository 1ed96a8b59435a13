import { validationFailed } from '../errors.ts';
import type { Policy } from '../policy/policy.ts';

type Text = { nl: string; en: string };

/** The purpose a request names, checked against the policy; null when it names none. */
export function requestPurpose(policy: Policy, purpose: string | null): string | null {
  if (purpose === null) return null;
  if (!policy.hasPurpose(purpose)) {
    throw validationFailed(`The request names the purpose ${purpose}, which the policy does not declare`, [
      { path: 'purpose', message: `must be a purpose of the policy: ${Object.keys(policy.document.purposes).join(', ')}` },
    ]);
  }
  return purpose;
}

/** A purpose by its name in both languages; every purpose when null. */
export function purposeWords(policy: Policy, purpose: string | null): Text {
  if (purpose === null) return { nl: 'alle doelen', en: 'every purpose' };
  const name = policy.document.purposes[purpose]?.name ?? { nl: purpose, en: purpose };
  return { nl: `het doel "${name.nl}"`, en: `the purpose "${name.en}"` };
}
