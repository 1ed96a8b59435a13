import type { Transaction } from 'kysely';
import { idsIn } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

/**
 * Messages whose text is due for removal: delivered before `before`, or given up after a last attempt before it
 * (a given-up message's `next_attempt_at` is the time of its last attempt). Pending and sending ones never are.
 */
export const listTextsDue = (db: Executor, before: string, limit: number) =>
  db
    .selectFrom('outbox')
    .select(['id', 'subject_id'])
    .where('body_removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'sent'), eb('sent_at', '<', before)]),
        eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<', before)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();

/**
 * Empties the text, the HTML and any sealed secret of these messages, keeping address, title, times and status.
 * Only while they are still delivered or given up: a message put back in the queue meanwhile keeps its text.
 * The ids it changed.
 */
export async function removeTexts(trx: Transaction<DB>, ids: string[], at: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const changed = await trx
    .updateTable('outbox')
    .set({ body_text: '', body_html: null, sealed_secrets: null, body_removed_at: at })
    .where('id', 'in', idsIn(trx, ids))
    .where('body_removed_at', 'is', null)
    .where('status', 'in', ['sent', 'failed'])
    .returning('id')
    .execute();
  const removed = changed.map((r) => r.id);
  // The files go with the text: an invoice's PDF stays in the invoice, not in the outbox.
  if (removed.length > 0) await trx.deleteFrom('outbox_attachments').where('outbox_id', 'in', idsIn(trx, removed)).execute();
  return removed;
}
