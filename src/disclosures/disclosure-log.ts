import { listCompanyRows } from '../registers/company.repository.ts';
import { listRows } from '../registers/recipient.repository.ts';
import type { DisclosedRecipient, DisclosureSource } from './recipient-notice-queue.ts';
import { addressee, registerNames } from './disclosure.presenter.ts';
import type { Disclosure } from './disclosure.schema.ts';
import type { Executor } from '../db/executor.ts';

/**
 * Art. 19: the recipients of the register that received any of the person's data, each once, from the
 * disclosure log (released disclosures; one still waiting for its notice or cancelled gave nothing away). Where
 * the data went to a company of a category, that company is the recipient: its own address, name and country.
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
    .leftJoin('recipient_companies', 'recipient_companies.id', 'disclosures.company_id')
    .select([
      'recipients.id',
      'recipients.name_nl',
      'recipients.name_en',
      'recipients.country',
      'recipients.contact_email',
      'disclosures.categories',
      'recipient_companies.id as company_id',
      'recipient_companies.legal_name',
      'recipient_companies.country as company_country',
      'recipient_companies.contact_email as company_email',
    ])
    .where('disclosures.subject_id', '=', subjectId)
    .where('disclosures.status', '=', 'released')
    .where('disclosures.kind', '<>', 'legal_demand')
    .orderBy('recipients.id')
    .orderBy('disclosures.company_id')
    .execute();
  // One entry per recipient (per company), with every category it received over all its disclosures (Art. 19 tells it of those).
  const byRecipient = new Map<string, DisclosedRecipient>();
  for (const r of rows) {
    const key = `${r.id}/${r.company_id ?? ''}`;
    const entry =
      byRecipient.get(key) ??
      (r.company_id === null || r.legal_name === null
        ? {
            id: r.id,
            companyId: null,
            name: { nl: r.name_nl, en: r.name_en },
            country: r.country,
            contactEmail: r.contact_email,
            categories: [],
          }
        : {
            id: r.id,
            companyId: r.company_id,
            name: { nl: r.legal_name, en: r.legal_name },
            country: r.company_country ?? r.country,
            contactEmail: r.company_email ?? r.contact_email,
            categories: [],
          });
    for (const category of JSON.parse(r.categories) as string[])
      if (!entry.categories.includes(category)) entry.categories.push(category);
    byRecipient.set(key, entry);
  }
  return [...byRecipient.values()];
};

/** One actual recipient of the person's data, as the access package shows it (Art. 15(1)(c), CJEU C-154/21). */
export interface DisclosureLine {
  id: string;
  kind: string;
  /** The company by its legal name where the register names it (its category beside it), else the recipient or authority. */
  recipient: Disclosure['recipient'];
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
export async function disclosuresForAccess(
  db: Executor,
  subjectId: string,
): Promise<{ lines: DisclosureLine[]; withheld: Set<string> }> {
  const rows = await db
    .selectFrom('disclosures')
    .select([
      'id',
      'kind',
      'recipient_id',
      'company_id',
      'authority',
      'recipient_name',
      'status',
      'notice',
      'released_at',
      'categories',
      'purpose',
      'legal_ground',
    ])
    .where('subject_id', '=', subjectId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  const withheld = new Set(
    rows.filter((r) => r.kind === 'legal_demand' && r.notice === 'suppressed').map((r) => `disclosure:${r.id}`),
  );
  const names = registerNames(await listRows(db), await listCompanyRows(db));
  const lines = rows
    .filter((r) => r.status === 'released' && r.released_at !== null && !withheld.has(`disclosure:${r.id}`))
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      recipient: addressee(r, names),
      disclosedAt: r.released_at ?? '',
      categories: JSON.parse(r.categories) as string[],
      purpose: r.purpose,
      legalGround: r.legal_ground,
    }));
  return { lines, withheld };
}
