import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { type KluisError, forbidden } from '../errors.ts';
import type { Policy } from '../policy/policy.ts';
import { type AdminCapability, type Operation, RECORD_TYPES } from '../policy/policy.schema.ts';
import type { Actor } from './actor.ts';
import { logAdministration } from './admin-log.ts';
import type { AdministeredType } from './log-record-types.ts';
import { handlesRequests } from './request-handler.ts';
import { type Clock, isoNow } from '../shared/clock.ts';

/** What each capability administers, as the processing log names the kind of thing (web labels: label.recordType.*). */
const ADMINISTERED: Record<AdminCapability, AdministeredType> = {
  users: 'account',
  processing_log: 'processing_log',
  registers: 'register',
  statement: 'statement',
  outbox: 'outbox',
  holds: 'legal_hold',
  breaches: 'breach',
  self_checks: 'self_check',
  legal_demands: 'legal_demand',
};

interface Refusal {
  actor: Actor;
  capability: AdminCapability;
}

// A refusal is thrown where the check is, often before or inside a transaction that then rolls back; it is
// logged once the request is over (logRefusal), as the guard logs its own refusals after the transaction.
const refusals = new WeakMap<KluisError, Refusal>();

/**
 * The one check for administration outside personal data (accounts, registers, the statement, holds, breaches,
 * the self-check, the log itself): the policy's `roles.*.administer` decides. Refused, it throws `forbidden`
 * and remembers the attempt, which `logRefusal` writes to the processing log as `denied`: who tried to do what
 * they may not belongs in the same tamper-evident record as what they did (Art. 5(2), 32(1)(b) GDPR).
 * `doing` completes "The role … may not …".
 */
export function requireCapability(policy: Policy, actor: Actor, capability: AdminCapability, doing: string): void {
  if (policy.mayAdminister(actor.role, capability)) return;
  const error = forbidden(`The role ${actor.role} may not ${doing}`);
  refusals.set(error, { actor, capability });
  throw error;
}

/**
 * What the back office may offer a role besides administration, from the same policy the API enforces: the
 * customers' records (consult subject), cases and requests (consult case), invoices (consult), invoicing
 * (modify invoice), deleting a draft invoice (erase invoice), discarding a mail of the inbox (erase message),
 * exporting everything held (export of every record type), the fiscal export of invoices to the accountant (export
 * invoice), handling the rights of persons (Art. 15-22: deciding, releasing packages, the Art. 19 notices;
 * handlesRequests).
 */
export const WORK_CAPABILITIES = [
  'customers',
  'cases',
  'invoices',
  'invoicing',
  'delete_drafts',
  'discard_mail',
  'export_all',
  'fiscal_export',
  'rights',
] as const;
export type WorkCapability = (typeof WORK_CAPABILITIES)[number];
export type Capability = AdminCapability | WorkCapability;

/**
 * Every capability a role holds: what the web shows or hides (the API decides what each may really do). The
 * web asks for these instead of knowing role names, so a policy with other roles works unchanged.
 */
export function capabilitiesOf(policy: Policy, role: string): Capability[] {
  const work: Record<WorkCapability, boolean> = {
    customers: policy.allows(role, 'consult', 'subject'),
    cases: policy.allows(role, 'consult', 'case'),
    invoices: policy.allows(role, 'consult', 'invoice'),
    invoicing: policy.allows(role, 'modify', 'invoice'),
    delete_drafts: policy.allows(role, 'erase', 'invoice'),
    discard_mail: policy.allows(role, 'erase', 'message'),
    export_all: RECORD_TYPES.every((type) => policy.allows(role, 'export', type)),
    fiscal_export: policy.allows(role, 'export', 'invoice'),
    rights: handlesRequests(policy, role),
  };
  return [
    ...WORK_CAPABILITIES.filter((c) => work[c]),
    ...(Object.keys(ADMINISTERED) as AdminCapability[]).filter((c) => policy.mayAdminister(role, c)),
  ];
}

/**
 * Logs a refusal `requireCapability` raised, in a transaction of its own; nothing for any other error. Call it
 * outside any transaction, once the work that was refused is over. `operation`: what was attempted, as far as the
 * caller knows (a read is a consultation, anything else a change).
 */
export async function logRefusal(db: Kysely<DB>, error: unknown, operation: Operation, clock: Clock): Promise<void> {
  const refusal = error instanceof Error ? refusals.get(error as KluisError) : undefined;
  if (refusal === undefined) return;
  refusals.delete(error as KluisError);
  await db.transaction().execute((trx) =>
    logAdministration(trx, refusal.actor, {
      at: isoNow(clock),
      operation,
      recordType: ADMINISTERED[refusal.capability],
      records: [],
      reason: `forbidden: ${(error as KluisError).message}`,
      outcome: 'denied',
    }),
  );
}
