import type { DisclosureRow } from '../db/types.ts';
import { KluisError, isKluisError } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, Processing, ProcessingContext } from '../guard/guard.ts';
import type { Operation, Policy } from '../policy/policy.ts';
import { listCompanyRows } from '../registers/company.repository.ts';
import { listRows } from '../registers/recipient.repository.ts';
import { includedRecords } from './disclosure-rules.ts';
import { presentDisclosure, registerNames } from './disclosure.presenter.ts';
import * as disclosures from './disclosure.repository.ts';
import type { Disclosure } from './disclosure.schema.ts';
import type { Executor } from '../db/executor.ts';
import { requireCapability } from '../guard/capability.ts';

/** What the rules of a disclosure need to know about it before reading it. */
export type Routing = Pick<DisclosureRow, 'id' | 'subject_id' | 'kind' | 'purpose' | 'categories' | 'legal_ground' | 'notice'>;

/** Who did something, as the disclosure log records it. */
export { actorRef } from '../guard/actor.ts';

/** A demand of an authority is the dpo's (P8): whoever holds the legal_demands capability. */
export const mayHandleLegalDemands = (policy: Policy, actor: Actor): boolean => policy.mayAdminister(actor.role, 'legal_demands');

export function requireMayHandle(policy: Policy, actor: Actor, kind: string): void {
  if (kind === 'legal_demand') requireCapability(policy, actor, 'legal_demands', 'handle legal demands');
}

/**
 * Whether the actor may see this entry of the disclosure log. A legal demand whose notice the law forbids
 * (P9; Art. 23) is seen by the dpo alone: whoever sees it could tell the person.
 */
export const visibleTo = (policy: Policy, actor: Actor, row: Pick<DisclosureRow, 'kind' | 'notice'>): boolean =>
  !(row.kind === 'legal_demand' && row.notice === 'suppressed') || mayHandleLegalDemands(policy, actor);

/**
 * A disclosure the law demands (Art. 6(1)(c)): the guard lets it through a restriction (Art. 18(2), an
 * important public interest) and an objection (Art. 21 does not reach it), and logs why.
 */
export const legalObligation = (legalGround: string): Processing['exception'] => ({
  ground: 'legal_obligation',
  reason: `legal demand (Art. 6(1)(c), 23 GDPR): ${legalGround}`,
});

/** The processing of one disclosure's data, for the guard: its subject, purpose and every record type it reads. */
export function processingOf(actor: Actor, routing: Routing, operation: Operation, note: string): Processing {
  const categories = JSON.parse(routing.categories) as string[];
  return {
    actor,
    operation,
    recordType: 'subject',
    includes: includedRecords(categories),
    subjectId: routing.subject_id,
    purpose: routing.purpose,
    exception: routing.kind === 'legal_demand' ? legalObligation(routing.legal_ground) : undefined,
    note,
  };
}

/**
 * Runs a disclosure through the guard. The guard refuses a restricted person (Art. 18) or an upheld objection
 * (Art. 21) and logs it as denied; the caller hears the guard's own codes, `restricted` / `objected`, as every
 * other route does (one stable code per refusal), with a message that says nothing was disclosed.
 */
export async function guarded<T>(guard: Guard, processing: Processing, work: (ctx: ProcessingContext) => Promise<T>): Promise<T> {
  try {
    return await guard.process(processing, work);
  } catch (error) {
    if (isKluisError(error) && (error.code === 'restricted' || error.code === 'objected')) {
      throw new KluisError(error.code, `${error.message}; nothing was disclosed`, error.details);
    }
    throw error;
  }
}

/** Rows of the log as the API shows them, with the companies' and recipients' names and the state of each notice. */
export async function presentRows(db: Executor, rows: DisclosureRow[]): Promise<Disclosure[]> {
  if (rows.length === 0) return [];
  const outboxIds = [...new Set(rows.flatMap((r) => (r.notice_outbox_id === null ? [] : [r.notice_outbox_id])))];
  const [recipients, companies, messages] = await Promise.all([
    listRows(db),
    listCompanyRows(db),
    disclosures.noticeMessages(db, outboxIds),
  ]);
  const names = registerNames(recipients, companies);
  const byId = new Map(messages.map((m) => [m.id, m]));
  return rows.map((r) => presentDisclosure(r, names, byId));
}

/** Whether the notice went out at least the lead time ago: then the data may go. */
export async function noticeDelivered(db: Executor, outboxId: string | null, now: Date, leadMs: number): Promise<boolean> {
  if (outboxId === null) return false;
  const [message] = await disclosures.noticeMessages(db, [outboxId]);
  return (
    message?.status === 'sent' && message.sent_at !== null && message.sent_at <= new Date(now.getTime() - leadMs).toISOString()
  );
}
