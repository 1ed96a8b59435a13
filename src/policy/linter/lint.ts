import type { Recipient } from '../../registers/recipient.schema.ts';
import { type PolicyProblem, readPolicyDocument, referenceProblems } from '../policy-document.ts';
import type { PolicyDocument } from '../policy.schema.ts';
import { RETENTION_LAW, retentionNotCarriedOut } from '../retention-rules.ts';
import type { Finding, LintRule } from './finding.ts';
import { bookkeepingWithoutFiscalRetention, shortRetentionOnBookkeeping } from './rules/bookkeeping-retention.ts';
import { fiscalRetentionNotFromBookYear } from './rules/fiscal-book-year.ts';
import { categoryNotRequiredByLaw } from './rules/category-not-required-by-law.ts';
import { consentCannotBeWithdrawn } from './rules/consent-withdrawal.ts';
import { consentForPurposeNotOnConsent } from './rules/consent-purposes.ts';
import { directMarketingWithoutGround } from './rules/direct-marketing.ts';
import { legitimateInterestNotStated } from './rules/legitimate-interest.ts';
import { genderOnInvoices } from './rules/gender-on-invoices.ts';
import { unknownLegalBasis } from './rules/legal-basis.ts';
import { processorWithoutAgreement } from './rules/processor-agreement.ts';
import { recipientBeyondPurpose } from './rules/recipient-beyond-purpose.ts';
import { recordWithoutRetention } from './rules/record-without-retention.ts';
import { registerDiffersFromPolicy } from './rules/register-drift.ts';
import { companyNotNamed } from './rules/company-not-named.ts';
import { storageProcessor } from './rules/storage-processor.ts';
import { transferWithoutSafeguard } from './rules/transfer-without-safeguard.ts';
import { categoryWithoutPurpose } from './rules/unused-category.ts';

/** Every rule of law the linter checks, in the order it reports them. */
export const RULES: readonly LintRule[] = [
  unknownLegalBasis,
  bookkeepingWithoutFiscalRetention,
  fiscalRetentionNotFromBookYear,
  shortRetentionOnBookkeeping,
  recordWithoutRetention,
  categoryNotRequiredByLaw,
  genderOnInvoices,
  categoryWithoutPurpose,
  consentCannotBeWithdrawn,
  consentForPurposeNotOnConsent,
  legitimateInterestNotStated,
  directMarketingWithoutGround,
  transferWithoutSafeguard,
  recipientBeyondPurpose,
  processorWithoutAgreement,
  storageProcessor,
  companyNotNamed,
  registerDiffersFromPolicy,
];

export interface LintOptions {
  /** The register of recipients; leave out to lint the policy alone. */
  register?: Recipient[] | null;
  /** YYYY-MM-DD: the day the policy is linted on, from the caller's clock. */
  today: string;
}

/** Lints a policy document that passed the schema; errors first, then warnings, each in rule order. */
export function lintDocument(document: PolicyDocument, options: LintOptions): Finding[] {
  const input = { document, register: options.register ?? null, today: options.today };
  return bySeverity(RULES.flatMap((rule) => rule.check(input)));
}

/**
 * Lints policy text as `kluis policy check` sees it: YAML syntax and schema problems are errors and stop
 * there; names the policy uses but does not declare, and retention rules nothing carries out, are errors too,
 * and the rules of law still run, so a file the loader refuses is explained as fully as one it accepts.
 */
export function lintPolicyText(text: string, options: LintOptions): { document: PolicyDocument | null; findings: Finding[] } {
  const { document, problems } = readPolicyDocument(text);
  if (document === null) {
    const id = problems.some((p) => p.path.startsWith('line ')) ? 'yaml-syntax' : 'schema';
    return { document: null, findings: problems.map((p) => asError(id, p)) };
  }
  const references = referenceProblems(document).map((p) => asError('unknown-reference', p));
  const retention = retentionNotCarriedOut(document).map((p) => asError(p.code ?? 'unknown-reference', p, RETENTION_LAW));
  return { document, findings: bySeverity([...references, ...retention, ...lintDocument(document, options)]) };
}

const asError = (id: string, p: PolicyProblem, law: string | null = null): Finding => ({ id, severity: 'error', path: p.path, message: p.message, law });

function bySeverity(findings: Finding[]): Finding[] {
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
}
