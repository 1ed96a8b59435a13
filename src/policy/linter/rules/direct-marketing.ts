import type { Finding, LintRule } from '../finding.ts';

const ID = 'direct-marketing-without-ground';
const NAMED_ID = 'direct-marketing-undeclared';
const LAW = 'Art. 21(2)-(3) GDPR; Telecommunicatiewet art. 11.7';
const MARKETING = /marketing|nieuwsbrief|newsletter|reclame|advertis/i;

/**
 * ERROR: a direct-marketing purpose that rests neither on consent nor on the soft opt-in for existing customers
 * (Telecommunicatiewet art. 11.7 lid 1-2: electronic marketing needs prior consent, except to one's own customers
 * for similar products, with an opt-out in every message; that processing rests on a legitimate interest).
 * WARNING: a purpose whose name says marketing but that does not declare `kind: direct_marketing`, so an objection
 * to it would not be treated as absolute (Art. 21(3)).
 */
export const directMarketingWithoutGround: LintRule = {
  id: ID,
  check({ document }) {
    const findings: Finding[] = [];
    for (const [id, purpose] of Object.entries(document.purposes)) {
      if (purpose.kind === 'direct_marketing') {
        const consent = purpose.legalBasis === 'dpv:Consent';
        const softOptIn = purpose.softOptIn === true && purpose.legalBasis === 'dpv:LegitimateInterest';
        if (!consent && !softOptIn) {
          findings.push({ id: ID, severity: 'error', path: `purposes.${id}`, message: `the direct-marketing purpose ${id} needs consent, or the soft opt-in for existing customers (softOptIn: true on a legitimate interest)`, law: LAW });
        }
      } else if (MARKETING.test(id) || MARKETING.test(purpose.name.en) || MARKETING.test(purpose.name.nl)) {
        findings.push({ id: NAMED_ID, severity: 'warning', path: `purposes.${id}.kind`, message: `the purpose ${id} is named as marketing but does not declare kind: direct_marketing, so an objection to it is not absolute`, law: 'Art. 21(3) GDPR' });
      }
    }
    return findings;
  },
};
