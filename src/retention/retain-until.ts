import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { ProcessingFollowUp } from '../guard/guard.ts';
import type { Clock } from '../shared/clock.ts';
import type { Policy } from '../policy/policy.ts';
import { reductionDay } from './reduction.ts';
import { type RecordRetention, loadSubjects, subjectRetention } from './retention-plan.ts';
import * as storedDates from './retain-until.repository.ts';
import type { Executor } from '../db/executor.ts';

/** Subjects recomputed per transaction when every stored date is computed again. */
const RECOMPUTE_BATCH = 500;

// Bump when the way dates are computed changes, so stored dates are computed again on the next sweep.
// 2: a rule may count from the end of the book year (AWR art. 52 lid 4), so fiscal dates move.
// 3: quotes and agreements that never ended get the day they ended (period-starts.ts), consents a date of
// their own, and subjects the day only fiscal records keep them (`reduce_on`, reduction.ts).
// 4: a sole trader's or partnership's agreements and invoices get dates, counted as their owners'
// (owned-organisations.repository.ts).
const COMPUTATION = 4;

/**
 * Computes the retention of every swept record of the subjects again and stores what changed in
 * `retain_until` / `retain_rule`, in the caller's transaction. Cheap: a handful of reads per call, and
 * writes only where a date moved.
 */
export async function refreshRetention(trx: Executor, policy: Policy, subjectIds: string[]): Promise<number> {
  if (subjectIds.length === 0) return 0;
  const rows = await loadSubjects(trx, subjectIds);
  const stored = new Map<string, { retain_until: string | null; retain_rule: string | null }>();
  for (const r of [...rows.agreements, ...rows.invoices, ...rows.cases, ...rows.consents]) stored.set(r.id, r);
  const computed = subjectIds.map((id) => subjectRetention(policy, id, rows));
  let changed = await storeChanged(trx, stored, latestPerRecord(computed.flat()));
  for (const [n, id] of subjectIds.entries()) {
    // The day only fiscal records keep the person (reduction.ts), which the sweep reads like retain_until.
    const subject = rows.subjects.get(id);
    const reduceOn = reductionDay(policy, id, rows, computed[n] ?? []);
    if (subject === undefined || subject.reduce_on === reduceOn) continue;
    await storedDates.setReduceOn(trx, id, reduceOn);
    changed += 1;
  }
  return changed;
}

/**
 * A partnership's record is computed once per partner read (a hold of one of them may keep it longer): the
 * latest date keeps it, a record kept without end by one stays without end.
 */
function latestPerRecord(computed: RecordRetention[]): RecordRetention[] {
  const byId = new Map<string, RecordRetention>();
  for (const c of computed) {
    const seen = byId.get(c.id);
    if (seen === undefined || (seen.until !== null && (c.until === null || c.until > seen.until))) byId.set(c.id, c);
  }
  return [...byId.values()];
}

async function storeChanged(
  trx: Executor,
  stored: Map<string, { retain_until: string | null; retain_rule: string | null }>,
  computed: RecordRetention[],
): Promise<number> {
  let changed = 0;
  for (const c of computed) {
    const now = stored.get(c.id);
    if (now !== undefined && now.retain_until === c.until && now.retain_rule === c.rule) continue;
    await storedDates.setRetention(trx, c.recordType, c.id, c);
    changed += 1;
  }
  return changed;
}

// Writes that can move a record's retention: a new or changed record, a hold placed or released, a
// deletion (an invoice erased no longer keeps its agreement).
const WRITES = new Set(['collect', 'store', 'modify', 'erase']);

/**
 * Keeps `retain_until` current: after every write through the guard, the retention of the subjects it
 * touched is computed again in the same transaction, so a date is never older than its record.
 */
export function retentionFollowUp(policy: Policy): ProcessingFollowUp {
  return {
    name: 'retain-until',
    async afterWork(processing, subjectIds, trx) {
      if (!WRITES.has(processing.operation)) return;
      await refreshRetention(trx, policy, subjectIds);
    },
  };
}

/** The fingerprint of everything stored dates depend on: the retention rules and the way they are applied. */
export function retentionFingerprint(policy: Policy): string {
  const rules = policy.document.retention;
  return createHash('sha256').update(JSON.stringify({ COMPUTATION, rules })).digest('hex');
}

/**
 * Makes sure the stored dates were computed under the policy's current rules: after the migration that
 * added them, or after a change of the rules, every subject is computed again (in batches, each its own
 * transaction; a crash leaves the fingerprint unchanged, so the next call starts over). Returns the number
 * of records whose date changed, or null when the dates were current.
 */
export async function ensureRetentionDates(db: Kysely<DB>, policy: Policy, clock: Clock): Promise<number | null> {
  const fingerprint = retentionFingerprint(policy);
  if ((await storedDates.basisFingerprint(db)) === fingerprint) return null;
  let changed = 0;
  let after = '';
  for (;;) {
    const ids = await storedDates.subjectIdsAfter(db, after, RECOMPUTE_BATCH);
    if (ids.length === 0) break;
    after = ids.at(-1) as string;
    changed += await db.transaction().execute((trx) => refreshRetention(trx, policy, ids));
  }
  await storedDates.setBasis(db, fingerprint, clock.now().toISOString());
  return changed;
}
