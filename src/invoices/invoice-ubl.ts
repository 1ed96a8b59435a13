import type { InvoiceLineRow, InvoiceRow } from '../db/types.ts';
import { xmlText } from '../shared/xml-text.ts';
import type { VatTreatment } from './invoice.schema.ts';
import type { Seller } from './invoicing-settings.ts';
import { computeVatPerRate } from './vat-per-rate.ts';
import { VAT_TREATMENT_TEXTS } from './vat-treatment.ts';

/** Everything the UBL of a sent invoice carries. */
export interface InvoiceUblInput {
  invoice: InvoiceRow;
  lines: readonly InvoiceLineRow[];
  creditForNumber: string | null;
  seller: Seller;
  /** The buyer's e-mail address: their electronic address (EAS "EM") where they have no Peppol id. */
  buyerEmail: string | null;
}

// Peppol BIS Billing 3.0 with the Dutch CIUS (NLCIUS, SI-UBL 2.0): the specification identifier and the profile.
export const NLCIUS_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0';
export const PEPPOL_BILLING_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const el = (name: string, content: string, attributes: Record<string, string> = {}): string =>
  `<${name}${Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join('')}>${xmlText(content)}</${name}>`;
const group = (name: string, children: string[]): string =>
  children.length === 0 ? '' : `<${name}>${children.filter((c) => c !== '').join('')}</${name}>`;
const decimal = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** UNCL 5305 tax category of a line under the invoice's treatment: S, Z, AE (reverse charge), K (intra-community), E (exempt). */
function taxCategory(treatment: VatTreatment, rate: number): string {
  switch (treatment) {
    case 'standard':
      return rate === 0 ? 'Z' : 'S';
    case 'reverse_charge':
      return 'AE';
    case 'intra_community':
      return 'K';
    case 'exempt':
      return 'E';
  }
}

/**
 * An issued invoice as UBL 2.1 under Peppol BIS Billing 3.0 and NLCIUS: an Invoice (380), or a CreditNote (381)
 * stating the credit as positive amounts with a BillingReference to the invoice it corrects (NLCIUS asks it). The
 * seller is identified by KvK number (EAS 0106) and VAT number; the buyer by e-mail (EAS EM). Elements follow
 * the order of the UBL 2.1 schemas. A line with a negative price (a discount) becomes a negative quantity at a
 * positive price, since BR-27 forbids negative prices.
 */
