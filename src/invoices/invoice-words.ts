import { calendarDay } from '../shared/business-day.ts';
export type InvoiceLanguage = 'nl' | 'en';

/** An amount in cents as people of the language write money: "€ 1.234,56", "€1,234.56". */
export function amount(cents: number, currency: string, lang: InvoiceLanguage): string {
  // Intl puts a no-break space between € and the amount in Dutch; a plain space reads and copies the same.
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency })
    .format(cents / 100)
    .replace(/\u00a0/g, ' ');
}

/** A quantity with the language's decimal sign: "1,5", "1.5". */
export const quantity = (q: number, lang: InvoiceLanguage): string =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 3 }).format(q);

/** A date written out: "3 december 2026", "3 December 2026". */
export const writtenDate = (date: string, lang: InvoiceLanguage): string =>
  new Date(`${calendarDay(date)}T00:00:00Z`).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });

/** The words of an invoice, its PDF and its mails, in Dutch and English. */
export const INVOICE_WORDS = {
  nl: {
    invoice: 'Factuur',
    creditInvoice: 'Creditfactuur',
    draftMark: 'CONCEPT',
    draftNotice: 'Concept: dit is geen geldige factuur',
    number: 'Factuurnummer',
    date: 'Factuurdatum',
    supplyDate: 'Leverdatum',
    dueDate: 'Te betalen vóór',
    reference: 'Uw klantkenmerk',
    buyerVat: 'Uw btw-nummer',
    corrects: 'Correctie op factuur',
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Prijs per stuk',
    vatRate: 'Btw',
    lineAmount: 'Bedrag',
    subtotal: 'Totaal exclusief btw',
    vatOver: (rate: number, base: string) => `Btw ${rate}% over ${base}`,
    vatTotal: 'Totaal btw',
    total: 'Totaal inclusief btw',
    payBefore: (due: string, iban: string, name: string, number: string) =>
      `Wij verzoeken u het bedrag vóór ${due} over te maken op ${iban} ten name van ${name}, onder vermelding van factuurnummer ${number}.`,
    creditSettled: 'Dit bedrag verrekenen wij met de factuur die deze creditfactuur corrigeert.',
    kvk: 'KvK',
    vatNumber: 'Btw-nummer',
    iban: 'IBAN',
    page: (n: number, of: number) => `Pagina ${n} van ${of}`,
    exemptionGround: 'Grond',
  },
  en: {
    invoice: 'Invoice',
    creditInvoice: 'Credit invoice',
    draftMark: 'DRAFT',
    draftNotice: 'Draft: this is not a valid invoice',
    number: 'Invoice number',
    date: 'Invoice date',
    supplyDate: 'Date of supply',
    dueDate: 'Due date',
    reference: 'Your customer reference',
    buyerVat: 'Your VAT number',
    corrects: 'Corrects invoice',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    vatRate: 'VAT',
    lineAmount: 'Amount',
    subtotal: 'Total excluding VAT',
    vatOver: (rate: number, base: string) => `VAT ${rate}% on ${base}`,
    vatTotal: 'Total VAT',
    total: 'Total including VAT',
    payBefore: (due: string, iban: string, name: string, number: string) =>
      `Please transfer the amount before ${due} to ${iban} in the name of ${name}, quoting invoice number ${number}.`,
    creditSettled: 'We settle this amount with the invoice this credit invoice corrects.',
    kvk: 'Chamber of Commerce',
    vatNumber: 'VAT number',
    iban: 'IBAN',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    exemptionGround: 'Ground',
  },
} as const;
