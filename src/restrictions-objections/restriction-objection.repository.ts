import type { Insertable } from 'kysely';
import type { LiftReason, ObjectionRow, RestrictionRow, RestrictionsTable } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

export const RESTRICTION_COLUMNS = [
  'id',
  'subject_id',
  'request_id',
  'purpose',
  'reason',
  'started_at',
  'lifted_at',
  'lift_notice_sent_at',
  'lift_announced_at',
  'lift_announced_by',
  'lift_reason',
  'lift_motivation',
  'lift_notice_outbox_id',
] as const;
export const OBJECTION_COLUMNS = [
  'id',
  'subject_id',
  'purpose',
  'request_id',
  'status',
  'reason',
  'created_at',
  'decided_at',
] as const;

export const listRestrictions = (db: Executor, subjectId: string): Promise<RestrictionRow[]> =>
  db
    .selectFrom('restrictions')
    .select(RESTRICTION_COLUMNS)
    .where('subject_id', '=', subjectId)
    .orderBy('started_at')
    .orderBy('id')
    .execute();

export const getRestriction = (db: Executor, id: string): Promise<RestrictionRow | undefined> =>
  db.selectFrom('restrictions').select(RESTRICTION_COLUMNS).where('id', '=', id).executeTakeFirst();

export async function insertRestriction(db: Executor, row: Insertable<RestrictionsTable>): Promise<void> {
  await db.insertInto('restrictions').values(row).execute();
}

/** Records that lifting was announced, unless it already was or the restriction ended; true when this call did. */
export async function announceLift(
  db: Executor,
  id: string,
  announcement: { at: string; by: string; reason: LiftReason; motivation: string; outboxId: string },
): Promise<boolean> {
  const result = await db
    .updateTable('restrictions')
    .set({
      lift_announced_at: announcement.at,
      lift_announced_by: announcement.by,
      lift_reason: announcement.reason,
      lift_motivation: announcement.motivation,
      lift_notice_outbox_id: announcement.outboxId,
    })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .where('lift_announced_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws an announced lifting: the restriction simply stands again. True when this call did. */
export async function withdrawLift(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('restrictions')
    .set({
      lift_announced_at: null,
      lift_announced_by: null,
      lift_reason: null,
      lift_motivation: null,
      lift_notice_outbox_id: null,
    })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .where('lift_announced_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Lifts an announced restriction unless it already was; true when this call lifted it. */
export async function liftRestriction(db: Executor, id: string, at: string, noticeSentAt: string): Promise<boolean> {
  const result = await db
    .updateTable('restrictions')
    .set({ lifted_at: at, lift_notice_sent_at: noticeSentAt })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .where('lift_announced_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Announced restrictions whose notice was delivered at or before `sentBefore`, with that delivery time: the ones
 * the lifting job may lift now. The outbox says when a message was handed to SMTP.
 */
export const listLiftable = (db: Executor, sentBefore: string, limit: number): Promise<{ id: string; sent_at: string }[]> =>
  db
    .selectFrom('restrictions')
    .innerJoin('outbox', 'outbox.id', 'restrictions.lift_notice_outbox_id')
    .select(['restrictions.id as id', 'outbox.sent_at as sent_at'])
    .where('restrictions.lifted_at', 'is', null)
    .where('restrictions.lift_announced_at', 'is not', null)
    .where('outbox.status', '=', 'sent')
    .where('outbox.sent_at', 'is not', null)
    .where('outbox.sent_at', '<=', sentBefore)
    .orderBy('outbox.sent_at')
    .limit(limit)
    .$narrowType<{ sent_at: string }>()
    .execute();

/** When the outbox message was handed to SMTP; null while it waits or failed. */
export async function noticeSentAt(db: Executor, outboxId: string | null): Promise<string | null> {
  if (outboxId === null) return null;
  const row = await db.selectFrom('outbox').select(['status', 'sent_at']).where('id', '=', outboxId).executeTakeFirst();
  return row?.status === 'sent' ? (row.sent_at ?? null) : null;
}

export const listObjections = (db: Executor, subjectId: string): Promise<ObjectionRow[]> =>
  db
    .selectFrom('objections')
    .select(OBJECTION_COLUMNS)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export async function insertObjection(db: Executor, row: ObjectionRow): Promise<void> {
  await db.insertInto('objections').values(row).execute();
}