export function invoiceUbl(input: InvoiceUblInput): string {
  const { invoice, seller } = input;
  const credit = invoice.credit_for_id !== null;
  const root = credit ? 'CreditNote' : 'Invoice';
  const sign = credit ? -1 : 1;
  const currency = invoice.currency;
  const treatment = invoice.vat_treatment;
  const money = (name: string, cents: number) => el(name, decimal(sign * cents), { currencyID: currency });
  const exemption = VAT_TREATMENT_TEXTS[treatment];
  const exemptionReason =
    exemption === null
      ? []
      : [
          el(
            'cbc:TaxExemptionReason',
            invoice.vat_exemption_reason === null ? exemption.en : `${exemption.en}: ${invoice.vat_exemption_reason}`,
          ),
        ];
  const category = (rate: number, name: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory', withReason: boolean) =>
    group(name, [
      el('cbc:ID', taxCategory(treatment, rate)),
      el('cbc:Percent', String(rate)),
      ...(withReason ? exemptionReason : []),
      group('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
    ]);
  const address = (a: { street: string; city: string; postalCode: string; country: string }) =>
    group('cac:PostalAddress', [
      el('cbc:StreetName', a.street),
      el('cbc:CityName', a.city),
      el('cbc:PostalZone', a.postalCode),
      group('cac:Country', [el('cbc:IdentificationCode', a.country)]),
    ]);

  const line = (l: InvoiceLineRow) => {
    const negative = sign * Number(l.unit_price_cents) < 0;
    const q = Number(l.quantity) * (negative ? -1 : 1);
    return group(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
      el('cbc:ID', String(l.position)),
      // C62: "one" (UN/ECE Recommendation 20).
      el(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', String(q), { unitCode: 'C62' }),
      money('cbc:LineExtensionAmount', Number(l.amount_cents)),
      group('cac:Item', [
        el('cbc:Description', l.description),
        el('cbc:Name', l.description.split('\n')[0]?.slice(0, 100) ?? ''),
        category(l.vat_rate, 'cac:ClassifiedTaxCategory', false),
      ]),
      group('cac:Price', [el('cbc:PriceAmount', decimal(Math.abs(Number(l.unit_price_cents))), { currencyID: currency })]),
    ]);
  };

  const parts = [
    el('cbc:CustomizationID', NLCIUS_CUSTOMIZATION),
    el('cbc:ProfileID', PEPPOL_BILLING_PROFILE),
    el('cbc:ID', invoice.number ?? invoice.id),
    el('cbc:IssueDate', invoice.issue_date ?? ''),
    ...(!credit && invoice.due_date !== null ? [el('cbc:DueDate', invoice.due_date)] : []),
    el(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380'),
    el('cbc:DocumentCurrencyCode', currency),
    // BT-10: the buyer's reference; the customer reference, else the invoice number (Peppol asks one of them).
    el('cbc:BuyerReference', invoice.reference ?? invoice.number ?? invoice.id),
    ...(credit && input.creditForNumber !== null
      ? [group('cac:BillingReference', [group('cac:InvoiceDocumentReference', [el('cbc:ID', input.creditForNumber)])])]
      : []),
    group('cac:AccountingSupplierParty', [
      group('cac:Party', [
        ...(seller.kvk === undefined ? [] : [el('cbc:EndpointID', seller.kvk, { schemeID: '0106' })]),
        group('cac:PartyName', [el('cbc:Name', seller.name)]),
        address(seller.address),
        ...(seller.vatNumber === undefined
          ? []
          : [
              group('cac:PartyTaxScheme', [el('cbc:CompanyID', seller.vatNumber), group('cac:TaxScheme', [el('cbc:ID', 'VAT')])]),
            ]),
        group('cac:PartyLegalEntity', [
          el('cbc:RegistrationName', seller.name),
          ...(seller.kvk === undefined ? [] : [el('cbc:CompanyID', seller.kvk, { schemeID: '0106' })]),
        ]),
        group('cac:Contact', [el('cbc:ElectronicMail', seller.email)]),
      ]),
    ]),
    group('cac:AccountingCustomerParty', [
      group('cac:Party', [
        ...(input.buyerEmail === null ? [] : [el('cbc:EndpointID', input.buyerEmail, { schemeID: 'EM' })]),
        group('cac:PartyName', [el('cbc:Name', invoice.billing_name)]),
        address({
          street: invoice.billing_street,
          city: invoice.billing_city,
          postalCode: invoice.billing_postal_code,
          country: invoice.billing_country,
        }),
        ...(invoice.buyer_vat_number === null
          ? []
          : [
              group('cac:PartyTaxScheme', [
                el('cbc:CompanyID', invoice.buyer_vat_number),
                group('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
              ]),
            ]),
        group('cac:PartyLegalEntity', [el('cbc:RegistrationName', invoice.billing_name)]),
      ]),
    ]),
    ...(invoice.completed_on === null ? [] : [group('cac:Delivery', [el('cbc:ActualDeliveryDate', invoice.completed_on)])]),
    // UNCL 4461 58: SEPA credit transfer, to the seller's IBAN, quoting the invoice number.
    ...(seller.iban === undefined
      ? []
      : [
          group('cac:PaymentMeans', [
            el('cbc:PaymentMeansCode', '58'),
            el('cbc:PaymentID', invoice.number ?? invoice.id),
            group('cac:PayeeFinancialAccount', [el('cbc:ID', seller.iban)]),
          ]),
        ]),
    group('cac:TaxTotal', [
      money('cbc:TaxAmount', Number(invoice.vat_cents)),
      ...computeVatPerRate(input.lines).map((r) =>
        group('cac:TaxSubtotal', [
          money('cbc:TaxableAmount', r.baseCents),
          money('cbc:TaxAmount', r.vatCents),
          category(r.rate, 'cac:TaxCategory', true),
        ]),
      ),
    ]),
    group('cac:LegalMonetaryTotal', [
      money('cbc:LineExtensionAmount', Number(invoice.total_excl_cents)),
      money('cbc:TaxExclusiveAmount', Number(invoice.total_excl_cents)),
      money('cbc:TaxInclusiveAmount', Number(invoice.total_incl_cents)),
      money('cbc:PayableAmount', Number(invoice.total_incl_cents)),
    ]),
    ...input.lines.map(line),
  ];
  const ns = `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${root} xmlns="${ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">`,
    ...parts.filter((p) => p !== ''),
    `</${root}>`,
    '',
  ].join('\n');
}
