import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import * as recipients from './recipient.repository.ts';
import type { Recipient } from './recipient.schema.ts';

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

/**
 * The register a start with the policy would have: the stored one, and the policy's recipients it does not hold
 * yet, as `seedRecipientsFromPolicy` would add them. Writes nothing, so a policy file is checked against its own
 * register, never against one seeded from another policy.
 */
export async function registerAsSeeded(db: Kysely<DB>, policy: Policy): Promise<Recipient[]> {
  const stored = await recipients.listRecipients(db);
  const now = new Date().toISOString();
  const added = policy.document.recipients.filter((r) => !stored.some((s) => s.id === r.id)).map((r) => recipients.presentRecipient(recipients.newRecipientRow(r, now), undefined));
  return [...stored, ...added];
}
