import type { RecordType } from '../../policy/policy.schema.ts';

/** What each record type is called in statements, explanations and letters. */
export const RECORD_WORDS: Record<RecordType, { nl: string; en: string }> = {
  subject: { nl: 'klantgegevens', en: 'customer details' },
  agreement: { nl: 'overeenkomst of offerte', en: 'agreement or quote' },
  invoice: { nl: 'factuur', en: 'invoice' },
  case: { nl: 'vraag, klacht of verzoek', en: 'question, complaint or request' },
  message: { nl: 'bericht', en: 'message' },
  consent: { nl: 'toestemming', en: 'consent' },
};
