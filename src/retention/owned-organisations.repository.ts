import { idsIn } from '../db/bulk.ts';
import type { Executor } from '../db/executor.ts';

// The queries of who owns which sole trader or partnership. Such an organisation's own data (its name, addresses,
// KvK and VAT number, its agreements and invoices) is the personal data of its owners (CJEU C-92/09 Schecke;
// docs/organisations.md): retention counts it as theirs. Only such an organisation has owners
// (organisation.service.ts refuses an owner of a legal entity), and a legal entity's own records are no one's
// personal data, so they stay out of retention.

/** Per owner, the organisations of kind sole trader or partnership whose owner (`contact_roles.owner`) they are. */
export async function ownedOrganisations(db: Executor, subjectIds: readonly string[]): Promise<Map<string, string[]>> {
  const owned = new Map<string, string[]>();
  if (subjectIds.length === 0) return owned;
  const rows = await db
    .selectFrom('contact_roles')
    .innerJoin('organisations', 'organisations.id', 'contact_roles.organisation_id')
    .select(['contact_roles.subject_id', 'contact_roles.organisation_id'])
    .where('contact_roles.subject_id', 'in', idsIn(db, [...subjectIds]))
    .where('contact_roles.owner', '=', 1)
    .where('organisations.kind', '!=', 'legal_entity')
    .execute();
  for (const r of rows) owned.set(r.subject_id, [...(owned.get(r.subject_id) ?? []), r.organisation_id]);
  return owned;
}

/** Per organisation, all its owners (`contact_roles.owner`). */
export async function ownersOf(db: Executor, organisationIds: readonly string[]): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  if (organisationIds.length === 0) return owners;
  const rows = await db
    .selectFrom('contact_roles')
    .select(['organisation_id', 'subject_id'])
    .where('organisation_id', 'in', idsIn(db, [...organisationIds]))
    .where('owner', '=', 1)
    .execute();
  for (const r of rows) owners.set(r.organisation_id, [...(owners.get(r.organisation_id) ?? []), r.subject_id]);
  return owners;
}

/** Per organisation, how many owners it has: an organisation goes with its owner only when it has no other. */
export async function ownerCounts(db: Executor, organisationIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (organisationIds.length === 0) return counts;
  const rows = await db
    .selectFrom('contact_roles')
    .select(['organisation_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('organisation_id', 'in', idsIn(db, [...organisationIds]))
    .where('owner', '=', 1)
    .groupBy('organisation_id')
    .execute();
  for (const r of rows) counts.set(r.organisation_id, Number(r.n));
  return counts;
}
