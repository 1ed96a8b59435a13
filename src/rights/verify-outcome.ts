import type { ProofProblem } from './request-page-text.ts';
import type { ProofError } from './request-pages.ts';

// Post/redirect/get on the verify page (issue 19, part 6): a POST answers 303 to the page, so a reload shows the
// page again instead of trying the code again and using up one of its five attempts. What the page must say after
// the redirect goes in its address as one of the words below. That is the simplest way that is still secure: the
// word is no secret (it says "the code is not right", never the code, the invoice number or the total), a forged
// address can only show one of our own sentences, and the pages keep their promise of no cookies.

/** Why a proof was refused, as the page after the redirect shows it: the stable code, the HTTP status, the field. */
const PROBLEMS: Record<ProofProblem, { code: string; status: number; field?: ProofError['field'] }> = {
  codeFormat: { code: 'validation_failed', status: 400, field: 'code' },
  codeWrong: { code: 'validation_failed', status: 400, field: 'code' },
  knowledgeNumber: { code: 'validation_failed', status: 400, field: 'invoiceNumber' },
  knowledgeTotal: { code: 'validation_failed', status: 400, field: 'invoiceTotal' },
  knowledgeWrong: { code: 'validation_failed', status: 400, field: 'invoiceNumber' },
  knowledgeNotAccepted: { code: 'forbidden', status: 403, field: 'invoiceNumber' },
  knowledgeLocked: { code: 'rate_limited', status: 429, field: 'invoiceNumber' },
  used: { code: 'expired', status: 410 },
  expired: { code: 'expired', status: 410 },
  locked: { code: 'rate_limited', status: 429 },
  tooMany: { code: 'rate_limited', status: 429 },
  verifiedAlready: { code: 'conflict', status: 409 },
  referenceUnknown: { code: 'not_found', status: 404, field: 'reference' },
};

/** What happened, said on the page after the redirect: filed, a new code sent, or confirmed. */
export type VerifyOutcome = 'filed' | 'resent' | 'verified';
const OUTCOMES: readonly VerifyOutcome[] = ['filed', 'resent', 'verified'];

/** The refusal a problem word of the address stands for, with its status; undefined for anything else. */
export function problemOf(word: string | undefined): { error: ProofError; status: number } | undefined {
  if (word === undefined || !Object.hasOwn(PROBLEMS, word)) return undefined;
  const problem = word as ProofProblem;
  const { code, status, field } = PROBLEMS[problem];
  return { error: { code, problem, field }, status };
}

/** The outcome an address names; undefined for anything else. */
export const outcomeOf = (word: string | undefined): VerifyOutcome | undefined => OUTCOMES.find((o) => o === word);

/** The verify page's address after a POST: the reference, and the outcome or the problem to show. */
export function verifyAddress(
  path: string,
  reference: string | undefined,
  said: { outcome: VerifyOutcome } | { problem: ProofProblem },
): string {
  const query = new URLSearchParams(reference === undefined ? {} : { reference });
  if ('outcome' in said) query.set('outcome', said.outcome);
  else query.set('problem', said.problem);
  return `${path}?${query.toString()}`;
}
