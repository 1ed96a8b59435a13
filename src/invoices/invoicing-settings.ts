import fs from 'node:fs';
import { z } from 'zod';
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

/** KLUIS_SELLER_*, KLUIS_PAYMENT_TERM_DAYS and KLUIS_INVOICE_REMINDER_DAYS as the configuration holds them. */
export interface InvoicingConfig {
  sellerName?: string | undefined;
  kvk?: string | undefined;
  vatNumber?: string | undefined;
  iban?: string | undefined;
  logoFile?: string | undefined;
  paymentTermDays?: number | undefined;
  reminderDays?: number[] | undefined;
}

/** A KvK number: eight digits. */
export const kvkNumber = z.string().regex(/^\d{8}$/, 'must be a KvK number of eight digits');

/** A VAT identification number: two letters of the member state, then 2-12 letters or digits (NL: 9 digits, B, 2 digits). */
export const vatNumber = z
  .string()
  .transform((v) => v.replace(/[\s.]/g, '').toUpperCase())
  .refine((v) => /^[A-Z]{2}[0-9A-Z+*]{2,12}$/.test(v) && (!v.startsWith('NL') || /^NL\d{9}B\d{2}$/.test(v)), 'must be a VAT number such as NL123456789B01');

/** An IBAN with a valid check (ISO 13616: mod 97 = 1). */
export const iban = z
  .string()
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .refine((v) => /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v) && ibanChecks(v), 'must be an IBAN such as NL91ABNA0417164300');

function ibanChecks(value: string): boolean {
  const digits = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

/** "14,28": reminders 14 and 28 days after the due date; "none": no scheduled reminders. */
export const reminderSchedule = z
  .string()
  .transform((v) => (v.trim() === 'none' ? [] : v.split(',').map((d) => Number(d.trim()))))
  .refine((days) => days.every((d) => Number.isInteger(d) && d >= 0 && d <= 365), 'must be days after the due date, comma-separated (14,28), or none')
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

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
