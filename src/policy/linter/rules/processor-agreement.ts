import { processorParties } from '../../../registers/processor-parties.ts';
import type { LintRule } from '../finding.ts';

const ID = 'processor-without-agreement';

/**
 * ERROR: an active processor of the register (a processor company of a category, or a processor category naming
 * no companies) without a processor agreement in force, or with one that has expired. Art. 28(3) GDPR: processing
 * by a processor is governed by a contract; the statement promises "verwerkersovereenkomsten" (BEVEILIGING, P10).
 */
export const processorWithoutAgreement: LintRule = {
  id: ID,
  check({ register, today }) {
    return processorParties(register ?? []).flatMap((p) => {
      const a = p.agreement;
      if (a !== null && (a.expiresOn === null || a.expiresOn >= today)) return [];
      const message =
        a === null
          ? `the processor ${p.label} has no processor agreement in the register; record it (POST ${p.agreementPath}) or stop disclosing to it`
          : `the processor agreement ${a.documentReference} with ${p.label} expired on ${a.expiresOn}; record the renewed agreement`;
      const path = p.companyId === null ? `register:recipient/${p.recipientId}` : `register:recipient/${p.recipientId}/company/${p.companyId}`;
      return [{ id: ID, severity: 'error' as const, path, message, law: 'Art. 28(3) GDPR' }];
    });
  },
};
