import { CONSENT_METHODS } from '../db/vocabulary.ts';
import { z } from 'zod';
import { timestamp } from '../shared/schema.ts';
import { systemClock } from '../shared/clock.ts';

export const consentMethod = z.enum(CONSENT_METHODS);

export const consentSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  purpose: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  method: consentMethod,
  evidence: z.string(),
  createdAt: z.string(),
  /**
   * Whether the purpose rests on consent under the policy (Art. 6(1)(a)). False: a consent recorded before for a
   * purpose on another basis, kept as history; withdrawing it would stop nothing, so the API refuses to.
   */
  restsOnConsent: z.boolean(),
});
export type Consent = z.infer<typeof consentSchema>;

// PostgreSQL text cannot hold NUL, and no evidence needs one: refuse it rather than fail on one dialect.
const withoutNul = (s: string) => !s.includes('\u0000');
const CLOCK_SKEW_MS = 5 * 60 * 1000;
// The schema lives at module level, also in the routes' validation, where no clock of the services reaches: the
// machine's clock, explicitly. The service records the time from its own clock.
const pastMoment = timestamp.refine(
  (t) => Date.parse(t) <= systemClock.now().getTime() + CLOCK_SKEW_MS,
  'must not be in the future',
);

/**
 * A consent as the person gave it. Art. 7(1): the controller must be able to demonstrate it, so the
 * evidence says what they agreed to, how, and where the proof is kept.
 */
export const newConsentSchema = z.strictObject({
  // Checked against the policy's purposes by the service.
  purpose: z.string().trim().min(1).max(50),
  givenAt: pastMoment,
  method: consentMethod,
  evidence: z.string().trim().min(1).max(5000).refine(withoutNul, 'must not contain NUL characters'),
});
export type NewConsent = z.input<typeof newConsentSchema>;

/** Art. 7(3): withdrawing is as easy as giving, so nothing is required; the moment defaults to now. */
export const withdrawalSchema = z.strictObject({
  withdrawnAt: pastMoment.optional(),
});
export type Withdrawal = z.input<typeof withdrawalSchema>;
