import { type Letter, letter } from '../mail/letters.ts';
import type { Policy } from '../policy/policy.ts';
import type { InvoiceRow } from '../db/types.ts';
import { type InvoiceLanguage, amount, writtenDate } from './invoice-words.ts';
import type { Seller } from './invoicing-settings.ts';

/** The mail an invoice goes out with; the PDF and the UBL are its attachments. */
export function invoiceLetter(policy: Policy, seller: Seller, invoice: InvoiceRow, lang: InvoiceLanguage): Letter {
  const number = invoice.number ?? '';
  const total = amount(Number(invoice.total_incl_cents), invoice.currency, lang);
  const credit = invoice.credit_for_id !== null;
  const due = invoice.due_date === null ? null : writtenDate(invoice.due_date, lang);
  const pay = (iban: string) =>
    lang === 'nl'
      ? `Wilt u het bedrag vóór ${due ?? ''} overmaken op ${iban} ten name van ${seller.name}, onder vermelding van het factuurnummer?`
      : `Please transfer the amount before ${due ?? ''} to ${iban} in the name of ${seller.name}, quoting the invoice number.`;
  if (lang === 'nl') {
    return letter(policy, lang, {
      title: `${credit ? 'Creditfactuur' : 'Factuur'} ${number} van ${seller.name}`,
      paragraphs: [
        `Hierbij ontvangt u ${credit ? 'creditfactuur' : 'factuur'} ${number} van ${writtenDate(invoice.issue_date ?? '', lang)}, voor een bedrag van ${total} inclusief btw.`,
        ...(credit || seller.iban === undefined ? [] : [pay(seller.iban)]),
        'De factuur is bijgevoegd als PDF en als elektronische factuur (UBL), die uw boekhoudprogramma kan inlezen.',
      ],
    });
  }
  return letter(policy, lang, {
    title: `${credit ? 'Credit invoice' : 'Invoice'} ${number} from ${seller.name}`,
    paragraphs: [
      `Please find ${credit ? 'credit invoice' : 'invoice'} ${number} of ${writtenDate(invoice.issue_date ?? '', lang)} attached, for ${total} including VAT.`,
      ...(credit || seller.iban === undefined ? [] : [pay(seller.iban)]),
      'The invoice is attached as a PDF and as an electronic invoice (UBL) your accounting software can read.',
    ],
  });
}

/** A payment reminder: what is still outstanding, since when, and where to pay. */
export function reminderLetter(
  policy: Policy,
  seller: Seller,
  invoice: InvoiceRow,
  outstandingCents: number,
  lang: InvoiceLanguage,
): Letter {
  const number = invoice.number ?? '';
  const outstanding = amount(outstandingCents, invoice.currency, lang);
  const due = writtenDate(invoice.due_date ?? '', lang);
  const issued = writtenDate(invoice.issue_date ?? '', lang);
  if (lang === 'nl') {
    return letter(policy, lang, {
      title: `Herinnering: factuur ${number} van ${seller.name}`,
      paragraphs: [
        `Volgens onze administratie staat van factuur ${number} van ${issued} nog ${outstanding} open. De betaaltermijn verliep op ${due}.`,
        seller.iban === undefined
          ? 'Wilt u het bedrag zo spoedig mogelijk overmaken, onder vermelding van het factuurnummer?'
          : `Wilt u het bedrag zo spoedig mogelijk overmaken op ${seller.iban} ten name van ${seller.name}, onder vermelding van het factuurnummer?`,
        'Heeft u inmiddels betaald, dan kunt u deze herinnering als niet verzonden beschouwen. De factuur is nogmaals bijgevoegd.',
      ],
    });
  }
  return letter(policy, lang, {
    title: `Reminder: invoice ${number} from ${seller.name}`,
    paragraphs: [
      `According to our records, ${outstanding} of invoice ${number} of ${issued} is still outstanding. It was due on ${due}.`,
      seller.iban === undefined
        ? 'Please transfer the amount as soon as possible, quoting the invoice number.'
        : `Please transfer the amount as soon as possible to ${seller.iban} in the name of ${seller.name}, quoting the invoice number.`,
      'If you have paid in the meantime, please disregard this reminder. The invoice is attached once more.',
    ],
  });
}
