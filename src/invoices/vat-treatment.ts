import type { InvoiceLineRow } from '../db/types.ts';
import { validationFailed } from '../errors.ts';
import type { VatTreatment } from './invoice.schema.ts';

/** The texts art. 35a Wet OB asks on an invoice for each treatment, in the invoice's language. */
export const VAT_TREATMENT_TEXTS: Record<VatTreatment, { nl: string; en: string } | null> = {
  standard: null,
  // Art. 35a lid 1 sub j Wet OB: "btw verlegd" when the buyer owes the tax (art. 12 lid 2 and 3).
  reverse_charge: { nl: 'Btw verlegd', en: 'VAT reverse charge' },
  // Art. 35a lid 1 sub h and sub j: an intra-community supply of goods or services; the buyer accounts for the VAT.
  intra_community: { nl: 'Intracommunautaire levering, btw verlegd', en: 'Intra-community supply, VAT reverse charge' },
  // Art. 35a lid 1 sub k: a reference to the exemption; the ground itself follows.
  exempt: { nl: 'Vrijgesteld van btw', en: 'Exempt from VAT' },
};

/**
 * Refuses to issue an invoice whose VAT treatment lacks what the law asks: the buyer's VAT number with a reverse
 * charge or an intra-community supply (art. 35a lid 1 sub d Wet OB), the ground of an exemption (sub k), and 0 %
 * on every line when the seller charges no VAT.
 */
export function checkVatTreatment(
  invoice: { vat_treatment: VatTreatment; buyer_vat_number: string | null; vat_exemption_reason: string | null },
  lines: readonly InvoiceLineRow[],
): void {
  const problems: { path: string; message: string }[] = [];
  const treatment = invoice.vat_treatment;
  if ((treatment === 'reverse_charge' || treatment === 'intra_community') && invoice.buyer_vat_number === null) {
    problems.push({ path: 'buyerVatNumber', message: "is required: the buyer's VAT number must be on the invoice" });
  }
  if (treatment === 'exempt' && invoice.vat_exemption_reason === null) {
    problems.push({ path: 'vatExemptionReason', message: 'is required: the ground of the exemption must be on the invoice' });
  }
  if (treatment !== 'standard' && lines.some((l) => l.vat_rate !== 0)) {
    problems.push({ path: 'lines', message: 'must all have VAT rate 0 when no VAT is charged' });
  }
  if (problems.length > 0) {
    throw validationFailed(`Invalid invoice: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
}
