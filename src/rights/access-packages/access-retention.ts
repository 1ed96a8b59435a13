import type { Policy } from '../../policy/policy.ts';
import { type RetainedRecord, effectiveRetention } from '../../retention/rules/effective-retention.ts';
import { agreementDates, consentDates } from '../../retention/period-starts.ts';
import { RECORD_WORDS } from '../../retention/rules/record-words.ts';
import { type LegalHold, holdsOn } from '../../retention/legal-hold.repository.ts';
import type { SubjectRecords } from '../executors/subject-records.ts';
import type { Lang } from '../../shared/lang.ts';

/** One line of the retention table: a record, until when it is kept, and why (Art. 15(1)(d)). */
export interface RetentionLine {
  recordType: string;
  recordId: string;
  label: string;
  until: string | null;
  explanation: string;
}

/**
 * The effective retention of every record of the person, from effectiveRetention: the same function the
 * retention sweep and the statement ask, so the answer cannot promise another date than the one enforced.
 * Messages follow their case (the policy's rule counts from the case's closing), so a case stands for them.
 * The legal holds in force on the person (Art. 17(3)(e)) reach the records they name and show in the explanation.
 */
export function retentionLines(policy: Policy, r: SubjectRecords, lang: Lang, holds: LegalHold[] = []): RetentionLine[] {
  const line = (recordId: string, label: string, record: RetainedRecord): RetentionLine => {
    const held = holdsOn(holds, record.recordType, recordId).map((h) => ({ reason: h.reason, until: h.until }));
    const e = effectiveRetention(policy, held.length === 0 ? record : { ...record, holds: held });
    return { recordType: record.recordType, recordId, label, until: e.until, explanation: e.explanation[lang] };
  };
  const invoiceRecord = (i: SubjectRecords['invoices'][number]): RetainedRecord => ({
    recordType: 'invoice',
    dates: { completed_on: i.completed_on, issue_date: i.issue_date },
  });
  const messages = (caseId: string) => r.messages.filter((m) => m.case_id === caseId).length;
  const words = (type: keyof typeof RECORD_WORDS) => RECORD_WORDS[type][lang];
  return [
    line(r.subject.id, `${words('subject')} (${r.subject.reference})`, { recordType: 'subject', dates: {} }),
    ...r.agreements.map((a) =>
      line(a.id, `${words('agreement')} "${a.title}"`, {
        recordType: 'agreement',
        dates: agreementDates(a),
        linked: r.invoices.filter((i) => i.agreement_id === a.id && i.status !== 'draft').map(invoiceRecord),
      }),
    ),
    ...r.invoices.map((i) =>
      line(i.id, `${words('invoice')} ${i.number ?? (lang === 'nl' ? '(concept)' : '(draft)')}`, invoiceRecord(i)),
    ),
    ...r.cases.map((c) =>
      line(c.id, `${words('case')} ${c.reference} (${messages(c.id)} ${lang === 'nl' ? 'berichten' : 'messages'})`, {
        recordType: 'case',
        dates: { closed_at: c.closed_at, opened_at: c.opened_at },
      }),
    ),
    ...r.consents.map((c) =>
      line(c.id, `${words('consent')}: ${c.purpose}`, { recordType: 'consent', dates: consentDates(c, r) }),
    ),
  ];
}
