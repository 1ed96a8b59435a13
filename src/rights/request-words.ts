import type { Decision } from './request.schema.ts';
import type { RequestKind } from '../shared/request-kind.ts';
import type { Lang } from '../shared/lang.ts';
export type { Lang } from '../shared/lang.ts';

export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'nl');

/** Each kind of request as the person reads it. */
export const KIND_WORDS: Record<RequestKind, { nl: string; en: string }> = {
  access: { nl: 'inzage in uw persoonsgegevens (art. 15 AVG)', en: 'access to your personal data (Art. 15 GDPR)' },
  rectification: {
    nl: 'correctie of aanvulling van uw persoonsgegevens (art. 16 AVG)',
    en: 'rectification or completion of your personal data (Art. 16 GDPR)',
  },
  erasure: { nl: 'verwijdering van uw persoonsgegevens (art. 17 AVG)', en: 'erasure of your personal data (Art. 17 GDPR)' },
  restriction: { nl: 'beperking van de verwerking (art. 18 AVG)', en: 'restriction of processing (Art. 18 GDPR)' },
  portability: { nl: 'overdracht van uw gegevens (art. 20 AVG)', en: 'portability of your data (Art. 20 GDPR)' },
  objection: { nl: 'bezwaar tegen een verwerking (art. 21 AVG)', en: 'objection to a processing (Art. 21 GDPR)' },
  withdraw_consent: { nl: 'intrekking van uw toestemming (art. 7 lid 3 AVG)', en: 'withdrawal of your consent (Art. 7(3) GDPR)' },
  question: { nl: 'een vraag', en: 'a question' },
  complaint: { nl: 'een klacht', en: 'a complaint' },
};

/** Short labels for the form. */
export const KIND_LABELS: Record<RequestKind, { nl: string; en: string }> = {
  access: { nl: 'Inzage: welke gegevens hebben jullie van mij?', en: 'Access: what data do you hold about me?' },
  rectification: { nl: 'Correctie of aanvulling van mijn gegevens', en: 'Rectification or completion of my data' },
  erasure: { nl: 'Verwijdering van mijn gegevens', en: 'Erasure of my data' },
  restriction: { nl: 'Tijdelijk stopzetten van de verwerking (beperking)', en: 'Temporarily stop the processing (restriction)' },
  portability: {
    nl: 'Overdracht: de gegevens die ik jullie gaf, in een bestand voor mijzelf of voor een andere organisatie',
    en: 'Portability: the data I gave you, in a file for myself or for another organisation',
  },
  objection: { nl: 'Bezwaar tegen een bepaald gebruik', en: 'Objection to a particular use' },
  withdraw_consent: { nl: 'Toestemming intrekken', en: 'Withdraw my consent' },
  question: { nl: 'Een vraag of feedback', en: 'A question or feedback' },
  complaint: { nl: 'Een klacht over de verwerking', en: 'A complaint about the processing' },
};

export const DECISION_WORDS: Record<Decision, { nl: string; en: string }> = {
  granted: { nl: 'Wij hebben uw verzoek ingewilligd.', en: 'We have granted your request.' },
  partly_granted: { nl: 'Wij hebben uw verzoek gedeeltelijk ingewilligd.', en: 'We have granted your request in part.' },
  refused: { nl: 'Wij hebben uw verzoek afgewezen.', en: 'We have refused your request.' },
  manifestly_unfounded: {
    nl: 'Wij geven geen gevolg aan uw verzoek, omdat het kennelijk ongegrond is (art. 12 lid 5 AVG).',
    en: 'We will not act on your request, because it is manifestly unfounded (Art. 12(5) GDPR).',
  },
  excessive: {
    nl: 'Wij geven geen gevolg aan uw verzoek, omdat het buitensporig is (art. 12 lid 5 AVG).',
    en: 'We will not act on your request, because it is excessive (Art. 12(5) GDPR).',
  },
};
