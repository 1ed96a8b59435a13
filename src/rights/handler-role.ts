import type { RightsRequestRow } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { DECIDES_ON_RIGHTS } from '../guard/request-handler.ts';
import { isRight } from '../shared/request-kind.ts';

export { DECIDES_ON_RIGHTS };

/** Refuses a decision or answer on a right by anyone but the dpo. */
export function requireHandler(actor: Actor, row: RightsRequestRow): void {
  if (isRight(row.kind) && actor.role !== DECIDES_ON_RIGHTS) {
    throw forbidden(`Only the ${DECIDES_ON_RIGHTS} decides on and answers a request of kind ${row.kind}`);
  }
}
