import type { Transaction } from 'kysely';
import type { DB, RightsRequestRow } from '../db/types.ts';
import type { Letter } from '../mail/letters.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { SentLetter } from './request.schema.ts';
import { langOf } from './request-words.ts';

/**
 * Sends a letter about a request to the requester, in the caller's transaction: by e-mail to the address the
 * request came from (for a verified request, the address on file that received the code), or, for a letter
 * without an e-mail address, back to staff to print and post to the postal address.
 */
export async function sendToRequester(
  trx: Transaction<DB>,
  row: RightsRequestRow,
  mail: Letter,
  kind: string,
  at: string,
): Promise<SentLetter> {
  if (row.requester_email === null) return { channel: 'post', to: row.requester_address, title: mail.title, text: mail.text };
  const outboxId = await enqueueMail(trx, {
    createdAt: at,
    ...mail,
    kind,
    to: row.requester_email,
    language: langOf(row.language),
    related: { type: 'rights_request', id: row.id },
    subjectId: row.subject_id ?? undefined,
  });
  return { channel: 'email', to: row.requester_email, outboxId, title: mail.title };
}
