import type { LintRule } from '../finding.ts';
import { BOOKKEEPING_RECORDS } from './bookkeeping-retention.ts';

const GENDER = /(^|\.)gender$/;

/**
 * WARNING: gender kept on invoices under a purpose that is not a legal obligation (one that is: an error of
 * category-not-required-by-law). An invoice needs no gender (the VAT rules of art. 35a Wet OB ask for a
 * name and address), and the CJEU held that a title or gender is not necessary for performing a contract
 * nor, without more, a legitimate interest (C-394/23 Mousse, 9 January 2025): data minimisation.
 */
export const genderOnInvoices: LintRule = {
  id: 'gender-on-invoices',
  check({ document }) {
    for (const type of BOOKKEEPING_RECORDS) {
      const record = document.records[type];
      const inRecord = record.categories.findIndex((c) => GENDER.test(c));
      const purpose = record.purposes.find((p) => document.purposes[p]?.categories.some((c) => GENDER.test(c)) === true);
      if (inRecord < 0 && purpose === undefined) continue;
      // Under a legal obligation it is an error of category-not-required-by-law, not a warning.
      if (purpose !== undefined && document.purposes[purpose]?.legalBasis === 'dpv:LegalObligation') continue;
      const path =
        inRecord >= 0
          ? `records.${type}.categories[${inRecord}]`
          : `purposes.${purpose}.categories[${document.purposes[purpose ?? '']?.categories.findIndex((c) => GENDER.test(c)) ?? 0}]`;
      return [
        {
          id: 'gender-on-invoices',
          severity: 'warning',
          path,
          message: `${type} records keep gender, which an invoice does not need; make it optional or drop it (the statement names it, so change the statement too)`,
          law: 'Art. 5(1)(c) GDPR (data minimisation); CJEU C-394/23 Mousse',
        },
      ];
    }
    return [];
  },
};
