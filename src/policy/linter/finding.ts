import type { Recipient } from '../../registers/recipient.schema.ts';
import type { PolicyDocument } from '../policy.schema.ts';

export type Severity = 'error' | 'warning';

/** One thing the linter has to say about a policy: what, where, how bad, and which law says so. */
export interface Finding {
  /** The rule that found it, stable: `short-retention-on-bookkeeping`, `processor-without-agreement`, … */
  id: string;
  severity: Severity;
  /** A policy path (`retention[0]`, `records.invoice.categories[1]`), `register:recipient/<id>`, or a line and column. */
  path: string;
  /** What is wrong and what follows from it, in English. */
  message: string;
  /** The citation that makes it a problem; null for problems of the file itself (syntax, schema). */
  law: string | null;
}

/** What the rules look at: the policy document and, when a database is at hand, the register of recipients. */
export interface LintInput {
  document: PolicyDocument;
  /** The register of recipients; null when linting the file alone. */
  register: Recipient[] | null;
  /** Today, YYYY-MM-DD: agreements that expired before it are expired. */
  today: string;
}

/** A rule of law the linter checks; one small file each under rules/. */
export interface LintRule {
  id: string;
  check(input: LintInput): Finding[];
}
