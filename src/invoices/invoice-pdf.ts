import PDFDocument from 'pdfkit';
import type { InvoiceLineRow, InvoiceRow } from '../db/types.ts';
import { computeVatPerRate } from './vat-per-rate.ts';
import { INVOICE_WORDS, type InvoiceLanguage, amount, quantity, writtenDate } from './invoice-words.ts';
import type { Seller } from './invoicing-settings.ts';
import { VAT_TREATMENT_TEXTS } from './vat-treatment.ts';

/** Everything an invoice's PDF shows. */
export interface InvoicePdfInput {
  invoice: InvoiceRow;
  lines: readonly InvoiceLineRow[];
  /** The number of the invoice a credit invoice corrects. */
  creditForNumber: string | null;
  seller: Seller;
  language: InvoiceLanguage;
}

const MARGIN = 50;
const PAGE_BOTTOM = 842 - 70;
const WIDTH = 595 - 2 * MARGIN;
// Columns of the lines table: description, quantity, unit price, VAT, amount (x and width).
const COLUMNS = {
  description: [MARGIN, 215],
  quantity: [MARGIN + 220, 50],
  price: [MARGIN + 275, 75],
  vat: [MARGIN + 355, 35],
  amount: [MARGIN + 395, 100],
} as const;

/**
 * The invoice as a PDF (A4), rendered in process with pdfkit. The same invoice gives the same bytes every time:
 * the document's dates are the invoice's own (issue date, or a draft's last change) and its file id derives from
 * them (pdfkit hashes the info dictionary), so a sent PDF can be reproduced and compared. A draft carries
 * "CONCEPT"/"DRAFT" across every page and says it is not a valid invoice.
 */
