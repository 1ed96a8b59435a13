type Text = { nl: string; en: string };

/** The W3C DPV legal bases a policy may name, with the point of Art. 6(1) GDPR each one is. */
export const LEGAL_BASES: Readonly<Record<string, Text>> = {
  'dpv:Consent': { nl: 'toestemming (art. 6 lid 1 sub a AVG)', en: 'consent (Art. 6(1)(a) GDPR)' },
  'dpv:Contract': { nl: 'uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)', en: 'performance of a contract (Art. 6(1)(b) GDPR)' },
  'dpv:LegalObligation': { nl: 'wettelijke verplichting (art. 6 lid 1 sub c AVG)', en: 'legal obligation (Art. 6(1)(c) GDPR)' },
  'dpv:VitalInterest': { nl: 'vitaal belang (art. 6 lid 1 sub d AVG)', en: 'vital interests (Art. 6(1)(d) GDPR)' },
  'dpv:PublicTask': { nl: 'taak van algemeen belang (art. 6 lid 1 sub e AVG)', en: 'public task (Art. 6(1)(e) GDPR)' },
  'dpv:LegitimateInterest': { nl: 'gerechtvaardigd belang (art. 6 lid 1 sub f AVG)', en: 'legitimate interests (Art. 6(1)(f) GDPR)' },
};

/** The W3C DPV transfer mechanisms Kluis knows words for (Chapter V GDPR). */
export const TRANSFER_MECHANISMS: Readonly<Record<string, Text>> = {
  'dpv:AdequacyDecision': { nl: 'adequaatheidsbesluit (art. 45 AVG)', en: 'adequacy decision (Art. 45 GDPR)' },
  'dpv:StandardContractualClauses': { nl: 'modelcontractbepalingen (art. 46 lid 2 sub c AVG)', en: 'standard contractual clauses (Art. 46(2)(c) GDPR)' },
  'dpv:BindingCorporateRules': { nl: 'bindende bedrijfsvoorschriften (art. 47 AVG)', en: 'binding corporate rules (Art. 47 GDPR)' },
  'dpv:CertificationMechanismsForDataTransfers': { nl: 'certificering (art. 46 lid 2 sub f AVG)', en: 'certification (Art. 46(2)(f) GDPR)' },
  'dpv:CodesOfConductForDataTransfers': { nl: 'gedragscode (art. 46 lid 2 sub e AVG)', en: 'code of conduct (Art. 46(2)(e) GDPR)' },
};

/** The words for a DPV term, or the term itself when Kluis has none. */
export const termWords = (vocabulary: Readonly<Record<string, Text>>, term: string): Text =>
  Object.hasOwn(vocabulary, term) ? (vocabulary[term] as Text) : { nl: term, en: term };
