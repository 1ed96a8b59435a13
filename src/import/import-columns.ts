import type { ImportKind } from './import-kinds.ts';

// The columns a file of each kind may have, by the names a spreadsheet gives them.

interface Column {
  name: string;
  /** Other names a spreadsheet may give it, Dutch first; compared without case, spaces, dashes or underscores. */
  aliases: string[];
  required?: boolean;
}

const REFERENCE: Column = {
  name: 'reference',
  aliases: [
    'referentie',
    'ref',
    'externe referentie',
    'external reference',
    'klantnummer',
    'relatienummer',
    'nummer',
    'id',
    'uid',
  ],
  required: true,
};
const CONTACT_DETAILS: Column[] = [
  { name: 'email', aliases: ['e-mail', 'e-mailadres', 'mail', 'email address'] },
  { name: 'phone', aliases: ['telefoon', 'telefoonnummer', 'tel', 'telephone', 'phone number'] },
];
const ADDRESS: Column[] = [
  { name: 'street', aliases: ['straat', 'adres', 'address', 'straat en huisnummer'] },
  { name: 'postal_code', aliases: ['postcode', 'zip', 'zip code', 'postal code'] },
  { name: 'city', aliases: ['plaats', 'woonplaats', 'vestigingsplaats', 'stad', 'town'] },
  { name: 'country', aliases: ['land'] },
];
const NAME: Column[] = [
  { name: 'first_name', aliases: ['voornaam', 'roepnaam', 'first name', 'given name'], required: true },
  { name: 'last_name', aliases: ['achternaam', 'last name', 'surname', 'family name'], required: true },
];

export const COLUMNS: Record<ImportKind, Column[]> = {
  organisations: [
    REFERENCE,
    { name: 'name', aliases: ['naam', 'bedrijfsnaam', 'organisatie', 'organisation', 'company'], required: true },
    { name: 'kind', aliases: ['soort', 'rechtsvorm', 'legal form', 'type'], required: true },
    { name: 'kvk_number', aliases: ['kvk', 'kvk-nummer', 'kvknummer', 'chamber of commerce'] },
    { name: 'vat_number', aliases: ['btw', 'btw-nummer', 'btw-id', 'btw-identificatienummer', 'vat', 'vat id'] },
    ...CONTACT_DETAILS,
    ...ADDRESS,
  ],
  persons: [REFERENCE, ...NAME, ...CONTACT_DETAILS, { name: 'language', aliases: ['taal'] }, ...ADDRESS],
  contacts: [
    REFERENCE,
    {
      name: 'organisation',
      aliases: ['organisatie', 'organisatiereferentie', 'organisation reference', 'bedrijf', 'company reference'],
      required: true,
    },
    ...NAME,
    ...CONTACT_DETAILS,
    { name: 'role', aliases: ['rol', 'functie', 'job title', 'title'], required: true },
    { name: 'owner', aliases: ['eigenaar', 'vennoot', 'partner'] },
  ],
  // One row per invoice line; the lines with the same number are one invoice (docs/import-export.md).
  invoices: [
    { name: 'number', aliases: ['factuurnummer', 'factuurnr', 'factuur', 'invoice number', 'invoice'], required: true },
    { name: 'invoice_date', aliases: ['factuurdatum', 'datum', 'invoice date', 'date', 'issue date'], required: true },
    { name: 'supply_date', aliases: ['leverdatum', 'leveringsdatum', 'datum levering', 'supply date', 'delivery date'] },
    {
      name: 'customer',
      aliases: [
        'klant',
        'klantreferentie',
        'klantnummer',
        'relatie',
        'relatienummer',
        'debiteur',
        'debiteurnummer',
        'customer reference',
      ],
      required: true,
    },
    { name: 'description', aliases: ['omschrijving', 'beschrijving', 'artikel', 'product'], required: true },
    { name: 'quantity', aliases: ['aantal', 'hoeveelheid', 'qty'], required: true },
    { name: 'unit_price', aliases: ['prijs', 'stukprijs', 'eenheidsprijs', 'prijs per stuk', 'price'], required: true },
    { name: 'vat_rate', aliases: ['btw', 'btw-tarief', 'btw%', 'btw-percentage', 'vat', 'vat %'], required: true },
    // The day the invoice was paid in full, when it was: not a yes/no column ('betaald', 'paid'), which would be
    // read as a date that is none.
    {
      name: 'paid_on',
      aliases: [
        'betaald op',
        'betaaldatum',
        'betalingsdatum',
        'datum betaald',
        'datum betaling',
        'paid on',
        'paid date',
        'date paid',
        'payment date',
      ],
    },
  ],
};

/** A name as compared: without case, spaces, dashes, dots or underscores. */
export const key = (name: string) => name.toLowerCase().replace(/[\s_.-]/g, '');

/** Which column of the kind each header cell is (undefined: a column we do not read), and the required ones missing. */
export function mapHeader(kind: ImportKind, header: string[]) {
  const byKey = new Map<string, string>();
  for (const c of COLUMNS[kind]) for (const n of [c.name, ...c.aliases]) byKey.set(key(n), c.name);
  const mapped = header.map((h) => byKey.get(key(h)));
  const missing = COLUMNS[kind].filter((c) => c.required === true && !mapped.includes(c.name)).map((c) => c.name);
  const ignored = header.filter((_, i) => mapped[i] === undefined && header[i] !== '');
  return { mapped, missing, ignored };
}
