import type { Executor } from '../db/executor.ts';
import { ownedOrganisations, ownerCounts } from './owned-organisations.repository.ts';

// A sole trader's or partnership's own data is the personal data of its owners (owned-organisations.repository.ts):
// it goes, or is reduced, with them only when no other owner remains.

/**
 * The sole traders and partnerships every owner of which is among the subjects, each with one of them: what
 * goes or is reduced with those persons. A partnership with a partner outside the set stays theirs.
 */
export async function ownedOnlyBy(db: Executor, subjectIds: readonly string[]): Promise<Map<string, string>> {
  const owned = await ownedOrganisations(db, subjectIds);
  const ownersIn = new Map<string, string[]>();
  for (const [owner, list] of owned) for (const o of list) ownersIn.set(o, [...(ownersIn.get(o) ?? []), owner]);
  const counts = await ownerCounts(db, [...ownersIn.keys()]);
  const only = new Map<string, string>();
  for (const [organisation, owners] of ownersIn)
    if (owners.length === counts.get(organisation) && owners[0] !== undefined) only.set(organisation, owners[0]);
  return only;
}
