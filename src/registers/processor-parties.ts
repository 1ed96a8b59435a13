import type { ProcessorAgreement, Recipient } from './recipient.schema.ts';

/** A processor the register must hold an agreement with (Art. 28(3)): a company of a category, or a recipient naming none. */
export interface ProcessorParty {
  recipientId: string;
  companyId: string | null;
  /** How reports name it: the recipient's id, or the company's legal name with its category. */
  label: string;
  /** Where the agreement is recorded through the API. */
  agreementPath: string;
  agreement: ProcessorAgreement | null;
}

/**
 * Every active processor of the register: the active processor companies of a category that names its
 * companies, else the category itself when it is a processor. A storage provider is one like any other.
 */
export function processorParties(register: readonly Recipient[]): ProcessorParty[] {
  return register
    .filter((r) => r.active)
    .flatMap((r): ProcessorParty[] => {
      const companies = r.companies.filter((c) => c.active);
      if (companies.length === 0) {
        return r.role === 'processor'
          ? [
              {
                recipientId: r.id,
                companyId: null,
                label: r.id,
                agreementPath: `/api/registers/recipients/${r.id}/agreements`,
                agreement: r.agreement,
              },
            ]
          : [];
      }
      return companies
        .filter((c) => c.role === 'processor')
        .map((c) => ({
          recipientId: r.id,
          companyId: c.id,
          label: `${c.legalName} (${r.id})`,
          agreementPath: `/api/registers/recipients/${r.id}/companies/${c.id}/agreements`,
          agreement: c.agreement,
        }));
    });
}
