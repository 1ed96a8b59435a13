import type { CompanyRow, ProcessorAgreementRow, RecipientRow } from '../db/types.ts';
import { disclosureRefused } from '../errors.ts';
import { LEGAL_BASES, termWords } from '../policy/dpv-terms.ts';
import type { Policy } from '../policy/policy.ts';
import { listCompaniesOf } from '../registers/company.repository.ts';
import { currentAgreement, getRow } from '../registers/recipient.repository.ts';
import { storageProcessors } from '../registers/recipient-rules.ts';
import type { Executor } from '../db/executor.ts';

/** Whom a disclosure is for, as the caller names it. */
export interface Addressee {
  recipientId: string;
  /** The company of the category; required when the category names active companies. */
  companyId?: string | null | undefined;
  /** The purpose; required when the recipient serves more than one. */
  purpose?: string | null | undefined;
  categories: readonly string[];
}

/** What the register allows a disclosure: the recipient, its company, the agreement that covers it, the purpose. */
export interface Registration {
  recipient: RecipientRow;
  company: CompanyRow | undefined;
  agreement: ProcessorAgreementRow | undefined;
  purpose: string;
}

/** The purpose a disclosure is made for: the one named, or the recipient's only one (undefined when it cannot be told). */
export function purposeOf(recipient: RecipientRow | undefined, named: string | null | undefined): string | undefined {
  if (named !== null && named !== undefined) return named;
  const purposes = recipient === undefined ? [] : (JSON.parse(recipient.purposes) as string[]);
  return purposes.length === 1 ? purposes[0] : undefined;
}

/**
 * P8, P9 and Art. 28(3): a disclosure goes only to an active recipient of the register, for a purpose it is
 * registered for, only of categories it is registered for and that purpose covers; to a category that names its
 * companies only as one of its active companies (so the person can be told which company, P9); never to the
 * storage provider, which keeps all data already; and to a processor only under a processor agreement in force
 * on `today` (signed, not expired, not superseded): the company's own where there is a company. Reads the register
 * in the caller's transaction and throws the refusal with its stable code.
 */
export async function requireRegistered(
  db: Executor,
  policy: Policy,
  addressee: Addressee,
  today: string,
): Promise<Registration> {
  const { recipientId, categories } = addressee;
  const recipient = await getRow(db, recipientId);
  if (recipient === undefined)
    throw disclosureRefused(
      'recipient_unknown',
      `${recipientId} is not a recipient of the register: we give personal data to no one else (P8)`,
    );
  if (recipient.active !== 1)
    throw disclosureRefused('recipient_retired', `${recipientId} is retired from the register and receives no data`);
  if (storageProcessors(policy.document).has(recipientId)) {
    throw disclosureRefused(
      'recipient_is_storage',
      `${recipientId} keeps all our data as the processor of our storage (P6): nothing is handed to it per person`,
    );
  }
  const purpose = purposeOf(recipient, addressee.purpose);
  const purposes = JSON.parse(recipient.purposes) as string[];
  if (purpose === undefined)
    throw disclosureRefused(
      'purpose_required',
      `${recipientId} serves ${purposes.join(', ')}: name the purpose of this disclosure`,
      { purposes },
    );
  if (!purposes.includes(purpose))
    throw disclosureRefused('purpose_not_registered', `${recipientId} is not registered to receive data for ${purpose}`, {
      purposes,
    });
  const registered = JSON.parse(recipient.categories) as string[];
  const covered = policy.document.purposes[purpose]?.categories ?? [];
  const outside = categories.filter((c) => !registered.includes(c) || !covered.includes(c));
  if (outside.length > 0) {
    throw disclosureRefused(
      'category_not_registered',
      `${recipientId} is not registered to receive ${outside.join(', ')} for ${purpose} (P8)`,
      { categories: outside, registered },
    );
  }
  const company = await companyOf(db, recipient, addressee.companyId ?? null);
  const role = company?.role ?? recipient.role;
  if (role !== 'processor') return { recipient, company, agreement: undefined, purpose };
  const agreement = await currentAgreement(db, recipientId, company?.id ?? null);
  const who = company === undefined ? recipientId : `${company.id} (${company.legal_name})`;
  if (agreement === undefined || agreement.signed_on > today) {
    throw disclosureRefused(
      'processor_agreement_missing',
      `${who} is a processor without a processor agreement in force (Art. 28(3) GDPR)`,
    );
  }
  if (agreement.expires_on !== null && agreement.expires_on < today) {
    throw disclosureRefused(
      'processor_agreement_expired',
      `The processor agreement ${agreement.document_reference} with ${who} expired on ${agreement.expires_on} (Art. 28(3) GDPR)`,
      { agreement: agreement.id },
    );
  }
  return { recipient, company, agreement, purpose };
}

/** The company the data goes to: required (and checked) where the category names active companies. */
async function companyOf(db: Executor, recipient: RecipientRow, companyId: string | null): Promise<CompanyRow | undefined> {
  const companies = await listCompaniesOf(db, recipient.id);
  if (companyId === null) {
    const active = companies.filter((c) => c.active === 1);
    if (active.length === 0) return undefined;
    throw disclosureRefused(
      'company_required',
      `${recipient.id} names its companies: say which one receives the data, so the person can be told (P9)`,
      { companies: active.map((c) => c.id) },
    );
  }
  const company = companies.find((c) => c.id === companyId);
  if (company === undefined)
    throw disclosureRefused(
      'company_unknown',
      `${companyId} is not a company of ${recipient.id} in the register: we give personal data to no one else (P8)`,
    );
  if (company.active !== 1)
    throw disclosureRefused('company_retired', `${companyId} is retired from the register and receives no data`);
  return company;
}

/** The legal ground of a disclosure to a recipient: its purpose's basis, and the agreement of a processor. */
export function legalGround(policy: Policy, registration: Registration): string {
  const { recipient, company, agreement, purpose: id } = registration;
  const purpose = Object.hasOwn(policy.document.purposes, id) ? policy.document.purposes[id] : undefined;
  const basis =
    purpose === undefined
      ? id
      : termWords(LEGAL_BASES, purpose.legalBasis).en +
        (purpose.legalReference === undefined ? '' : `; ${purpose.legalReference}`);
  switch (company?.role ?? recipient.role) {
    case 'processor':
      return `${basis}; processor under agreement ${agreement?.document_reference ?? '?'} (Art. 28(3) GDPR)`;
    case 'controller':
      return `${basis}; to an independent controller`;
    case 'authority':
      return basis;
  }
}
