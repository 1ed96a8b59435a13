import type { Kysely } from 'kysely';
import { idsIn } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import { validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { DecidedProcessing, Guard } from '../guard/guard.ts';
import type { Policy, RecordType } from '../policy/policy.ts';
import { isoNow } from '../shared/clock.ts';

// Gender is processed only where the policy declares it. The default policy does not: no law requires it on
// an invoice (art. 35a Wet OB asks for a name and an address), and a title or gender is not necessary for a
// contract or an invoice (CJEU C-394/23 Mousse; Art. 5(1)(c) and 6(1)(c) GDPR).
const GENDER = 'user.gender';

/** Whether the policy processes gender on the record type. */
export const processesGender = (policy: Policy, recordType: 'subject' | 'invoice'): boolean =>
  policy.document.records[recordType].categories.includes(GENDER);

/** Refuses a gender the policy does not process for the record type, with a reason a person can read. */
export function refuseUndeclaredGender(
  policy: Policy,
  recordType: RecordType & ('subject' | 'invoice'),
  value: string | null | undefined,
  path = 'gender',
): void {
  if (value === undefined || value === null || processesGender(policy, recordType)) return;
  const message = 'is not recorded: no law requires a gender and our privacy statement does not ask for it (Art. 5(1)(c) GDPR)';
  throw validationFailed(`Gender ${message}`, [{ path, message }]);
}

/** The one-time job of `one_time_jobs` that erased gender values stored before the policy stopped processing them. */
export const GENDER_ERASURE_JOB = 'erase-gender';
export const GENDER_ERASURE_ACTOR: Actor = { kind: 'system', id: 'gender-erasure', role: 'dpo' };
const REASON =
  'gender erased: no law requires it and the policy no longer processes it (Art. 5(1)(c), 6(1)(c) GDPR; CJEU C-394/23)';
const BATCH = 500;

/**
 * Erases the gender values stored on customers and invoices when the policy no longer processes gender, once
 * per installation at start-up: through the guard, one processing-log entry per person naming the records
 * (so the chain stays whole and `kluis log verify` passes), in batches of one transaction each; the job is
 * recorded as done when every batch is. A crash leaves it undone, and the next start-up finishes it.
 * Returns the number of persons whose gender was erased, or null when there was nothing to do.
 */
export async function eraseUndeclaredGender(db: Kysely<DB>, guard: Guard): Promise<number | null> {
  const onSubjects = !processesGender(guard.policy, 'subject');
  const onInvoices = !processesGender(guard.policy, 'invoice');
  if (!onSubjects && !onInvoices) return null;
  if (
    (await db.selectFrom('one_time_jobs').select('name').where('name', '=', GENDER_ERASURE_JOB).executeTakeFirst()) !== undefined
  )
    return null;
  let persons = 0;
  let invoices = 0;
  for (;;) {
    const [fromSubjects, fromInvoices] = await Promise.all([
      onSubjects
        ? db.selectFrom('subjects').select('id').where('gender', 'is not', null).orderBy('id').limit(BATCH).execute()
        : [],
      onInvoices
        ? db
            .selectFrom('invoices')
            .select('subject_id as id')
            .distinct()
            .where('billing_gender', 'is not', null)
            .where('subject_id', 'is not', null)
            .$narrowType<{ id: string }>()
            .orderBy('subject_id')
            .limit(BATCH)
            .execute()
        : [],
    ]);
    const ids = [...new Set([...fromSubjects, ...fromInvoices].map((r) => r.id))].sort().slice(0, BATCH);
    if (ids.length === 0) break;
    await db.transaction().execute(async (trx) => {
      // The updates return what they changed: a second instance starting at the same moment (two behind one
      // PostgreSQL) waits on the row locks and then finds nothing left, so each erasure is logged exactly once.
      const subjects = onSubjects
        ? await trx
            .updateTable('subjects')
            .set({ gender: null })
            .where('id', 'in', idsIn(trx, ids))
            .where('gender', 'is not', null)
            .returning('id')
            .execute()
        : [];
      const rows = onInvoices
        ? await trx
            .updateTable('invoices')
            .set({ billing_gender: null })
            .where('subject_id', 'in', idsIn(trx, ids))
            .where('billing_gender', 'is not', null)
            .returning(['id', 'subject_id'])
            .$narrowType<{ subject_id: string }>()
            .execute()
        : [];
      const erased = ids.filter((id) => subjects.some((s) => s.id === id) || rows.some((r) => r.subject_id === id));
      const decided = erased.map((id): DecidedProcessing => {
        const own = rows.filter((r) => r.subject_id === id).map((r) => `invoice:${r.id}`);
        const records = [...(subjects.some((s) => s.id === id) ? [`subject:${id}`] : []), ...own];
        return {
          processing: {
            actor: GENDER_ERASURE_ACTOR,
            operation: 'erase',
            recordType: 'subject',
            includes: own.length > 0 ? ['invoice'] : undefined,
            subjectId: id,
            note: REASON,
          },
          subjectIds: [id],
          records,
        };
      });
      if (decided.length > 0) await guard.recordDecided(trx, decided);
      persons += erased.length;
      invoices += rows.length;
    });
  }
  // Two instances may both finish the job; the first record of it stands.
  await db
    .insertInto('one_time_jobs')
    .values({
      name: GENDER_ERASURE_JOB,
      done_at: isoNow(guard.clock),
      outcome: `gender erased of ${persons} person(s), ${invoices} invoice(s) among their records`,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return persons;
}
