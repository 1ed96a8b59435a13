import type { Finding, LintRule } from '../finding.ts';

const ID = 'consent-cannot-be-withdrawn';
const LAW = 'Art. 7(3) GDPR';

/**
 * ERROR: a purpose based on consent with no way to record or withdraw that consent: consent records are
 * not processed for the purpose, or no role may modify them. Withdrawing must be as easy as giving.
 */
export const consentCannotBeWithdrawn: LintRule = {
  id: ID,
  check({ document }) {
    const findings: Finding[] = [];
    const withdrawers = Object.entries(document.roles).filter(([, r]) => r.may.some((g) => g.records.includes('consent') && g.operations.includes('modify')));
    for (const [id, purpose] of Object.entries(document.purposes)) {
      if (purpose.legalBasis !== 'dpv:Consent') continue;
      if (!document.records.consent.purposes.includes(id)) {
        findings.push({ id: ID, severity: 'error', path: `records.consent.purposes`, message: `the purpose ${id} rests on consent, but consent records are not kept for it: a consent can be neither shown (Art. 7(1)) nor withdrawn`, law: LAW });
      }
      if (withdrawers.length === 0) {
        findings.push({ id: ID, severity: 'error', path: `purposes.${id}`, message: `the purpose ${id} rests on consent, but no role may modify consent records, so nobody can record a withdrawal`, law: LAW });
      }
    }
    return findings;
  },
};
