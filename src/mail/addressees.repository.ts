import type { Executor } from '../db/executor.ts';

/** The e-mail address on file for a subject, and the name and language to address them with. */
export const getContact = (db: Executor, subjectId: string) =>
  db
    .selectFrom('subjects')
    .select(['first_name', 'last_name', 'reference', 'email', 'language'])
    .where('id', '=', subjectId)
    .executeTakeFirst();

/** The address a request came from, for a letter about it. */
export async function getRequesterEmail(db: Executor, requestId: string): Promise<string | null> {
  const row = await db.selectFrom('rights_requests').select('requester_email').where('id', '=', requestId).executeTakeFirst();
  return row?.requester_email ?? null;
}
