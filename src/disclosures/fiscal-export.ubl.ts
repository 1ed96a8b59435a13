import type { PolicyDocument } from '../policy/policy.schema.ts';
import { type FiscalInvoice, decimal, lineVat } from './fiscal-export.csv.ts';
import { xmlText } from '../shared/xml-text.ts';

export { xmlText } from '../shared/xml-text.ts';

/** One element with escaped text content; `attributes` escaped too. */
const el = (name: string, content: string, attributes: Record<string, string> = {}): string =>
  `<${name}${Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xmlText(v)}"`)
    .join('')}>${xmlText(content)}</${name}>`;

/** An element holding other elements (already XML), left out when it would be empty. */
const group = (name: string, children: string[]): string =>
  children.length === 0 ? '' : `<${name}>${children.join('')}</${name}>`;

interface Address {
  street?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  country?: string | undefined;
}

// UBL 2.1 cac:Address: StreetName, CityName, PostalZone, Country in that order (the schema is a sequence).
const address = (a: Address): string =>
  group('cac:PostalAddress', [
    ...(a.street === undefined ? [] : [el('cbc:StreetName', a.street)]),
    ...(a.city === undefined ? [] : [el('cbc:CityName', a.city)]),
    ...(a.postalCode === undefined ? [] : [el('cbc:PostalZone', a.postalCode)]),
    ...(a.country === undefined ? [] : [group('cac:Country', [el('cbc:IdentificationCode', a.country)])]),
  ]);

/**
 * One invoice as a UBL 2.1 document (OASIS UBL 2.1, ISO/IEC 19845): an Invoice (type code 380), or a
 * CreditNote (381) for a credit invoice, whose amounts UBL states as positive credits, with a BillingReference
 * to the invoice it credits. Elements follow the order the UBL 2.1 schemas prescribe. The buyer's name, address
 * and customer reference appear only when the recipient is registered for those categories (P8); gender has
 * no place in UBL and is in the CSV alone. No EN 16931 / Peppol customisation is claimed: Kluis keeps no VAT
 * identifiers of seller or buyer.
 */
export function ublDocument(f: FiscalInvoice, seller: PolicyDocument['controller'], categories: ReadonlySet<string>): string {
  const { invoice } = f;
  const credit = invoice.credit_for_id !== null;
  const root = credit ? 'CreditNote' : 'Invoice';
  // A CreditNote states the credit as positive amounts; Kluis stores a credit invoice's amounts negated.
  const sign = credit ? -1 : 1;
  const currency = invoice.currency;
  const amount = (name: string, cents: number) => el(name, decimal(sign * cents), { currencyID: currency });
  const has = (c: string) => categories.has(c);

  const rates = [...new Set(f.lines.map((l) => l.vat_rate))].sort((a, b) => b - a);
  const subtotal = (rate: number): string => {
    const lines = f.lines.filter((l) => l.vat_rate === rate);
    const base = lines.reduce((s, l) => s + Number(l.amount_cents), 0);
    const vat = lines.reduce((s, l) => s + lineVat(Number(l.amount_cents), rate), 0);
    return group('cac:TaxSubtotal', [
      amount('cbc:TaxableAmount', base),
      amount('cbc:TaxAmount', vat),
      // UNCL 5305: S standard (any positive rate), Z zero rated.
      group('cac:TaxCategory', [
        el('cbc:ID', rate === 0 ? 'Z' : 'S'),
        el('cbc:Percent', String(rate)),
        group('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
      ]),
    ]);
  };
  const line = (l: FiscalInvoice['lines'][number]): string =>
    group(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
      el('cbc:ID', String(l.position)),
      // C62: "one" (UN/ECE Recommendation 20), a unit.
      el(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', String(Number(l.quantity)), { unitCode: 'C62' }),
      amount('cbc:LineExtensionAmount', Number(l.amount_cents)),
      group('cac:Item', [
        el('cbc:Description', l.description),
        el('cbc:Name', l.description.split('\n')[0]?.slice(0, 100) ?? ''),
        group('cac:ClassifiedTaxCategory', [
          el('cbc:ID', l.vat_rate === 0 ? 'Z' : 'S'),
          el('cbc:Percent', String(l.vat_rate)),
          group('cac:TaxScheme', [el('cbc:ID', 'VAT')]),
        ]),
      ]),
      group('cac:Price', [amount('cbc:PriceAmount', Number(l.unit_price_cents))]),
    ]);

  const parts = [
    el('cbc:UBLVersionID', '2.1'),
    el('cbc:ID', invoice.number ?? invoice.id),
    el('cbc:IssueDate', invoice.issue_date ?? ''),
    el(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380'),
    el('cbc:DocumentCurrencyCode', currency),
    ...(credit && f.creditFor !== null
      ? [group('cac:BillingReference', [group('cac:InvoiceDocumentReference', [el('cbc:ID', f.creditFor)])])]
      : []),
    group('cac:AccountingSupplierParty', [
      group('cac:Party', [
        group('cac:PartyName', [el('cbc:Name', seller.name)]),
        address({
          street: seller.address.street,
          city: seller.address.city,
          postalCode: seller.address.postalCode,
          country: seller.address.country,
        }),
        group('cac:PartyLegalEntity', [el('cbc:RegistrationName', seller.name)]),
      ]),
    ]),
    group('cac:AccountingCustomerParty', [
      // The customer reference is Sen ICT's number for the customer: the account the supplier assigned.
      ...(has('user.account.reference') && invoice.reference !== null
        ? [el('cbc:SupplierAssignedAccountID', invoice.reference)]
        : []),
      `<cac:Party>${[
        ...(has('user.name') ? [group('cac:PartyName', [el('cbc:Name', invoice.billing_name)])] : []),
        ...(has('user.contact.address')
          ? [
              address({
                street: invoice.billing_street,
                city: invoice.billing_city,
                postalCode: invoice.billing_postal_code,
                country: invoice.billing_country,
              }),
            ]
          : []),
      ].join('')}</cac:Party>`,
    ]),
    ...(invoice.completed_on === null ? [] : [group('cac:Delivery', [el('cbc:ActualDeliveryDate', invoice.completed_on)])]),
    group('cac:TaxTotal', [amount('cbc:TaxAmount', Number(invoice.vat_cents)), ...rates.map(subtotal)]),
    group('cac:LegalMonetaryTotal', [
      amount('cbc:LineExtensionAmount', Number(invoice.total_excl_cents)),
      amount('cbc:TaxExclusiveAmount', Number(invoice.total_excl_cents)),
      amount('cbc:TaxInclusiveAmount', Number(invoice.total_incl_cents)),
      amount('cbc:PayableAmount', Number(invoice.total_incl_cents)),
    ]),
    ...f.lines.map(line),
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
