import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Operation } from '../policy/policy.schema.ts';
import type { Actor } from './actor.ts';
import type { AdministeredType } from './log-record-types.ts';
import { appendEntry } from './processing-log.repository.ts';

/** A change to something that is not personal data (a register, a published statement). */
export interface Administration {
  operation: Operation;
  /** What kind of thing changed: 'register', 'statement', … (one of the log's record types). */
  recordType: AdministeredType;
  /** What changed, as `kind:id` (`recipient:administratiekantoor`). */
  records: string[];
  /** What the change was, in a few words. */
  reason?: string;
  /** When it happened, from the caller's clock (ISO timestamp). */
  at: string;
  /** 'denied' for a refused attempt worth keeping (a failed sign-in); 'allowed' by default. */
  outcome?: 'allowed' | 'denied';
}

/**
 * Logs an administrative change in the processing log, in the caller's transaction, for accountability
 * (Art. 5(2) GDPR): the registers are not personal data, so the guard does not apply, but who changed
 * which recipient and when belongs in the same tamper-evident chain. Names no subject.
 */
export async function logAdministration(trx: Transaction<DB>, actor: Actor, change: Administration): Promise<number> {
  return appendEntry(
    trx,
    {
      at: change.at,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_role: actor.role,
      operation: change.operation,
      purpose: 'administration',
      record_type: change.recordType,
      subject_ids: '[]',
      records: JSON.stringify(change.records),
      outcome: change.outcome ?? 'allowed',
      reason: change.reason ?? null,
    },
    [],
  );
}
