import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, DisclosureRow, RightsRequestRow } from '../db/types.ts';
import { disclosureRefused } from '../errors.ts';
import { type Actor, actorRef } from '../guard/actor.ts';
import * as disclosures from './disclosure.repository.ts';

/** A transfer Art. 20(2) asks for: the person's request, whose data, which categories, and what Art. 20 reaches. */
export interface PortabilityTransfer {
  request: Pick<
    RightsRequestRow,
    'id' | 'reference' | 'kind' | 'decision' | 'subject_id' | 'transfer_organisation' | 'transfer_email' | 'transfer_confirmed_at'
  >;
  subjectId: string;
  categories: readonly string[];
  /** The categories Art. 20(1) reaches under the policy (src/policy/portability-scope.ts). */
  portable: readonly string[];
}

export const PORTABILITY_GROUND =
  'Art. 20(2) GDPR: transmitted directly to the organisation the data subject named, at their request';

/**
 * P8 says personal data go to no one outside the register of recipients. Art. 20(2) is the one exception: the
 * person's own right to have their data sent to an organisation they name. Allowed only when all of it holds:
 * a portability request of this very person, granted, naming an organisation and its address, that address
 * confirmed by the person from the mailbox we hold for them, and only categories Art. 20(1) reaches. Anything
 * else is refused as P8 refuses an unknown recipient (recipient_unknown) or a category (category_not_registered).
 */
export function requirePortabilityTransfer(t: PortabilityTransfer): { name: string; email: string } {
  const r = t.request;
  const refuse = (why: string) =>
    disclosureRefused(
      'recipient_unknown',
      `${why}: we give personal data to no one outside the register (P8), except to an organisation the person named in their own granted request for portability and confirmed (Art. 20(2))`,
    );
  if (r.kind !== 'portability') throw refuse(`Request ${r.reference} is no request for portability`);
  if (r.decision !== 'granted' && r.decision !== 'partly_granted') throw refuse(`Request ${r.reference} is not granted`);
  if (r.subject_id !== t.subjectId) throw refuse(`Request ${r.reference} is not this person's`);
  if (r.transfer_organisation === null || r.transfer_email === null)
    throw refuse(`Request ${r.reference} names no organisation to send the data to`);
  if (r.transfer_confirmed_at === null) throw refuse(`The person has not confirmed ${r.transfer_email} from their mailbox`);
  const outside = t.categories.filter((c) => !t.portable.includes(c));
  if (outside.length > 0) {
    throw disclosureRefused(
      'category_not_registered',
      `Art. 20(1) does not reach ${outside.join(', ')}: only data the person provided, processed on consent or a contract, go to the organisation they named`,
      { categories: outside, registered: t.portable },
    );
  }
  return { name: r.transfer_organisation, email: r.transfer_email };
}

/**
 * Records the transfer in the disclosure log (accountability, Art. 5(2); the person's actual recipients, Art.
 * 15(1)(c)) after `requirePortabilityTransfer` allowed it. Released at once: no advance notice, since the person
 * asked for it and confirmed it themselves. Call it inside the guard's `disclose` processing of the person.
 */
export async function recordPortabilityTransfer(
  trx: Transaction<DB>,
  actor: Actor,
  t: PortabilityTransfer,
  purpose: string,
  at: string,
): Promise<DisclosureRow> {
  const to = requirePortabilityTransfer(t);
  const row: DisclosureRow = {
    id: randomUUID(),
    subject_id: t.subjectId,
    kind: 'portability',
    recipient_id: null,
    company_id: null,
    recipient_name: to.name,
    recipient_email: to.email,
    request_id: t.request.id,
    authority: null,
    authority_reference: null,
    categories: JSON.stringify(t.categories),
    purpose,
    legal_ground: PORTABILITY_GROUND,
    mode: 'export',
    format: 'zip',
    description: `portability package of request ${t.request.reference}, by a download link to ${to.email}`,
    status: 'released',
    notice: 'not_required',
    notice_outbox_id: null,
    notice_reason: 'the person asked for it and confirmed the address themselves (Art. 20(2) GDPR)',
    processor_agreement_id: null,
    batch_id: null,
    requested_by: actorRef(actor),
    requested_at: at,
    released_at: at,
    released_by: actorRef(actor),
    exported_at: null,
    cancelled_at: null,
    cancel_reason: null,
  };
  await disclosures.insert(trx, [row]);
  return row;
}
