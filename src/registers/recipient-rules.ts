import type { PolicyDocument } from '../policy/policy.schema.ts';
import type { Problem } from '../shared/parse.ts';
import { insideEea } from './eea.ts';

/** What the rules look at in a recipient, from the register or from the policy file. */
export interface RecipientTerms {
  purposes: readonly string[];
  categories: readonly string[];
  country: string;
  transferMechanism?: string | null | undefined;
}

/**
 * Purpose limitation (Art. 5(1)(b) GDPR) and P8: a recipient serves purposes the policy declares and may
 * receive only categories the policy declares for one of them.
 */
export function referenceProblems(policy: PolicyDocument, r: RecipientTerms): Problem[] {
  const problems: Problem[] = [];
  const known = r.purposes.filter((id) => Object.hasOwn(policy.purposes, id));
  r.purposes.forEach((id, i) => {
    if (!known.includes(id)) problems.push({ path: `purposes.${i}`, message: `unknown purpose ${id}` });
  });
  r.categories.forEach((c, i) => {
    if (!Object.hasOwn(policy.categories, c)) {
      problems.push({ path: `categories.${i}`, message: `unknown data category ${c}` });
    } else if (known.length > 0 && !known.some((id) => policy.purposes[id]?.categories.includes(c) === true)) {
      problems.push({
        path: `categories.${i}`,
        message: `${known.length === 1 ? `the purpose ${known[0] ?? ''} does` : `none of the purposes ${known.join(', ')} do`} not cover the data category ${c}`,
      });
    }
  });
  return problems;
}

/** Art. 44-46 GDPR: a recipient or company outside the EEA needs a transfer mechanism. */
export function transferProblem(r: Pick<RecipientTerms, 'country' | 'transferMechanism'>): Problem | null {
  if (insideEea(r.country) || (r.transferMechanism !== null && r.transferMechanism !== undefined)) return null;
  return {
    path: 'transferMechanism',
    message: `${r.country} is outside the EEA: name the transfer mechanism (Art. 44-46 GDPR), e.g. dpv:StandardContractualClauses`,
  };
}

/**
 * The recipients that run a storage location of the policy as our processor (P6, Art. 28): they keep every
 * purpose's data, so nothing is handed to them per person and they are recipients of every activity.
 */
export function storageProcessors(policy: PolicyDocument): Set<string> {
  return new Set(policy.storage.flatMap((s) => (s.processor === undefined ? [] : [s.processor])));
}
