import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import type { PolicyDocument } from '../policy/policy.schema.ts';
import { insertCompanyIfAbsent, newCompanyRow, presentCompany } from './company.repository.ts';
import * as recipients from './recipient.repository.ts';
import type { Recipient } from './recipient.schema.ts';

type PolicyRecipient = PolicyDocument['recipients'][number];

/**
 * Puts the policy's recipients, and the companies it names in them, into the register when they are not there
 * yet. The register is the truth from then on: the dpo changes it through the API, with history, and a later
 * edit of the policy file does not silently overwrite it (the linter reports the difference).
 */
export async function seedRecipientsFromPolicy(db: Kysely<DB>, policy: Policy, now: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const existing = new Set((await recipients.listRows(trx)).map((r) => r.id));
    let added = 0;
    for (const r of policy.document.recipients) {
      const by = `policy:${policy.source}`;
      if (!existing.has(r.id)) {
        const row = recipients.newRecipientRow(r, now);
        // Two instances starting at once on one PostgreSQL database both see the row missing; the one that
        // loses the insert leaves it (and its history line) to the other instead of failing its start.
        if (await recipients.insertRowIfAbsent(trx, row)) {
          await recipients.insertHistory(trx, row, 'seeded from the policy', by, randomUUID());
          added += 1;
        }
      }
      for (const c of r.companies ?? []) {
        if (!(await insertCompanyIfAbsent(trx, newCompanyRow(r.id, c, now)))) continue;
        await recipients.updateRow(trx, r.id, { updated_at: now });
        const row = await recipients.getRow(trx, r.id);
        if (row !== undefined)
          await recipients.insertHistory(trx, row, `company ${c.id} (${c.legalName}) seeded from the policy`, by, randomUUID());
      }
    }
    return added;
  });
}

/**
 * The register a start with the policy would have: the stored one, and the policy's recipients and companies it
 * does not hold yet, as `seedRecipientsFromPolicy` would add them. Writes nothing, so a policy file is checked
 * against its own register, never against one seeded from another policy.
 */
export async function registerAsSeeded(db: Kysely<DB>, policy: Policy, now: string): Promise<Recipient[]> {
  const stored = await recipients.listRecipients(db);
  const companiesOf = (r: PolicyRecipient, known: readonly string[]) =>
    (r.companies ?? []).filter((c) => !known.includes(c.id)).map((c) => presentCompany(newCompanyRow(r.id, c, now), undefined));
  const kept = stored.map((s) => {
    const r = policy.document.recipients.find((p) => p.id === s.id);
    return r === undefined
      ? s
      : {
          ...s,
          companies: [
            ...s.companies,
            ...companiesOf(
              r,
              s.companies.map((c) => c.id),
            ),
          ],
        };
  });
  const added = policy.document.recipients
    .filter((r) => !stored.some((s) => s.id === r.id))
    .map((r) => ({ ...recipients.presentRecipient(recipients.newRecipientRow(r, now), [], []), companies: companiesOf(r, []) }));
  return [...kept, ...added];
}
