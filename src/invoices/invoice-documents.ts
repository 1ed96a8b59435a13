import { personOf } from './invoice.presenter.ts';
import type { InvoiceLineRow, InvoiceRow } from '../db/types.ts';
import type { ProcessingContext } from '../guard/guard.ts';
import { notFound } from '../errors.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { invoiceUbl } from './invoice-ubl.ts';
import type { InvoiceLanguage } from './invoice-words.ts';
import * as invoices from './invoice.repository.ts';
import type { Seller } from './invoicing-settings.ts';

/** An invoice with what its documents need: lines, the number it corrects, and its customer's language. */
export interface InvoiceDocumentSource {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
  creditForNumber: string | null;
  language: InvoiceLanguage;
}

/** A file of an invoice: its PDF or its UBL. */
export interface InvoiceFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Reads an invoice for its documents, inside the caller's processing. */
export async function loadDocumentSource(ctx: ProcessingContext, id: string): Promise<InvoiceDocumentSource> {
  const { trx } = ctx;
  const invoice = await invoices.getById(trx, id);
  if (invoice === undefined) throw notFound('Invoice', id);
  const lines = await invoices.listLines(trx, [id]);
  const creditFor = invoice.credit_for_id === null ? undefined : await invoices.getById(trx, invoice.credit_for_id);
  const person = personOf(invoice);
  const language = person === undefined ? undefined : await ctx.languageOf(person);
  return { invoice, lines, creditForNumber: creditFor?.number ?? null, language: language === 'en' ? 'en' : 'nl' };
}

/** The file name of an invoice's document: "factuur-2026-0001.pdf", "invoice-2026-0001.xml", "concept-…" for a draft. */
export function documentName(source: InvoiceDocumentSource, extension: 'pdf' | 'xml'): string {
  const { invoice, language } = source;
  const kind =
    invoice.credit_for_id !== null
      ? language === 'nl'
        ? 'creditfactuur'
        : 'credit-invoice'
      : language === 'nl'
        ? 'factuur'
        : 'invoice';
  const number = invoice.number ?? `${language === 'nl' ? 'concept' : 'draft'}-${invoice.id.slice(0, 8)}`;
  return `${kind}-${number}.${extension}`;
}

export async function pdfFile(source: InvoiceDocumentSource, seller: Seller): Promise<InvoiceFile> {
  const content = await renderInvoicePdf({ ...source, seller });
  return { filename: documentName(source, 'pdf'), contentType: 'application/pdf', content };
}

export function ublFile(source: InvoiceDocumentSource, seller: Seller, buyerEmail: string | null): InvoiceFile {
  const content = Buffer.from(invoiceUbl({ ...source, seller, buyerEmail }), 'utf8');
  return { filename: documentName(source, 'xml'), contentType: 'application/xml', content };
}
