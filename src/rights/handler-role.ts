import type { RightsRequestRow } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { isRight } from '../shared/request-kind.ts';

/**
 * The role that decides on rights (the policy: "dpo … decides on requests"; the guard's restriction check
 * names the same role). Staff answer questions and complaints.
 */
export const DECIDES_ON_RIGHTS = 'dpo';

/** Refuses a decision or answer on a right by anyone but the dpo. */
export function requireHandler(actor: Actor, row: RightsRequestRow): void {
  if (isRight(row.kind) && actor.role !== DECIDES_ON_RIGHTS) {
    throw forbidden(`Only the ${DECIDES_ON_RIGHTS} decides on and answers a request of kind ${row.kind}`);
  }
}
