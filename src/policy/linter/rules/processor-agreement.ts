import type { LintRule } from '../finding.ts';

const ID = 'processor-without-agreement';

/**
 * ERROR: an active processor of the register without a processor agreement in force, or with one that has
 * expired. Art. 28(3) GDPR: processing by a processor is governed by a contract; the statement promises
 * "verwerkersovereenkomsten" (BEVEILIGING, P10).
 */
export const processorWithoutAgreement: LintRule = {
  id: ID,
  check({ register, today }) {
    return (register ?? [])
      .filter((r) => r.active && r.role === 'processor')
      .flatMap((r) => {
        const a = r.agreement;
        if (a !== null && (a.expiresOn === null || a.expiresOn >= today)) return [];
        const message =
          a === null
            ? `the processor ${r.id} has no processor agreement in the register; record it (POST /api/registers/recipients/${r.id}/agreements) or stop disclosing to it`
            : `the processor agreement ${a.documentReference} with ${r.id} expired on ${a.expiresOn}; record the renewed agreement`;
        return [{ id: ID, severity: 'error' as const, path: `register:recipient/${r.id}`, message, law: 'Art. 28(3) GDPR' }];
      });
  },
};
