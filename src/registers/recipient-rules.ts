import type { PolicyDocument } from '../policy/policy.schema.ts';
import type { Problem } from '../shared/parse.ts';
import { insideEea } from './eea.ts';

/** What the rules look at in a recipient, from the register or from the policy file. */
export interface RecipientTerms {
  purpose: string;
  categories: readonly string[];
  country: string;
  transferMechanism?: string | null | undefined;
}

/**
 * Purpose limitation (Art. 5(1)(b) GDPR) and P8: a recipient serves a purpose the policy declares and may
 * receive only categories the policy declares for that purpose.
 */
export function referenceProblems(policy: PolicyDocument, r: RecipientTerms): Problem[] {
  const problems: Problem[] = [];
  const purpose = Object.hasOwn(policy.purposes, r.purpose) ? policy.purposes[r.purpose] : undefined;
  if (purpose === undefined) problems.push({ path: 'purpose', message: `unknown purpose ${r.purpose}` });
  r.categories.forEach((c, i) => {
    if (!Object.hasOwn(policy.categories, c)) {
      problems.push({ path: `categories.${i}`, message: `unknown data category ${c}` });
    } else if (purpose !== undefined && !purpose.categories.includes(c)) {
      problems.push({ path: `categories.${i}`, message: `the purpose ${r.purpose} does not cover the data category ${c}` });
    }
  });
  return problems;
}

/** Art. 44-46 GDPR: a recipient outside the EEA needs a transfer mechanism. */
export function transferProblem(r: RecipientTerms): Problem | null {
  if (insideEea(r.country) || (r.transferMechanism !== null && r.transferMechanism !== undefined)) return null;
  return { path: 'transferMechanism', message: `${r.country} is outside the EEA: name the transfer mechanism (Art. 44-46 GDPR), e.g. dpv:StandardContractualClauses` };
}
