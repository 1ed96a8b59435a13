import { storageProcessors } from '../../../registers/recipient-rules.ts';
import type { LintRule } from '../finding.ts';

const ID = 'company-not-named';
const LAW = 'Art. 13(1)(e), 14(1)(e) GDPR; P9';

/**
 * WARNING: a recipient that needs no notice per disclosure (its statement line names the company, as for the
 * accounting firm) while the register names no company of it. The statement can then only name a category, so
 * the person does not learn which company gets the data: until the register holds the company (legal name, KvK
 * number), each disclosure to it is told to the person in advance, and a fiscal export to it is refused.
 */
export const companyNotNamed: LintRule = {
  id: ID,
  check({ document, register }) {
    const storage = storageProcessors(document);
    return (register ?? [])
      .filter((r) => r.active && !r.noticePerDisclosure && r.role !== 'authority' && !storage.has(r.id) && !r.companies.some((c) => c.active))
      .map((r) => ({
        id: ID,
        severity: 'warning' as const,
        path: `register:recipient/${r.id}`,
        message: `${r.id} needs no notice per disclosure because the statement names it, but the register names no company of it: add the company (POST /api/registers/recipients/${r.id}/companies, legal name and KvK number); until then every disclosure to it is told to the person in advance and a fiscal export is refused`,
        law: LAW,
      }));
  },
};
