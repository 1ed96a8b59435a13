import type { Recipient } from '../../../registers/recipient.schema.ts';
import type { PolicyDocument } from '../../policy.schema.ts';
import type { Finding, LintRule } from '../finding.ts';

const ID = 'register-differs-from-policy';
const LAW = 'Art. 30(1)(d) GDPR; Art. 5(2) GDPR';

type PolicyRecipient = PolicyDocument['recipients'][number];

/**
 * WARNING: the policy file and the register of recipients disagree. The register is the truth once
 * seeded (the dpo keeps it with history), so an edit of the file does nothing until the register follows;
 * the statement and the Art. 30 register would otherwise tell two stories.
 */
export const registerDiffersFromPolicy: LintRule = {
  id: ID,
  check({ document, register }) {
    if (register === null) return [];
    const findings: Finding[] = [];
    document.recipients.forEach((p, i) => {
      const r = register.find((x) => x.id === p.id);
      const path = `recipients[${i}]`;
      if (r === undefined) {
        findings.push({ id: ID, severity: 'warning', path, message: `the recipient ${p.id} is in the policy file but not in the register`, law: LAW });
      } else if (!r.active) {
        findings.push({ id: ID, severity: 'warning', path, message: `the recipient ${p.id} is in the policy file but retired in the register`, law: LAW });
      } else {
        const fields = differences(p, r);
        if (fields.length > 0) {
          findings.push({ id: ID, severity: 'warning', path, message: `the recipient ${p.id} differs between the policy file and the register in: ${fields.join(', ')}`, law: LAW });
        }
        // The register may name more companies than the file (the dpo adds them); the file's own must be there.
        p.companies?.forEach((c, j) => {
          const kept = r.companies.find((x) => x.id === c.id);
          if (kept === undefined || !kept.active) {
            const state = kept === undefined ? 'not in the register' : 'retired in the register';
            findings.push({ id: ID, severity: 'warning', path: `${path}.companies[${j}]`, message: `the company ${c.id} of ${p.id} is in the policy file but ${state}`, law: LAW });
          }
        });
      }
    });
    for (const r of register) {
      if (r.active && !document.recipients.some((p) => p.id === r.id)) {
        findings.push({ id: ID, severity: 'warning', path: `register:recipient/${r.id}`, message: `the register has the recipient ${r.id} that the policy file does not name`, law: LAW });
      }
    }
    return findings;
  },
};

function differences(p: PolicyRecipient, r: Recipient): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const pairs: [string, unknown, unknown][] = [
    ['name', p.name, r.name],
    ['role', p.role, r.role],
    ['purposes', [...p.purposes].sort(), [...r.purposes].sort()],
    ['categories', [...p.categories].sort(), [...r.categories].sort()],
    ['country', p.country, r.country],
    ['transferMechanism', p.transferMechanism ?? null, r.transferMechanism],
    ['noticePerDisclosure', p.noticePerDisclosure, r.noticePerDisclosure],
    ['contactEmail', p.contactEmail ?? null, r.contactEmail],
  ];
  return pairs.filter(([, a, b]) => !same(a, b)).map(([name]) => name);
}
