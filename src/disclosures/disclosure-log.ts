import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { DisclosedRecipient, DisclosureSource } from '../rights/execution/recipient-notices.ts';
import { addresseeName } from './disclosure.presenter.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Art. 19: the recipients of the register that received any of the person's data, each once, from the
 * disclosure log (released disclosures; one still waiting for its notice or cancelled gave nothing away).
 * Legal demands are left out: a public authority that receives data in a particular inquiry under the law is
 * not a recipient (Art. 4(9) GDPR), so Art. 19 does not apply to it; it is not in the register either, so
 * Kluis has no address to write to. The dpo, who answered the demand, decides whether the authority must hear
 * of a correction. A portability transfer (Art. 20(2)) is left out by the join as well: it went to an organisation
 * outside the register, at the person's own request, which the person can tell of a correction themselves; an
 * Art. 19 notice to it is not kept by Kluis (the notices name recipients of the register).
 */
export const disclosureLog: DisclosureSource = async (db: Executor, subjectId: string): Promise<DisclosedRecipient[]> => {
  const rows = await db
    .selectFrom('disclosures')
    .innerJoin('recipients', 'recipients.id', 'disclosures.recipient_id')
    .select(['recipients.id', 'recipients.name_nl', 'recipients.name_en', 'recipients.country', 'recipients.contact_email', 'disclosures.categories'])
    .where('disclosures.subject_id', '=', subjectId)
    .where('disclosures.status', '=', 'released')
    .where('disclosures.kind', '<>', 'legal_demand')
    .orderBy('recipients.id')
    .execute();
  // One entry per recipient, with every category it received over all its disclosures (Art. 19 tells it of those).
  const byRecipient = new Map<string, DisclosedRecipient>();
  for (const r of rows) {
    const entry = byRecipient.get(r.id) ?? { id: r.id, name: { nl: r.name_nl, en: r.name_en }, country: r.country, contactEmail: r.contact_email, categories: [] };
    for (const category of JSON.parse(r.categories) as string[]) if (!entry.categories.includes(category)) entry.categories.push(category);
    byRecipient.set(r.id, entry);
  }
  return [...byRecipient.values()];
};

/** One actual recipient of the person's data, as the access package shows it (Art. 15(1)(c), CJEU C-154/21). */
export interface DisclosureLine {
  id: string;
  kind: string;
  recipient: { id: string | null; name: { nl: string; en: string } };
  disclosedAt: string;
  categories: string[];
  purpose: string;
  legalGround: string;
}

/**
 * The person's released disclosures for the access package, and the disclosures it must not reveal: a legal
 * demand whose notice the law forbids (Art. 23; P9 "tenzij dat wettelijk gezien niet is toegestaan") stays out
 * of the package, and so do the processing-log entries that name it, or the package would tell what the law
 * forbids telling. Its references are returned as `disclosure:<id>`, as the log names them.
 */
export async function disclosuresForAccess(db: Executor, subjectId: string): Promise<{ lines: DisclosureLine[]; withheld: Set<string> }> {
  const rows = await db
    .selectFrom('disclosures')
    .leftJoin('recipients', 'recipients.id', 'disclosures.recipient_id')
    .select([
      'disclosures.id', 'disclosures.kind', 'disclosures.recipient_id', 'disclosures.authority', 'disclosures.status', 'disclosures.notice',
      'disclosures.released_at', 'disclosures.categories', 'disclosures.purpose', 'disclosures.legal_ground', 'disclosures.recipient_name', 'recipients.name_nl', 'recipients.name_en',
    ])
    .where('disclosures.subject_id', '=', subjectId)
    .orderBy('disclosures.requested_at')
    .orderBy('disclosures.id')
    .execute();
  const withheld = new Set(rows.filter((r) => r.kind === 'legal_demand' && r.notice === 'suppressed').map((r) => `disclosure:${r.id}`));
  const lines = rows
    .filter((r) => r.status === 'released' && r.released_at !== null && !withheld.has(`disclosure:${r.id}`))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      recipient: { id: r.recipient_id, name: addresseeName(r, new Map(r.recipient_id === null ? [] : [[r.recipient_id, { nl: r.name_nl ?? r.recipient_id, en: r.name_en ?? r.recipient_id }]])) },
      disclosedAt: r.released_at ?? '',
      categories: JSON.parse(r.categories) as string[],
      purpose: r.purpose,
      legalGround: r.legal_ground,
    }));
  return { lines, withheld };
}
