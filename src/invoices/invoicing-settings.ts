import fs from 'node:fs';
import type { InvoicingConfig } from '../config/invoicing-config.ts';
import type { Policy } from '../policy/policy.ts';

/** The seller as every invoice names it (art. 35a lid 1 Wet OB: name, address and VAT number of the supplier). */
export interface Seller {
  name: string;
  address: { street: string; postalCode: string; city: string; country: string };
  email: string;
  /** Chamber of Commerce number (Handelsregisterbesluit 2008 art. 20: on every invoice of a registered business). */
  kvk: string | undefined;
  /** The seller's VAT identification number (art. 35a lid 1 sub c Wet OB). */
  vatNumber: string | undefined;
  /** Where to pay; on the PDF and in the UBL's PaymentMeans. */
  iban: string | undefined;
  /** The logo printed on the PDF: PNG or JPEG bytes. */
  logo: Uint8Array | undefined;
}

/** How invoices go out: the seller, the payment term and the reminder schedule. */
export interface InvoicingSettings {
  seller: Seller;
  /** Days between the issue date and the due date, unless the invoice names its own term. */
  paymentTermDays: number;
  /** Days after the due date a reminder goes out by itself, one per entry; empty: only staff send reminders. */
  reminderDays: number[];
}

/**
 * The seller from the policy's controller (name, postal address, e-mail) and the configuration (KvK, VAT number,
 * IBAN, logo). A logo that is not PNG or JPEG stops Kluis at start-up, as any bad configuration does.
 */
export function invoicingSettings(policy: Policy, config: InvoicingConfig = {}): InvoicingSettings {
  const controller = policy.document.controller;
  return {
    seller: {
      name: config.sellerName ?? controller.name,
      address: { ...controller.address },
      email: controller.email,
      kvk: config.kvk,
      vatNumber: config.vatNumber,
      iban: config.iban,
      logo: config.logoFile === undefined ? undefined : readLogo(config.logoFile),
    },
    paymentTermDays: config.paymentTermDays ?? 30,
    reminderDays: config.reminderDays ?? [14, 28],
  };
}

function readLogo(file: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`KLUIS_SELLER_LOGO ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpeg) throw new Error(`KLUIS_SELLER_LOGO ${file} is not a PNG or JPEG image`);
  return new Uint8Array(bytes);
}

/** What the seller still lacks to send an invoice the law accepts; empty when complete. */
export function missingSellerDetails(seller: Seller): string[] {
  return [
    ...(seller.vatNumber === undefined ? ['KLUIS_SELLER_VAT_NUMBER'] : []),
    ...(seller.kvk === undefined ? ['KLUIS_SELLER_KVK'] : []),
    ...(seller.iban === undefined ? ['KLUIS_SELLER_IBAN'] : []),
  ];
}
