import type { Finding, LintRule } from '../finding.ts';

const ID = 'consent-for-purpose-not-on-consent';
const LAW = 'Art. 6(1)(a) GDPR; Art. 7(3) GDPR; Art. 13(1)(c) GDPR';

/**
 * ERROR: consent records kept for a purpose that does not rest on consent (`records.consent.purposes`). Kluis records
 * a consent only for a purpose on consent; a consent for processing another basis carries would tell the person that
 * withdrawing it stops that processing, which is not so, and blurs which basis the statement gives (Art. 13(1)(c)).
 */
export const consentForPurposeNotOnConsent: LintRule = {
  id: ID,
  check({ document }) {
    const findings: Finding[] = [];
    document.records.consent.purposes.forEach((id, i) => {
      const purpose = Object.hasOwn(document.purposes, id) ? document.purposes[id] : undefined;
      if (purpose === undefined || purpose.legalBasis === 'dpv:Consent') return;
      findings.push({
        id: ID,
        severity: 'error',
        path: `records.consent.purposes[${i}]`,
        message: `consents would be recorded for ${id}, which rests on ${purpose.legalBasis}, not on consent: withdrawing one would not stop that processing; record consents only for purposes on dpv:Consent (leave the list empty when none is)`,
        law: LAW,
      });
    });
    return findings;
  },
};
