/**
 * The retention sweep's log entry names what it deleted in one line of words (the log is the audit trail and
 * stays as written). The back office shows it in the page's language: it reads the numbers back
 * (web/src/pages/retention/sweep-summary.ts), and test/sweep-summary.test.ts tests the two against each other,
 * so a new count cannot fall out of the page again.
 */
export interface SweepSummary {
  today: string;
  subjects: number;
  agreement: number;
  invoice: number;
  case: number;
  message: number;
  consent: number;
  subject: number;
  /** Sole traders and partnerships removed; entries written before there were any name none (0). */
  organisation: number;
  packages: number;
  reduced: number;
}

/** The reason of the sweep's log entry. */
export function sweepReason(s: SweepSummary): string {
  return `retention sweep on ${s.today}: ${s.subjects} subject(s); deleted ${s.agreement} agreement(s), ${s.invoice} invoice(s), ${s.case} case(s) with ${s.message} message(s), ${s.consent} consent(s), ${s.subject} subject(s), ${s.organisation} sole trader(s) or partnership(s), ${s.packages} expired access package(s); contact details of ${s.reduced} subject(s) reduced to what their invoices need`;
}
