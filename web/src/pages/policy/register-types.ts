// The register of recipients as the policy page reads it (src/registers/recipient.schema.ts).

export interface Agreement {
  signedOn: string;
  expiresOn: string | null;
  documentReference: string;
}

/** A company within a recipient category: who actually receives the data (P9). */
export interface Company {
  id: string;
  legalName: string;
  kvkNumber: string | null;
  country: string;
  role: 'processor' | 'controller';
  active: boolean;
  agreement: Agreement | null;
}

export interface Recipient {
  id: string;
  name: { nl: string; en: string };
  role: 'processor' | 'controller' | 'authority';
  purposes: string[];
  country: string;
  active: boolean;
  agreement: Agreement | null;
  companies: Company[];
}
