import type { Policy } from '../policy/policy.ts';

export interface Measure {
  /** The policy's security measure; null: the BEVEILIGING section's promise as a whole. */
  id: string | null;
  description: { nl: string; en: string };
}

// The opening promise of BEVEILIGING, for checks that serve it rather than one listed measure.
const SECTION: Measure['description'] = {
  nl: 'passende beveiligingsmaatregelen tegen misbruik en ongeautoriseerde toegang, regelmatig gecontroleerd',
  en: 'appropriate security measures against misuse and unauthorised access, checked regularly',
};

/** The measure of the statement a check supports, in the policy's words; a measure the policy lacks reads as the section's promise. */
export function measureOf(policy: Policy, id: string | null): Measure {
  const measure = id === null ? undefined : policy.document.security.find((s) => s.id === id);
  return measure === undefined ? { id, description: SECTION } : { id, description: measure.description };
}
