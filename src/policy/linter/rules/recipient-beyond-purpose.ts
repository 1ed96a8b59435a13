import { referenceProblems } from '../../../registers/recipient-rules.ts';
import type { Finding, LintRule } from '../finding.ts';

const ID = 'recipient-beyond-purpose';
const LAW = 'Art. 5(1)(b) GDPR (purpose limitation); P8';

/**
 * ERROR: a recipient that may receive a category its purpose does not cover, or (in the register) that
 * names a purpose or category the policy no longer declares. Such a disclosure has no declared purpose.
 */
export const recipientBeyondPurpose: LintRule = {
  id: ID,
  check({ document, register }) {
    const findings: Finding[] = [];
    // Unknown names in the file are reported by the loader's reference check; here only what it allows.
    document.recipients.forEach((r, i) => {
      const purposes = r.purposes.filter((id) => Object.hasOwn(document.purposes, id));
      if (purposes.length === 0) return;
      r.categories.forEach((c, j) => {
        if (Object.hasOwn(document.categories, c) && !purposes.some((id) => document.purposes[id]?.categories.includes(c) === true)) {
          const which = purposes.length === 1 ? `its purpose ${purposes[0] ?? ''} does` : `none of its purposes ${purposes.join(', ')} do`;
          findings.push({ id: ID, severity: 'error', path: `recipients[${i}].categories[${j}]`, message: `the recipient ${r.id} may receive ${c}, which ${which} not cover`, law: LAW });
        }
      });
    });
    for (const r of register ?? []) {
      if (!r.active) continue;
      for (const p of referenceProblems(document, r)) {
        findings.push({ id: ID, severity: 'error', path: `register:recipient/${r.id}`, message: `the recipient ${r.id} in the register: ${p.message}`, law: LAW });
      }
    }
    return findings;
  },
};
