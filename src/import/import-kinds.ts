import { z } from 'zod';
import { newOrganisationSchema, organisationKind } from '../organisations/organisation.schema.ts';
import { invoiceLineInputSchema } from '../invoices/invoice.schema.ts';
import { calendarDate, trimmed } from '../shared/schema.ts';
import { newSubjectSchema } from '../subjects/subject.schema.ts';
import { centsOf, dateOf, decimalOf, percentageOf } from './csv-values.ts';
import { key } from './import-columns.ts';

/**
 * What a file imports: organisations, persons (customers), contact persons of organisations, or invoices issued
 * before Kluis (one row per invoice line).
 */
export const importKind = z.enum(['organisations', 'persons', 'contacts', 'invoices']);
export type ImportKind = z.infer<typeof importKind>;

/** The column that names a row's record: the external reference, or for an invoice its number (shared by its lines). */
export const referenceColumn = (kind: ImportKind) => (kind === 'invoices' ? 'number' : 'reference');

/** One problem of a row, named by the file's line and the column (the header's own name for it). */
export interface RowProblem {
  row: number;
  column: string;
  /**
   * `missing`, `invalid`, `duplicate` (the reference twice in the file), `organisation_unknown`, `column_missing`;
   * of an invoice's line: `customer_unknown`, `number_taken` (by another invoice, Kluis's own or imported for another
   * customer), `number_in_own_series` (of Kluis's own form, in a year Kluis numbers itself), `invoice_differs` (the invoice's date,
   * customer or payment date differs from its first line's), `invoice_incomplete` (another line of the invoice has a
   * problem), `paid_before_invoice` and `paid_after_today` (a payment date before the invoice's date, or to come).
   */
  code:
    | 'missing'
    | 'invalid'
    | 'duplicate'
    | 'organisation_unknown'
    | 'owner_of_legal_entity'
    | 'column_missing'
    | 'customer_unknown'
    | 'number_taken'
    | 'number_in_own_series'
    | 'invoice_differs'
    | 'invoice_incomplete'
    | 'paid_before_invoice'
    | 'paid_after_today';
  message: string;
}

const KINDS: Record<string, z.infer<typeof organisationKind>> = {
  legalentity: 'legal_entity',
  rechtspersoon: 'legal_entity',
  bv: 'legal_entity',
  nv: 'legal_entity',
  stichting: 'legal_entity',
  vereniging: 'legal_entity',
  cooperatie: 'legal_entity',
  soletrader: 'sole_trader',
  eenmanszaak: 'sole_trader',
  zzp: 'sole_trader',
  partnership: 'partnership',
  vof: 'partnership',
  maatschap: 'partnership',
  cv: 'partnership',
};

const COUNTRIES: Record<string, string> = {
  nederland: 'NL',
  netherlands: 'NL',
  thenetherlands: 'NL',
  belgie: 'BE',
  belgië: 'BE',
  belgium: 'BE',
  duitsland: 'DE',
  germany: 'DE',
  deutschland: 'DE',
};

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x']);
const NO = new Set(['nee', 'n', 'no', 'false', '0', '']);

const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** The address of a row, when it has any part of one; the country is NL unless it says otherwise. */
function address(v: Record<string, string>, kind: 'postal' | 'billing') {
  if ([v.street, v.postal_code, v.city].every((p) => optional(p) === undefined)) return [];
  const country = optional(v.country) ?? 'NL';
  return [
    {
      kind,
      street: v.street ?? '',
      postalCode: v.postal_code ?? '',
      city: v.city ?? '',
      country: COUNTRIES[key(country)] ?? country.toUpperCase(),
    },
  ];
}

const personFields = (v: Record<string, string>) => ({
  firstName: v.first_name ?? '',
  lastName: v.last_name ?? '',
  email: optional(v.email)?.toLowerCase(),
  phone: optional(v.phone),
  language: optional(v.language)?.toLowerCase().slice(0, 2) ?? 'nl',
  addresses: address(v, 'postal'),
});

