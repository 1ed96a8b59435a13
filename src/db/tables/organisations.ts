// Organisations as customers and their contact persons (issue 20; docs/organisations.md).

import type { Generated } from 'kysely';
import type { ADDRESS_KINDS } from '../vocabulary.ts';

/** What an organisation is in law: a legal entity's data is not personal data; a sole trader's or partnership's is. */
export type OrganisationKind = 'legal_entity' | 'sole_trader' | 'partnership';

export interface OrganisationsTable {
  id: string;
  /** O-######## : random, like a subject's reference. */
  reference: string;
  name: string;
  kind: OrganisationKind;
  /** The eight digits of the Dutch trade register (KvK). */
  kvk_number: string | null;
  /** The VAT identification number (btw-id), NL999999999B99 in the Netherlands. */
  vat_number: string | null;
  email: string | null;
  phone: string | null;
  /** The reference in the administration it was imported from (unique), and which import: "import: <file>, <date>". */
  external_reference: Generated<string | null>;
  import_source: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface OrganisationAddressesTable {
  id: string;
  organisation_id: string;
  kind: (typeof ADDRESS_KINDS)[number];
  street: string;
  postal_code: string;
  city: string;
  country: string;
  created_at: string;
}

/** A subject as a contact person of an organisation; goes with either side. */
export interface ContactRolesTable {
  organisation_id: string;
  subject_id: string;
  /** The person's role in words, as the organisation gave it ("inkoper", "directeur"). */
  role: string;
  /** 1: the sole trader or a partner, whose personal data the organisation's own data is. */
  owner: number;
  created_at: string;
}
