import { randomInt } from 'node:crypto';
import type { CaseRow } from '../db/types.ts';
import * as cases from './case.repository.ts';
import type { Executor } from '../db/executor.ts';

const MAX_ATTEMPTS = 20;

/**
 * A case reference such as Z-2026-048213, in the year the case was opened. Random rather than sequential:
 * people quote it back to us to show who they are (statement, Correspondentie: "vragen we naar een
 * kenmerk"), so one reference must not reveal the next.
 */
export const randomCaseReference = (openedAt: string): string =>
  `Z-${openedAt.slice(0, 4)}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;

/**
 * Inserts the case under the first candidate reference that is free. The unique constraint decides, not a
 * prior lookup, so two transactions that draw the same number at once cannot both have it.
 */
export async function insertWithFreeReference(
  db: Executor,
  row: Omit<CaseRow, 'reference'>,
  nextReference: () => string = () => randomCaseReference(row.opened_at),
): Promise<CaseRow> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const candidate = { ...row, reference: nextReference() };
    if (await cases.createIfReferenceFree(db, candidate)) return candidate;
  }
  throw new Error(`No free case reference after ${MAX_ATTEMPTS} attempts`);
}
