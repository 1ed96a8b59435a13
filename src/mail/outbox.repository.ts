import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, OutboxRow } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export interface NewMail {
  kind: string;
  to: string;
  title: string;
  text: string;
  html?: string | undefined;
  language: 'nl' | 'en';
  related?: { type: string; id: string } | undefined;
  subjectId?: string | undefined;
}

export const OUTBOX_COLUMNS = [
  'id', 'created_at', 'kind', 'to_address', 'title', 'body_text', 'body_html', 'language', 'related_type', 'related_id',
  'subject_id', 'status', 'attempts', 'next_attempt_at', 'last_error', 'sent_at', 'message_id',
] as const;

/**
 * Puts a message in the outbox. Call it inside the transaction of the decision that causes the message:
 * the message exists if and only if the decision was committed. Delivery happens later, with retries.
 */
export async function enqueueMail(trx: Executor, mail: NewMail): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await trx
    .insertInto('outbox')
    .values({
      id,
      created_at: now,
      kind: mail.kind,
      to_address: mail.to,
      title: mail.title,
      body_text: mail.text,
      body_html: mail.html ?? null,
      language: mail.language,
      related_type: mail.related?.type ?? null,
      related_id: mail.related?.id ?? null,
      subject_id: mail.subjectId ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      sent_at: null,
      message_id: null,
    })
    .execute();
  return id;
}

export const getById = (db: Executor, id: string): Promise<OutboxRow | undefined> =>
  db.selectFrom('outbox').select(OUTBOX_COLUMNS).where('id', '=', id).executeTakeFirst();

export const listRelated = (db: Executor, type: string, id: string): Promise<OutboxRow[]> =>
  db.selectFrom('outbox').select(OUTBOX_COLUMNS).where('related_type', '=', type).where('related_id', '=', id).orderBy('created_at').execute();
