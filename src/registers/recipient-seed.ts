import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import * as recipients from './recipient.repository.ts';

/**
 * Puts the policy's recipients into the register when they are not there yet. The register is the
 * truth from then on: the dpo changes it through the API, with history, and a later edit of the policy
 * file does not silently overwrite it (the linter reports the difference).
 */
export async function seedRecipientsFromPolicy(db: Kysely<DB>, policy: Policy): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = new Set((await recipients.listRows(trx)).map((r) => r.id));
    let added = 0;
    for (const r of policy.document.recipients) {
      if (existing.has(r.id)) continue;
      const now = new Date().toISOString();
      const row = recipients.newRecipientRow(r, now);
      // Two instances starting at once on one PostgreSQL database both see the row missing; the one that
      // loses the insert leaves it (and its history line) to the other instead of failing its start.
      if (!(await recipients.insertRowIfAbsent(trx, row))) continue;
      await recipients.insertHistory(trx, row, 'seeded from the policy', `policy:${policy.source}`, randomUUID());
      added += 1;
    }
    return added;
  });
}
