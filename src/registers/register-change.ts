import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, RecipientRow } from '../db/types.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import type { Operation } from '../policy/policy.schema.ts';
import type { Problem } from '../shared/parse.ts';
import * as recipients from './recipient.repository.ts';
import type { Recipient } from './recipient.schema.ts';
import { requireCapability } from '../guard/capability.ts';

/** What a change did, for the recipient's history and the processing log. */
export interface ChangeDone {
  change: string;
  operation: Operation;
}

/** The dpo (whoever holds `registers`) keeps the register; everyone signed in may read it. */
export function requireKeeper(policy: Policy, actor: Actor): void {
  requireCapability(policy, actor, 'registers', 'change the registers');
}

export function refuseProblems(what: string, problems: Problem[]): void {
  if (problems.length > 0)
    throw validationFailed(`Invalid ${what}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
}

/**
 * Runs a change of an existing recipient (or of one of its companies) in one transaction, then writes the
 * recipient's history row and a processing-log entry (Art. 5(2) accountability) in that same transaction.
 */
export async function changeRecipient(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  now: string,
  work: (trx: Transaction<DB>, current: RecipientRow, now: string) => Promise<ChangeDone>,
): Promise<Recipient> {
  return db.transaction().execute(async (trx) => {
    const current = await recipients.getRow(trx, id);
    if (current === undefined) throw notFound('Recipient', id);
    const { change, operation } = await work(trx, current, now);
    await recipients.updateRow(trx, id, { updated_at: now });
    const row = await recipients.getRow(trx, id);
    if (row === undefined) throw notFound('Recipient', id);
    await recordChange(trx, actor, row, operation, change, now);
    return (await recipients.getRecipient(trx, id)) ?? recipients.presentRecipient(row, [], []);
  });
}

/** The history row and the log entry of a change of the register; they name no subject. */
export async function recordChange(
  trx: Transaction<DB>,
  actor: Actor,
  row: RecipientRow,
  operation: Operation,
  change: string,
  at: string,
): Promise<void> {
  await recipients.insertHistory(trx, row, change, `${actor.kind}:${actor.id}`, randomUUID());
  await logAdministration(trx, actor, {
    operation,
    recordType: 'register',
    records: [`recipient:${row.id}`],
    reason: change,
    at,
  });
}
