import { AGREEMENT_STATUSES, type AgreementStatus } from '../db/tables/records.ts';
import { calendarDay } from '../shared/business-day.ts';
import { END_OF_RELATIONSHIP } from '../policy/retention-dates.ts';

type Dates = Partial<Record<string, string | null>>;

/** What retention reads of an agreement or quote to know when it ended. */
export interface AgreementEnds {
  status: string;
  start_date: string | null;
  end_date: string | null;
  updated_at: string;
}

/** What retention reads of a person's records to know when the customer relationship ended. */
export interface RelationshipRecords {
  agreements: AgreementEnds[];
  invoices: { status: string; issue_date: string | null; completed_on: string | null }[];
  cases: { closed_at: string | null }[];
}

const isStatus = (s: string): s is AgreementStatus => (AGREEMENT_STATUSES as readonly string[]).includes(s);
const day = calendarDay;

/**
 * The day an agreement or quote ended, which its period counts from (P3: "daarna vernietigen wij deze gegevens
 * na twee jaren"; Art. 5(1)(e)); null while it runs. Every status the schema allows has a day, except a running
 * agreement: it is needed to perform it (Art. 6(1)(b)) until it ends.
 */
export function agreementEnd(a: AgreementEnds): string | null {
  // Kluis stores no validity date for a quote: the last change stands for the last day anything happened to it
  // (sent, answered, cancelled, or last worked on), so a quote nobody answered cannot live for ever.
  const lastChange = day(a.updated_at);
  // An unknown status cannot be judged: kept, as a running agreement is, rather than deleted by a guess.
  if (!isStatus(a.status)) return a.end_date;
  switch (a.status) {
    // Its end date, set when it ends (or in advance); an ended agreement always has one (agreement.service.ts).
    case 'active':
    case 'ended':
      return a.end_date;
    // An accepted quote is the agreement of a one-off order: it ended on the end date staff gave it, or else
    // on its last change (the acceptance, or later work on it). Invoiced work keeps it longer, through the invoice.
    case 'accepted':
      return a.end_date ?? lastChange;
    // No agreement came of it (a draft never sent, a quote never answered, rejected or cancelled): it was needed
    // only while it might still lead to one, so it ended on its last change. A planned end date further on does
    // not postpone that: an agreement cancelled before its planned end ended when it was cancelled.
    case 'draft':
    case 'sent':
    case 'rejected':
    case 'cancelled':
      return a.end_date !== null && a.end_date < lastChange ? a.end_date : lastChange;
  }
}

/** The dates retention counts an agreement or quote from: its start, and its end as `agreementEnd` gives it. */
export const agreementDates = (a: AgreementEnds): Dates => ({ start_date: a.start_date, end_date: agreementEnd(a) });

/**
 * The end of the customer relationship a consent belongs to: the last of the consent's own dates (given,
 * withdrawn) and the ends of the person's agreements and quotes, issued invoices (the order completed) and
 * cases; null while one of them still runs (a running agreement, an open case, an invoice not yet issued).
 * Art. 7(1): we must be able to show the consent as long as what we did under it can be questioned, so its
 * period starts when the relationship ended, or at its withdrawal if that came later.
 */
export function relationshipEnd(
  consent: { given_at: string; withdrawn_at: string | null },
  others: RelationshipRecords,
): string | null {
  let last = day(consent.withdrawn_at ?? consent.given_at);
  const reach = (end: string | null): boolean => {
    if (end === null) return false;
    if (day(end) > last) last = day(end);
    return true;
  };
  for (const a of others.agreements) if (!reach(agreementEnd(a))) return null;
  for (const c of others.cases) if (!reach(c.closed_at)) return null;
  for (const i of others.invoices) if (!reach(i.status === 'draft' ? null : (i.completed_on ?? i.issue_date))) return null;
  return last;
}

/** The dates retention counts a consent from: given, withdrawn, and the end of the relationship. */
export const consentDates = (c: { given_at: string; withdrawn_at: string | null }, others: RelationshipRecords): Dates => ({
  given_at: c.given_at,
  withdrawn_at: c.withdrawn_at,
  [END_OF_RELATIONSHIP]: relationshipEnd(c, others),
});
