import type { Policy } from '../policy/policy.ts';
import { retentionOf } from './rules/effective-retention.ts';
import { holdsOn } from './legal-hold.repository.ts';
import { agreementDates } from './period-starts.ts';
import { type RecordRetention, type SubjectRows, subjectRetention } from './retention-plan.ts';

/**
 * The first day only fiscal records keep a person: from then on their e-mail address, phone number, gender and
 * addresses go, and the subject keeps only its name and customer reference, which the invoices are filed under
 * (the invoices carry their own billing name and address). The statement destroys name and contact details two
 * years after the agreement (P3); the fiscal duty (AWR art. 52, BW 2:10) keeps the invoices, not the means to
 * reach the person (Art. 5(1)(c) and (e)). The same reduction an erasure that keeps invoices does.
 *
 * Null when there is nothing to reduce (no contact details left), when no issued invoice outlives the rest (the
 * subject then goes as a whole), or while something else still needs the person: the period of each agreement
 * or quote counted from its own end (not through its invoices), of each issued invoice as the order it bills
 * (the contract rule counted from its completion, so a customer who only ordered is kept as long as one with an
 * agreement), of each case and consent, an invoice not yet issued, and every legal hold, whose end decides.
 */
export function reductionDay(policy: Policy, subjectId: string, rows: SubjectRows, retention?: RecordRetention[]): string | null {
  if (rows.subjects.get(subjectId)?.contact !== true) return null;
  const own = rows.bySubject.get(subjectId);
  if (own === undefined) return null;
  const holds = rows.holds.get(subjectId) ?? [];
  const computed = retention ?? subjectRetention(policy, subjectId, rows);
  const untilOf = new Map(computed.map((r) => [r.id, r.until]));

  const needs: (string | null)[] = holdsOn(holds, 'subject', subjectId).map((h) => h.until);
  for (const a of own.agreements)
    needs.push(
      retentionOf(policy, { recordType: 'agreement', dates: agreementDates(a), holds: holdsOn(holds, 'agreement', a.id) }).until,
    );
  for (const i of own.invoices) {
    if (i.status === 'draft') return null;
    const order = {
      recordType: 'agreement' as const,
      dates: { end_date: i.completed_on ?? i.issue_date },
      holds: holdsOn(holds, 'invoice', i.id),
    };
    needs.push(retentionOf(policy, order).until);
  }
  for (const c of [...own.cases, ...own.consents]) needs.push(untilOf.get(c.id) ?? null);
  if (needs.includes(null)) return null;
  const day = (needs as string[]).sort().at(-1) ?? null;
  if (day === null) return null;

  // Only worth doing when an issued invoice is still kept on that day; otherwise the person goes as a whole.
  const fiscal = own.invoices.map((i) => untilOf.get(i.id) ?? null);
  return fiscal.some((until) => until === null || until > day) ? day : null;
}