const reference = trimmed(100);
const newPersonSchema = newSubjectSchema.pick({
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  language: true,
  addresses: true,
});

/** The rows of each kind as the schemas of the API read them, so an import accepts exactly what a form would. */
export const ROW_SCHEMAS = {
  organisations: z.object({ reference, organisation: newOrganisationSchema }),
  persons: z.object({ reference, person: newPersonSchema }),
  contacts: z.object({
    reference,
    organisationReference: reference,
    person: newPersonSchema,
    role: trimmed(100),
    owner: z.boolean(),
  }),
  invoices: z.object({
    number: trimmed(50),
    invoiceDate: calendarDate,
    supplyDate: calendarDate.optional(),
    customer: reference,
    paidOn: calendarDate.optional(),
    line: invoiceLineInputSchema,
  }),
} as const;

export type OrganisationRowInput = z.output<(typeof ROW_SCHEMAS)['organisations']>;
export type PersonRowInput = z.output<(typeof ROW_SCHEMAS)['persons']>;
export type ContactRowInput = z.output<(typeof ROW_SCHEMAS)['contacts']>;
export type InvoiceRowInput = z.output<(typeof ROW_SCHEMAS)['invoices']>;

/** A row's values (by column name) as the input its kind's schema reads. */
export function rowInput(kind: ImportKind, v: Record<string, string>): unknown {
  switch (kind) {
    case 'organisations':
      return {
        reference: v.reference ?? '',
        organisation: {
          name: v.name ?? '',
          kind: KINDS[key(v.kind ?? '')] ?? v.kind ?? '',
          kvkNumber: optional(v.kvk_number)?.replace(/\s/g, ''),
          vatNumber: optional(v.vat_number),
          email: optional(v.email)?.toLowerCase(),
          phone: optional(v.phone),
          addresses: address(v, 'billing'),
        },
      };
    case 'persons':
      return { reference: v.reference ?? '', person: personFields(v) };
    case 'contacts': {
      const owner = (v.owner ?? '').trim().toLowerCase();
      return {
        reference: v.reference ?? '',
        organisationReference: v.organisation ?? '',
        person: personFields(v),
        role: v.role ?? '',
        owner: YES.has(owner) ? true : NO.has(owner) ? false : owner,
      };
    }
    case 'invoices':
      return {
        number: v.number ?? '',
        invoiceDate: dateOf(v.invoice_date ?? ''),
        supplyDate: optional(v.supply_date) === undefined ? undefined : dateOf(v.supply_date ?? ''),
        customer: v.customer ?? '',
        paidOn: optional(v.paid_on) === undefined ? undefined : dateOf(v.paid_on ?? ''),
        line: {
          description: v.description ?? '',
          quantity: decimalOf(v.quantity ?? ''),
          unitPriceCents: centsOf(v.unit_price ?? ''),
          vatRate: percentageOf(v.vat_rate ?? ''),
        },
      };
  }
}

// The schema's field names, as the columns of the file that hold them.
const FIELD_COLUMNS: Record<string, string> = {
  reference: 'reference',
  organisationReference: 'organisation',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  language: 'language',
  name: 'name',
  kind: 'kind',
  kvkNumber: 'kvk_number',
  vatNumber: 'vat_number',
  street: 'street',
  postalCode: 'postal_code',
  city: 'city',
  country: 'country',
  role: 'role',
  owner: 'owner',
  number: 'number',
  invoiceDate: 'invoice_date',
  supplyDate: 'supply_date',
  customer: 'customer',
  description: 'description',
  quantity: 'quantity',
  unitPriceCents: 'unit_price',
  vatRate: 'vat_rate',
  paidOn: 'paid_on',
};

/** The column a schema issue is about: the last field of its path that is a column. */
export function columnOf(kind: ImportKind, path: readonly PropertyKey[]): string {
  for (const p of [...path].reverse()) {
    const column = FIELD_COLUMNS[String(p)];
    if (column !== undefined) return column;
  }
  return referenceColumn(kind);
}
