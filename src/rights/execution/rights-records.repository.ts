import type { Kysely, Transaction } from 'kysely';
import type { DB, ObjectionRow, RecipientNoticeRow, RestrictionRow } from '../../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export const RESTRICTION_COLUMNS = ['id', 'subject_id', 'request_id', 'purpose', 'reason', 'started_at', 'lifted_at', 'lift_notice_sent_at'] as const;
export const OBJECTION_COLUMNS = ['id', 'subject_id', 'purpose', 'request_id', 'status', 'reason', 'created_at', 'decided_at'] as const;
export const NOTICE_COLUMNS = ['id', 'request_id', 'subject_id', 'recipient_id', 'kind', 'created_at', 'outbox_id', 'status', 'note', 'resolved_at', 'resolved_by', 'resolution'] as const;

export const listRestrictions = (db: Executor, subjectId: string): Promise<RestrictionRow[]> =>
  db.selectFrom('restrictions').select(RESTRICTION_COLUMNS).where('subject_id', '=', subjectId).orderBy('started_at').orderBy('id').execute();

export const getRestriction = (db: Executor, id: string): Promise<RestrictionRow | undefined> =>
  db.selectFrom('restrictions').select(RESTRICTION_COLUMNS).where('id', '=', id).executeTakeFirst();

export async function insertRestriction(db: Executor, row: RestrictionRow): Promise<void> {
  await db.insertInto('restrictions').values(row).execute();
}

/** Lifts the restriction unless it already was; true when this call lifted it. */
export async function liftRestriction(db: Executor, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('restrictions')
    .set({ lifted_at: at, lift_notice_sent_at: at })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const listObjections = (db: Executor, subjectId: string): Promise<ObjectionRow[]> =>
  db.selectFrom('objections').select(OBJECTION_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute();

export async function insertObjection(db: Executor, row: ObjectionRow): Promise<void> {
  await db.insertInto('objections').values(row).execute();
}

export const listNotices = (db: Executor, subjectId: string): Promise<RecipientNoticeRow[]> =>
  db.selectFrom('recipient_notices').select(NOTICE_COLUMNS).where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute();

export async function insertNotice(db: Executor, row: RecipientNoticeRow): Promise<void> {
  await db.insertInto('recipient_notices').values(row).execute();
}

/** The e-mail address on file for a subject, and the name and language to address them with. */
export const getContact = (db: Executor, subjectId: string) =>
  db.selectFrom('subjects').select(['first_name', 'last_name', 'reference', 'email', 'language']).where('id', '=', subjectId).executeTakeFirst();

/** The address a request came from, for a letter about it. */
export async function getRequesterEmail(db: Executor, requestId: string): Promise<string | null> {
  const row = await db.selectFrom('rights_requests').select('requester_email').where('id', '=', requestId).executeTakeFirst();
  return row?.requester_email ?? null;
}
