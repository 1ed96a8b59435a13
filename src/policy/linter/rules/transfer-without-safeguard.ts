import { insideEea } from '../../../registers/eea.ts';
import { storageWithoutSafeguard } from '../../policy-document.ts';
import type { Finding, LintRule } from '../finding.ts';

const ID = 'transfer-without-safeguard';
const LAW = 'Art. 44-46 GDPR';

/**
 * ERROR: personal data going outside the EEA without an adequacy decision or an appropriate safeguard:
 * a storage location (P6), a recipient in the policy file, or an active recipient of the register.
 */
export const transferWithoutSafeguard: LintRule = {
  id: ID,
  check({ document, register }) {
    const findings: Finding[] = storageWithoutSafeguard(document).map((p) => ({ id: ID, severity: 'error', path: p.path, message: p.message, law: LAW }));
    document.recipients.forEach((r, i) => {
      if (!insideEea(r.country) && r.transferMechanism === undefined) {
        findings.push({ id: ID, severity: 'error', path: `recipients[${i}]`, message: `the recipient ${r.id} is in ${r.country}, outside the EEA, and the policy names no transfer mechanism`, law: LAW });
      }
      r.companies?.forEach((c, j) => {
        if (!insideEea(c.country) && c.transferMechanism === undefined) {
          findings.push({ id: ID, severity: 'error', path: `recipients[${i}].companies[${j}]`, message: `the company ${c.id} of ${r.id} is in ${c.country}, outside the EEA, and the policy names no transfer mechanism`, law: LAW });
        }
      });
    });
    for (const r of register ?? []) {
      if (!r.active) continue;
      if (!insideEea(r.country) && r.transferMechanism === null) {
        findings.push({ id: ID, severity: 'error', path: `register:recipient/${r.id}`, message: `the recipient ${r.id} is in ${r.country}, outside the EEA, and the register names no transfer mechanism`, law: LAW });
      }
      for (const c of r.companies) {
        if (c.active && !insideEea(c.country) && c.transferMechanism === null) {
          findings.push({ id: ID, severity: 'error', path: `register:recipient/${r.id}/company/${c.id}`, message: `the company ${c.id} of ${r.id} is in ${c.country}, outside the EEA, and the register names no transfer mechanism`, law: LAW });
        }
      }
    }
    return findings;
  },
};
