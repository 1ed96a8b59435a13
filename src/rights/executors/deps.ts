import type { Guard } from '../../guard/guard.ts';
import type { Policy } from '../../policy/policy.ts';
import type { ExecutionOutcome } from './executor.ts';
import type { DisclosureSource } from '../../disclosures/recipient-notice-queue.ts';
import type { Lang } from '../../shared/lang.ts';

/** What the executors use. */
export interface ExecutionDeps {
  guard: Guard;
  policy: Policy;
  /** Who received a person's data (Art. 19); the disclosure log when absent (tests give their own). */
  disclosures?: DisclosureSource;
}

export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'nl');

/** The outcome when the requester's identity matched nobody on file: we hold nothing to act on. */
export function nothingHeld(): ExecutionOutcome {
  return {
    summary: { nl: 'Wij hebben geen persoonsgegevens van u vastgelegd.', en: 'We hold no personal data about you.' },
    kept: [],
  };
}
