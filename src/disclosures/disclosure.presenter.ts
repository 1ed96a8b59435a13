import type { CompanyRow, DisclosureRow, RecipientRow } from '../db/types.ts';
import type { NoticeMessage } from './disclosure.repository.ts';
import type { Disclosure } from './disclosure.schema.ts';

type Text = { nl: string; en: string };

/** The register as a presenter needs it: categories and companies by id. */
export interface RegisterNames {
  recipients: ReadonlyMap<string, Pick<RecipientRow, 'name_nl' | 'name_en'>>;
  companies: ReadonlyMap<string, Pick<CompanyRow, 'id' | 'legal_name' | 'kvk_number' | 'country'>>;
}

export function registerNames(recipients: readonly RecipientRow[], companies: readonly CompanyRow[]): RegisterNames {
  return { recipients: new Map(recipients.map((r) => [r.id, r])), companies: new Map(companies.map((c) => [c.id, c])) };
}

/**
 * Who received the data, in both languages: the company by its legal name (P9: the company, not its category),
 * the register's name of a category that names no companies, the authority of a legal demand, or the organisation
 * the person named for a portability transfer (Art. 20(2)).
 */
export function addressee(
  row: Pick<DisclosureRow, 'recipient_id' | 'company_id' | 'authority' | 'recipient_name'>,
  names: RegisterNames,
): Disclosure['recipient'] {
  if (row.recipient_id === null) {
    const named = row.authority ?? row.recipient_name ?? '';
    return { id: null, name: { nl: named, en: named }, category: null, company: null };
  }
  const category = names.recipients.get(row.recipient_id);
  const categoryName: Text =
    category === undefined ? { nl: row.recipient_id, en: row.recipient_id } : { nl: category.name_nl, en: category.name_en };
  const company = row.company_id === null ? undefined : names.companies.get(row.company_id);
  if (company === undefined) return { id: row.recipient_id, name: categoryName, category: categoryName, company: null };
  return {
    id: row.recipient_id,
    name: { nl: company.legal_name, en: company.legal_name },
    category: categoryName,
    company: { id: company.id, legalName: company.legal_name, kvkNumber: company.kvk_number, country: company.country },
  };
}

function noticeOf(row: DisclosureRow, message: NoticeMessage | undefined): Disclosure['notice'] {
  const base = { outboxId: row.notice_outbox_id, reason: row.notice_reason };
  if (row.notice === 'suppressed' || row.notice === 'not_required') return { ...base, status: row.notice, sentAt: null };
  if (message === undefined) return { ...base, status: 'queued', sentAt: null };
  const status = message.status === 'sent' ? 'sent' : message.status === 'failed' ? 'failed' : 'queued';
  return { ...base, status, sentAt: message.sent_at };
}

export function presentDisclosure(
  row: DisclosureRow,
  names: RegisterNames,
  messages: ReadonlyMap<string, NoticeMessage>,
): Disclosure {
  return {
    id: row.id,
    subjectId: row.subject_id,
    kind: row.kind,
    recipient: addressee(row, names),
    authorityReference: row.authority_reference,
    categories: JSON.parse(row.categories) as string[],
    purpose: row.purpose,
    legalGround: row.legal_ground,
    mode: row.mode,
    format: row.format,
    description: row.description,
    status: row.status,
    notice: noticeOf(row, row.notice_outbox_id === null ? undefined : messages.get(row.notice_outbox_id)),
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    releasedAt: row.released_at,
    exportedAt: row.exported_at,
    cancelledAt: row.cancelled_at,
    cancelReason: row.cancel_reason,
  };
}
