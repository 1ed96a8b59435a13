import type { Finding, LintRule } from '../finding.ts';

const ID = 'legitimate-interest-not-stated';
const LAW = 'Art. 13(1)(d) GDPR';

/**
 * ERROR: a purpose on a legitimate interest (Art. 6(1)(f)) that does not say which interest. The person must be
 * told the interests pursued (Art. 13(1)(d)); without them the statement cannot say it, nor can the person weigh
 * an objection (Art. 21(1)).
 */
export const legitimateInterestNotStated: LintRule = {
  id: ID,
  check({ document }) {
    const findings: Finding[] = [];
    for (const [id, purpose] of Object.entries(document.purposes)) {
      if (purpose.legalBasis !== 'dpv:LegitimateInterest' || purpose.legitimateInterest !== undefined) continue;
      findings.push({ id: ID, severity: 'error', path: `purposes.${id}`, message: `the purpose ${id} rests on a legitimate interest but does not say which (legitimateInterest, in Dutch and English)`, law: LAW });
    }
    return findings;
  },
};
