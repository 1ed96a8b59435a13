import type { BreachNotificationRow, BreachRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const BREACH_COLUMNS = [
  'id',
  'became_aware_at',
  'description',
  'subject_categories',
  'data_categories',
  'approx_subjects',
  'approx_records',
  'consequences',
  'measures',
  'risk',
  'exemption_ground',
  'exemption_motivation',
  'public_notice_on',
  'public_notice_where',
  'public_notice_text',
  'exemption_recorded_at',
  'exemption_recorded_by',
  'recorded_at',
  'recorded_by',
  'updated_at',
] as const;

const NOTIFICATION_COLUMNS = [
  'id',
  'breach_id',
  'phase',
  'notified_at',
  'reference',
  'summary',
  'late_reason',
  'recorded_at',
  'recorded_by',
] as const;

/** The outbox rows of Art. 34 letters point at their breach with this related type. */
export const LETTER_RELATED_TYPE = 'breach';

export async function insert(db: Executor, row: BreachRow): Promise<void> {
  await db.insertInto('breaches').values(row).execute();
}

export const getById = (db: Executor, id: string): Promise<BreachRow | undefined> =>
  db.selectFrom('breaches').select(BREACH_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Every breach, the most recently discovered first. */
export const list = (db: Executor): Promise<BreachRow[]> =>
  db.selectFrom('breaches').select(BREACH_COLUMNS).orderBy('became_aware_at', 'desc').orderBy('id').execute();

export async function update(
  db: Executor,
  id: string,
  changes: Partial<Omit<BreachRow, 'id' | 'became_aware_at' | 'recorded_at' | 'recorded_by'>>,
): Promise<void> {
  await db.updateTable('breaches').set(changes).where('id', '=', id).execute();
}

export type ExemptionFields = Pick<
  BreachRow,
  | 'exemption_ground'
  | 'exemption_motivation'
  | 'public_notice_on'
  | 'public_notice_where'
  | 'public_notice_text'
  | 'exemption_recorded_at'
  | 'exemption_recorded_by'
  | 'updated_at'
>;

/** Records the Art. 34(3) exemption unless one is recorded already; false then (by someone else meanwhile, too). */
export async function recordExemption(db: Executor, id: string, fields: ExemptionFields): Promise<boolean> {
  const result = await db
    .updateTable('breaches')
    .set(fields)
    .where('id', '=', id)
    .where('exemption_ground', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertNotification(db: Executor, row: BreachNotificationRow): Promise<void> {
  await db.insertInto('breach_notifications').values(row).execute();
}

/** The notifications of the breaches, oldest first. */
export async function notificationsOf(db: Executor, breachIds: string[]): Promise<BreachNotificationRow[]> {
  if (breachIds.length === 0) return [];
  return db
    .selectFrom('breach_notifications')
    .select(NOTIFICATION_COLUMNS)
    .where('breach_id', 'in', breachIds)
    .orderBy('notified_at')
    .orderBy('recorded_at')
    .execute();
}

/** How many Art. 34 letters of each breach the outbox holds, per delivery status. */
export async function letterCounts(
  db: Executor,
  breachIds: string[],
): Promise<{ breachId: string; status: string; n: number }[]> {
  if (breachIds.length === 0) return [];
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['related_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('related_type', '=', LETTER_RELATED_TYPE)
    .where('related_id', 'in', breachIds)
    .groupBy(['related_id', 'status'])
    .execute();
  return rows.map((r) => ({ breachId: r.related_id ?? '', status: r.status, n: Number(r.n) }));
}

/** Of these subjects, those who have a letter about the breach in the outbox already. */
export async function informedSubjects(db: Executor, breachId: string, subjectIds: string[]): Promise<Set<string>> {
  if (subjectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('outbox')
    .select('subject_id')
    .where('related_type', '=', LETTER_RELATED_TYPE)
    .where('related_id', '=', breachId)
    .where('subject_id', 'in', subjectIds)
    .execute();
  return new Set(rows.flatMap((r) => (r.subject_id === null ? [] : [r.subject_id])));
}
