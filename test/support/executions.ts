import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { RightsRequestRow, RightsRequestsTable } from '../../src/db/types.ts';
import type { Actor } from '../../src/guard/actor.ts';
import type { Policy } from '../../src/policy/policy.ts';
import type { TestApp } from '../harness.ts';
import type { ExecutionOutcome } from '../../src/rights/executors/executor.ts';
import type { RequestKind } from '../../src/shared/request-kind.ts';
import { createExecutors } from '../../src/rights/executors/index.ts';
import type { DisclosureSource } from '../../src/disclosures/recipient-notice-queue.ts';

// Helpers of the execution tests: a verified request inserted as the request workflow leaves it, and the
// executor run in a transaction, as the decision runs it.

/** The dpo who decides; a user id that needs no account (the log only records it). */
export const DPO: Actor = { kind: 'user', id: 'dpo-execution-test', role: 'dpo' };
export const STAFF: Actor = { kind: 'user', id: 'staff-execution-test', role: 'staff' };

let counter = 0;

/** Inserts a verified, granted request of the kind for the subject and returns its row. */
export async function newRequest(
  t: TestApp,
  kind: RequestKind,
  subjectId: string | null,
  overrides: Partial<Insertable<RightsRequestsTable>> = {},
): Promise<RightsRequestRow> {
  counter += 1;
  const now = new Date().toISOString();
  const id = randomUUID();
  await t.database.db
    .insertInto('rights_requests')
    .values({
      id,
      reference: `V-2026-T${String(counter).padStart(5, '0')}${String(Math.random()).slice(2, 6)}`,
      kind,
      channel: 'portal',
      language: 'nl',
      received_at: now,
      due_on: '2026-12-31',
      requester_name: 'Anna de Vries',
      requester_email: `requester${counter}@example.nl`,
      details: 'Test request',
      subject_id: subjectId,
      status: 'verified',
      verification_method: 'email_code',
      verified_at: now,
      decision: 'granted',
      decided_at: now,
      decided_by: DPO.id,
      created_by: 'portal',
      created_at: now,
      updated_at: now,
      ...overrides,
    })
    .execute();
  return t.database.db.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Runs the executor of the request's kind in one transaction, as the decision does. */
export async function execute(
  t: TestApp,
  request: RightsRequestRow,
  options: { disclosures?: DisclosureSource; actor?: Actor; policy?: Policy } = {},
): Promise<ExecutionOutcome> {
  const executors = createExecutors({
    guard: t.services.guard,
    policy: options.policy ?? t.services.policy,
    disclosures: options.disclosures,
  });
  const executor = executors.get(request.kind);
  if (executor === undefined) throw new Error(`no executor for ${request.kind}`);
  return t.database.db.transaction().execute((trx) => executor.execute(trx, request, options.actor ?? DPO));
}

type SubjectTable =
  | 'subject_addresses'
  | 'agreements'
  | 'invoices'
  | 'cases'
  | 'messages'
  | 'attachments'
  | 'consents'
  | 'restrictions'
  | 'objections'
  | 'access_packages';

/** Rows of a subject in a table. */
export async function countOf(t: TestApp, table: SubjectTable, subjectId: string): Promise<number> {
  const r = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', subjectId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The newest entries of the processing log, newest first. */
export const lastEntries = (t: TestApp, n: number) =>
  t.database.db
    .selectFrom('processing_log')
    .select(['seq', 'operation', 'record_type', 'purpose', 'outcome', 'reason', 'subject_ids', 'records', 'actor_role'])
    .orderBy('seq', 'desc')
    .limit(n)
    .execute();
