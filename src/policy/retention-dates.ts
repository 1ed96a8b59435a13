import type { RecordType } from './policy.schema.ts';

/**
 * A date no record stores: the day after the book year the record belongs to ends. AWR art. 52 lid 4 and BW 2:10
 * lid 3 (BW 3:15i for a sole trader) keep the books seven years, counted from the end of the book year, so
 * an invoice of 2 December 2026 may go on 1 January 2034, not seven years after its own date.
 */
export const END_OF_BOOK_YEAR = 'end_of_book_year';

/**
 * A date no record stores: the end of the customer relationship a consent belongs to (see period-starts.ts).
 * Art. 7(1) asks us to be able to show a consent as long as what was done under it can be questioned.
 */
export const END_OF_RELATIONSHIP = 'end_of_relationship';

/** The date that puts a record in its book year: an invoice belongs to the year of its invoice date. */
const BOOK_YEAR_DATE: Partial<Record<RecordType, string>> = { invoice: 'issue_date' };

/**
 * The first day after the book year of a record, YYYY-01-01; null while the record has no such date (a draft
 * invoice has no invoice date yet). The book year is the calendar year, as for nearly every small business.
 */
export function endOfBookYear(recordType: RecordType, dates: Partial<Record<string, string | null>>): string | null {
  const key = BOOK_YEAR_DATE[recordType];
  const date = key === undefined ? null : (dates[key] ?? null);
  if (date === null) return null;
  return `${String(Number(date.slice(0, 4)) + 1).padStart(4, '0')}-01-01`;
}

/**
 * The dates of each record type a retention rule may count from: the dates the sweep, the erasure and the
 * forecast compute a record's period from, and no others (the policy loader refuses the rest). A person's
 * details (subject) have none: they are kept while any of the person's records is and go with the last one.
 * A message is kept and deleted with its case, so it counts from the closing of its case and nothing else.
 */
export const RETENTION_DATES: Record<RecordType, readonly string[]> = {
  subject: [],
  agreement: ['start_date', 'end_date'],
  invoice: ['issue_date', 'completed_on', END_OF_BOOK_YEAR],
  case: ['opened_at', 'closed_at'],
  message: ['occurred_at', 'closed_at'],
  consent: ['given_at', 'withdrawn_at', END_OF_RELATIONSHIP],
};

/**
 * The links a rule's `linked` may follow: a linked record type, and the record types whose rule reaches it. An
 * agreement or quote behind an issued invoice is part of the bookkeeping and follows the invoice's rule; the
 * retention plan and the erasure link nothing else.
 */
export const LINKED_THROUGH: Partial<Record<RecordType, readonly RecordType[]>> = { agreement: ['invoice'] };

/** Words for the dates, as a statement or an explanation says them. */
export const DATE_WORDS: Record<string, { nl: string; en: string }> = {
  created_at: { nl: 'de registratie', en: 'registration' },
  updated_at: { nl: 'de laatste wijziging', en: 'the last change' },
  start_date: { nl: 'het begin van de overeenkomst', en: 'the start of the agreement' },
  end_date: { nl: 'het einde van de overeenkomst', en: 'the end of the agreement' },
  issue_date: { nl: 'de factuurdatum', en: 'the invoice date' },
  end_of_book_year: {
    nl: 'afloop van het boekjaar waarin de factuur is opgemaakt',
    en: 'the end of the book year in which the invoice was issued',
  },
  completed_on: { nl: 'de afronding van de bestelling of dienstverlening', en: 'completion of the order or service' },
  opened_at: { nl: 'de ontvangst van de vraag of klacht', en: 'receipt of the question or complaint' },
  closed_at: { nl: 'de afhandeling van de vraag of klacht', en: 'the case being closed' },
  occurred_at: { nl: 'het bericht', en: 'the message' },
  given_at: { nl: 'het geven van de toestemming', en: 'consent being given' },
  withdrawn_at: { nl: 'het intrekken van de toestemming', en: 'consent being withdrawn' },
  end_of_relationship: { nl: 'het einde van onze klantrelatie', en: 'the end of our customer relationship' },
};
