// The shapes the organisation pages read, as src/organisations/organisation.schema.ts defines them.
import type { Address, Agreement, Invoice } from '../customers/types.ts';

export const ORGANISATION_KINDS = ['legal_entity', 'sole_trader', 'partnership'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  id: string;
  reference: string;
  name: string;
  kind: OrganisationKind;
  personalData: boolean;
  kvkNumber: string | null;
  vatNumber: string | null;
  email: string | null;
  phone: string | null;
  addresses: Address[];
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  subjectId: string;
  reference: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  role: string;
  owner: boolean;
  since: string;
}

export interface OrganisationCase {
  id: string;
  subjectId: string;
  kind: string;
  title: string;
  reference: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
}

export interface OrganisationView {
  organisation: Organisation;
  contacts: Contact[];
  agreements: Agreement[];
  invoices: Invoice[];
  cases: OrganisationCase[];
}

export interface OrganisationSummary {
  id: string;
  reference: string;
  name: string;
  kind: OrganisationKind;
  kvkNumber: string | null;
  contacts: { subjectId: string; firstName: string; lastName: string; role: string }[];
}
