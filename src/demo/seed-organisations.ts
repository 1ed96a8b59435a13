import type { Actor } from '../guard/actor.ts';
import type { OrganisationKind } from '../organisations/organisation.schema.ts';
import type { Services } from '../services.ts';
import { businessDate } from '../shared/business-day.ts';

/** The demo's business customers: the employers of its contact persons (demo-data.ts EMPLOYERS), and one sole trader. */
const ORGANISATIONS: {
  name: string;
  kind: OrganisationKind;
  kvkNumber: string;
  vatNumber: string;
  street: string;
  postalCode: string;
  city: string;
  role: string;
}[] = [
  {
    name: 'Bouwbedrijf Dekker B.V.',
    kind: 'legal_entity',
    kvkNumber: '30123456',
    vatNumber: 'NL812345678B01',
    street: 'Kanaalweg 14',
    postalCode: '3526 KL',
    city: 'Utrecht',
    role: 'hoofd administratie',
  },
  {
    name: 'Tandartspraktijk Oudegracht',
    kind: 'partnership',
    kvkNumber: '30234567',
    vatNumber: 'NL823456789B01',
    street: 'Oudegracht 210',
    postalCode: '3511 NR',
    city: 'Utrecht',
    role: 'praktijkmanager',
  },
  {
    name: 'Van Leeuwen Advocaten',
    kind: 'legal_entity',
    kvkNumber: '30345678',
    vatNumber: 'NL834567890B01',
    street: 'Maliebaan 50',
    postalCode: '3581 CS',
    city: 'Utrecht',
    role: 'office manager',
  },
  {
    name: 'Bakkerij De Korenschoof',
    kind: 'sole_trader',
    kvkNumber: '30456789',
    vatNumber: 'NL845678901B01',
    street: 'Voorstraat 8',
    postalCode: '3512 AJ',
    city: 'Utrecht',
    role: 'eigenaar',
  },
];

/** Where the policy declares the data of contact persons, the demo has organisations with them; otherwise none. */
export function policyHasContactPersons(services: Services): boolean {
  const declared = services.policy.document.records.subject.categories;
  return declared.includes('user.workplace') && declared.includes('user.job_title');
}

/**
 * The demo's organisations, through the services and so the guard: each with its address, KvK and VAT number, the
 * demo's customers whose employer it is as contact persons, an agreement and an issued invoice addressed to one of
 * them. The sole trader's contact is its owner, whose personal data the bakery's details are.
 */
export async function seedOrganisations(
  services: Services,
  actor: Actor,
  employees: ReadonlyMap<string, readonly string[]>,
): Promise<{ organisations: number; contacts: number; agreements: number; invoices: number }> {
  const summary = { organisations: 0, contacts: 0, agreements: 0, invoices: 0 };
  if (!policyHasContactPersons(services)) return summary;
  const { organisations, records } = services.organisations;
  for (const o of ORGANISATIONS) {
    const organisation = await organisations.create(actor, {
      name: o.name,
      kind: o.kind,
      kvkNumber: o.kvkNumber,
      vatNumber: o.vatNumber,
      email: `info@${o.name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      addresses: [{ kind: 'postal', street: o.street, postalCode: o.postalCode, city: o.city, country: 'NL' }],
    });
    summary.organisations += 1;
    // The demo's customers whose employer this is, in the order they were created (seed.ts).
    const people = (employees.get(o.name) ?? []).map((id) => ({ id }));
    let first: string | undefined;
    for (const [n, p] of people.entries()) {
      const owner = o.kind !== 'legal_entity' && n === 0;
      await organisations.addContact(actor, organisation.id, { subjectId: p.id, role: n === 0 ? o.role : 'medewerker', owner });
      first ??= p.id;
      summary.contacts += 1;
    }
    const contactId = first === undefined ? {} : { contactId: first };
    await records.createAgreement(actor, organisation.id, {
      kind: 'agreement',
      title: 'Beheerovereenkomst werkplekken',
      status: 'active',
      startDate: '2025-01-01',
      ...contactId,
    });
    summary.agreements += 1;
    const draft = await records.createInvoice(actor, organisation.id, {
      lines: [{ description: 'Beheer werkplekken (per maand)', quantity: 8, unitPriceCents: 4_500, vatRate: 21 }],
      ...contactId,
    });
    await services.invoices.issue(actor, draft.id, {
      completedOn: businessDate(new Date(Date.now() - 30 * 86_400_000)),
    });
    summary.invoices += 1;
  }
  return summary;
}
