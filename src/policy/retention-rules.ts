import { LINKED_THROUGH, RETENTION_DATES } from './retention-dates.ts';
import type { PolicyProblem } from './policy-document.ts';
import type { PolicyDocument } from './policy.schema.ts';

/** The stable code of a retention rule that nothing would carry out; the loader refuses it. */
export const RETENTION_NOT_CARRIED_OUT = 'retention-not-carried-out';

/** Why such a rule is refused: the statement and the Art. 30 record would promise a period nobody keeps. */
export const RETENTION_LAW = 'Art. 5(1)(e) GDPR; Art. 13(2)(a) GDPR; Art. 30(1)(f) GDPR';

/**
 * Every retention rule the policy states must be one the sweep, the erasure and the forecast carry out: the
 * statement prints it as a promise (Art. 13(2)(a)) and the Art. 30 record as a time limit (Art. 30(1)(f)). What
 * they carry out is a rule on agreements, invoices, cases (with their messages) or consents, counting from a date
 * `RETENTION_DATES` names, linking only what `LINKED_THROUGH` links. Each problem names the rule.
 */
export function retentionNotCarriedOut(p: PolicyDocument): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const refuse = (path: string, message: string) => problems.push({ path, message, code: RETENTION_NOT_CARRIED_OUT });
  p.retention.forEach((rule, i) => {
    const at = `retention[${i}]`;
    if (rule.records.includes('subject')) {
      refuse(
        `${at}.records`,
        `the rule ${rule.id} names customer details (subject), which no rule deletes: a person's details are kept while any of their records is, and go with the last one; give those records a period instead`,
      );
    }
    if (rule.records.includes('message') && !rule.records.includes('case')) {
      refuse(`${at}.records`, `the rule ${rule.id} names messages without their case: a message is kept and deleted with its case, so name case and message together`);
    }
    for (const type of rule.records) {
      if (type === 'subject' || RETENTION_DATES[type].includes(rule.from)) continue;
      refuse(`${at}.from`, `the rule ${rule.id} counts from ${rule.from}, a date ${type} records do not have (they have ${RETENTION_DATES[type].join(', ')})`);
    }
    rule.linked?.forEach((type, j) => {
      const through = LINKED_THROUGH[type] ?? [];
      if (through.some((t) => rule.records.includes(t))) return;
      refuse(
        `${at}.linked[${j}]`,
        `the rule ${rule.id} links ${type} records, which follow no rule on ${rule.records.join(', ')} records: only an agreement or quote behind an invoice follows the invoice's rule`,
      );
    });
  });
  return problems;
}