export function renderInvoicePdf(input: InvoicePdfInput): Promise<Buffer> {
  const { invoice, seller, language } = input;
  const w = INVOICE_WORDS[language];
  const draft = invoice.status !== 'issued';
  const credit = invoice.credit_for_id !== null;
  const title = credit ? w.creditInvoice : w.invoice;
  const moment = new Date(invoice.issue_date === null ? invoice.updated_at : `${invoice.issue_date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${title} ${invoice.number ?? w.draftMark}`,
      Author: seller.name,
      Creator: 'Kluis',
      Producer: 'Kluis',
      CreationDate: moment,
      ModDate: moment,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (cents: number) => amount(cents, invoice.currency, language);

  // The seller, top right; the logo, top left.
  if (seller.logo !== undefined) doc.image(Buffer.from(seller.logo), MARGIN, MARGIN, { fit: [140, 60] });
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(seller.name, MARGIN + 300, MARGIN, { width: 195, align: 'right' });
  doc.font('Helvetica').fontSize(9);
  for (const line of sellerLines(seller, language)) doc.text(line, { width: 195, align: 'right' });

  // The buyer.
  let y = Math.max(doc.y, MARGIN + 70) + 20;
  doc.font('Helvetica').fontSize(10).text(invoice.billing_name, MARGIN, y, { width: 260 });
  doc.text(invoice.billing_street, { width: 260 });
  doc.text(`${invoice.billing_postal_code} ${invoice.billing_city}`, { width: 260 });
  if (invoice.billing_country !== seller.address.country) doc.text(invoice.billing_country, { width: 260 });

  // Title and facts.
  y = doc.y + 25;
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(draft ? `${title} (${w.draftMark})` : title, MARGIN, y);
  if (draft) doc.font('Helvetica-Bold').fontSize(10).fillColor('#b00020').text(w.draftNotice).fillColor('black');
  doc.moveDown(0.5);
  const facts: [string, string][] = [
    [w.number, invoice.number ?? w.draftMark],
    [w.date, invoice.issue_date === null ? w.draftMark : writtenDate(invoice.issue_date, language)],
    ...(invoice.completed_on === null ? [] : [[w.supplyDate, writtenDate(invoice.completed_on, language)] as [string, string]]),
    ...(invoice.due_date === null ? [] : [[w.dueDate, writtenDate(invoice.due_date, language)] as [string, string]]),
    ...(invoice.reference === null ? [] : [[w.reference, invoice.reference] as [string, string]]),
    ...(invoice.buyer_vat_number === null ? [] : [[w.buyerVat, invoice.buyer_vat_number] as [string, string]]),
    ...(credit && input.creditForNumber !== null ? [[w.corrects, input.creditForNumber] as [string, string]] : []),
  ];
  doc.fontSize(10);
  for (const [label, value] of facts) {
    const top = doc.y;
    doc.font('Helvetica').text(`${label}:`, MARGIN, top, { width: 140 });
    doc.font('Helvetica-Bold').text(value, MARGIN + 145, top, { width: WIDTH - 145 });
  }

  // The lines.
  y = doc.y + 20;
  y = tableHeader(doc, w, y);
  doc.font('Helvetica').fontSize(9);
  for (const line of input.lines) {
    const height = Math.max(doc.heightOfString(line.description, { width: COLUMNS.description[1] }), 12);
    if (y + height > PAGE_BOTTOM - 20) {
      doc.addPage();
      y = tableHeader(doc, w, MARGIN);
      doc.font('Helvetica').fontSize(9);
    }
    doc.text(line.description, COLUMNS.description[0], y, { width: COLUMNS.description[1] });
    cell(doc, quantity(Number(line.quantity), language), COLUMNS.quantity, y);
    cell(doc, money(Number(line.unit_price_cents)), COLUMNS.price, y);
    cell(doc, `${line.vat_rate}%`, COLUMNS.vat, y);
    cell(doc, money(Number(line.amount_cents)), COLUMNS.amount, y);
    y += height + 6;
  }

  // Totals per VAT rate (art. 35a lid 1 sub g-i Wet OB), then the treatment's text.
  if (y > PAGE_BOTTOM - 140) {
    doc.addPage();
    y = MARGIN;
  }
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + WIDTH, y)
    .lineWidth(0.5)
    .stroke();
  y += 8;
  const total = (label: string, value: string, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    doc.text(label, MARGIN + 180, y, { width: 210, align: 'right' });
    doc.text(value, COLUMNS.amount[0], y, { width: COLUMNS.amount[1], align: 'right' });
    y += 15;
  };
  total(w.subtotal, money(Number(invoice.total_excl_cents)));
  for (const rate of computeVatPerRate(input.lines)) total(w.vatOver(rate.rate, money(rate.baseCents)), money(rate.vatCents));
  total(w.vatTotal, money(Number(invoice.vat_cents)));
  total(w.total, money(Number(invoice.total_incl_cents)), true);

  y += 10;
  doc.font('Helvetica').fontSize(10);
  const treatment = VAT_TREATMENT_TEXTS[invoice.vat_treatment];
  if (treatment !== null) {
    doc.font('Helvetica-Bold').text(treatment[language], MARGIN, y, { width: WIDTH });
    if (invoice.vat_exemption_reason !== null)
      doc.font('Helvetica').text(`${w.exemptionGround}: ${invoice.vat_exemption_reason}`, { width: WIDTH });
    y = doc.y + 8;
  }
  if (credit) doc.font('Helvetica').text(w.creditSettled, MARGIN, y, { width: WIDTH });
  else if (invoice.due_date !== null && seller.iban !== undefined && invoice.number !== null) {
    doc
      .font('Helvetica')
      .text(w.payBefore(writtenDate(invoice.due_date, language), seller.iban, seller.name, invoice.number), MARGIN, y, {
        width: WIDTH,
      });
  }

  // On every page: the page number, and a draft's mark across it.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // The footer lies below the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    if (draft) {
      doc
        .save()
        .rotate(-35, { origin: [297, 421] })
        .font('Helvetica-Bold')
        .fontSize(110)
        .fillColor('#d0d0d0')
        .fillOpacity(0.5);
      doc.text(w.draftMark, 40, 370, { width: 515, align: 'center', lineBreak: false });
      doc.restore().fillColor('black').fillOpacity(1);
    }
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(w.page(i - range.start + 1, range.count), MARGIN, 842 - 40, { width: WIDTH, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function sellerLines(seller: Seller, lang: InvoiceLanguage): string[] {
  const w = INVOICE_WORDS[lang];
  return [
    seller.address.street,
    `${seller.address.postalCode} ${seller.address.city}`,
    seller.email,
    ...(seller.kvk === undefined ? [] : [`${w.kvk}: ${seller.kvk}`]),
    ...(seller.vatNumber === undefined ? [] : [`${w.vatNumber}: ${seller.vatNumber}`]),
    ...(seller.iban === undefined ? [] : [`${w.iban}: ${seller.iban}`]),
  ];
}

function tableHeader(doc: PDFKit.PDFDocument, w: (typeof INVOICE_WORDS)[InvoiceLanguage], y: number): number {
  doc.font('Helvetica-Bold').fontSize(9);
  doc.text(w.description, COLUMNS.description[0], y, { width: COLUMNS.description[1] });
  cell(doc, w.quantity, COLUMNS.quantity, y);
  cell(doc, w.unitPrice, COLUMNS.price, y);
  cell(doc, w.vatRate, COLUMNS.vat, y);
  cell(doc, w.lineAmount, COLUMNS.amount, y);
  const bottom = y + 14;
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(MARGIN + WIDTH, bottom)
    .lineWidth(0.5)
    .stroke();
  return bottom + 6;
}

const cell = (doc: PDFKit.PDFDocument, text: string, [x, width]: readonly [number, number], y: number) =>
  doc.text(text, x, y, { width, align: 'right', lineBreak: false });
