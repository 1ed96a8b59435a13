import type { RecordType } from '../policy/policy.schema.ts';

/**
 * The dates of each record type a retention rule may count from. Messages count from the closing of
 * their case, so a message's dates include its case's `closed_at`.
 */
export const RETENTION_DATES: Record<RecordType, readonly string[]> = {
  subject: ['created_at', 'updated_at'],
  agreement: ['start_date', 'end_date'],
  invoice: ['issue_date', 'completed_on'],
  case: ['opened_at', 'closed_at'],
  message: ['occurred_at', 'closed_at'],
  consent: ['given_at', 'withdrawn_at'],
};

/** Words for the dates, as a statement or an explanation says them. */
export const DATE_WORDS: Record<string, { nl: string; en: string }> = {
  created_at: { nl: 'de registratie', en: 'registration' },
  updated_at: { nl: 'de laatste wijziging', en: 'the last change' },
  start_date: { nl: 'het begin van de overeenkomst', en: 'the start of the agreement' },
  end_date: { nl: 'het einde van de overeenkomst', en: 'the end of the agreement' },
  issue_date: { nl: 'de factuurdatum', en: 'the invoice date' },
  completed_on: { nl: 'de afronding van de bestelling of dienstverlening', en: 'completion of the order or service' },
  opened_at: { nl: 'de ontvangst van de vraag of klacht', en: 'receipt of the question or complaint' },
  closed_at: { nl: 'de afhandeling van de vraag of klacht', en: 'the case being closed' },
  occurred_at: { nl: 'het bericht', en: 'the message' },
  given_at: { nl: 'het geven van de toestemming', en: 'consent being given' },
  withdrawn_at: { nl: 'het intrekken van de toestemming', en: 'consent being withdrawn' },
};
