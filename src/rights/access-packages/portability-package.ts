import { strToU8 } from 'fflate';
import * as agreements from '../../agreements/agreement.repository.ts';
import * as cases from '../../cases/case.repository.ts';
import type { AttachmentSummaryRow } from '../../cases/case.repository.ts';
import type { AddressRow, AgreementRow, SubjectRow } from '../../db/types.ts';
import type { Policy } from '../../policy/policy.ts';
import * as subjects from '../../subjects/subject.repository.ts';
import { attachmentPath } from './access-data.ts';
import { listAttachmentContents } from './access-data.repository.ts';
import { toCsv } from './access-csv.ts';
import {
  ADDRESSES,
  AGREEMENTS,
  ATTACHMENTS,
  MESSAGES,
  type MessageOfCase,
  PERSON,
  type PortableTable,
} from './portability-fields.ts';
import { portabilityReadme } from './portability-readme.ts';
import { portableCategoriesOf } from '../../policy/portability-scope.ts';
import type { Executor } from '../../db/executor.ts';
import type { Lang } from '../../shared/lang.ts';

/** What Art. 20 reaches of one person, as rows. */
export interface PortableRecords {
  /** The person's name and contact details; null when their employer gave them to us, not the person (Art. 20(1)). */
  subject: SubjectRow | null;
  addresses: AddressRow[];
  agreements: AgreementRow[];
  messages: MessageOfCase[];
  attachments: AttachmentSummaryRow[];
}

/** A table with only the fields whose category Art. 20 reaches under this policy; none: the table is left out. */
function reached<Row>(policy: Policy, table: PortableTable<Row>): PortableTable<Row> {
  const categories = portableCategoriesOf(policy, table.recordType);
  return { ...table, fields: table.fields.filter((f) => categories.has(f.category)) };
}

/** The tables of the package under this policy, each with the fields it reaches. */
export function portableTables(policy: Policy) {
  return {
    person: reached(policy, PERSON),
    addresses: reached(policy, ADDRESSES),
    agreements: reached(policy, AGREEMENTS),
    messages: reached(policy, MESSAGES),
    attachments: reached(policy, ATTACHMENTS),
  };
}

/**
 * Reads what Art. 20(1) reaches: data the person provided, processed for a purpose on consent or a contract. The
 * name and contact details (unless their employer gave them), agreements and quotes, and the messages the person
 * sent us with their attachments, leaving out those about a request of theirs under the GDPR (handled under our
 * legal obligation, Art. 12). Never invoices (kept under a legal obligation), our own messages or notes, or
 * anything the policy processes on another basis.
 */
export async function loadPortableRecords(db: Executor, policy: Policy, subjectId: string): Promise<PortableRecords | undefined> {
  const subject = await subjects.getById(db, subjectId);
  if (subject === undefined) return undefined;
  const tables = portableTables(policy);
  const provided = subject.source !== 'employer';
  const [addresses, agreementRows, caseRows, messageRows, attachmentRows] = await Promise.all([
    provided && tables.addresses.fields.length > 0 ? subjects.listAddresses(db, subjectId) : [],
    tables.agreements.fields.length > 0 ? agreements.listBySubject(db, subjectId) : [],
    tables.messages.fields.length > 0 ? cases.listBySubject(db, subjectId) : [],
    tables.messages.fields.length > 0 ? cases.listMessagesBySubject(db, subjectId) : [],
    tables.attachments.fields.length > 0 ? cases.listAttachmentsBySubject(db, subjectId) : [],
  ]);
  const ownCases = new Map(caseRows.filter((c) => c.kind !== 'request').map((c) => [c.id, c]));
  const messages = messageRows.flatMap((m) => {
    const parent = ownCases.get(m.case_id);
    return m.direction === 'inbound' && parent !== undefined ? [{ message: m, case: parent }] : [];
  });
  const sent = new Set(messages.map((m) => m.message.id));
  return {
    subject: provided && tables.person.fields.length > 0 ? subject : null,
    addresses,
    agreements: agreementRows,
    messages,
    attachments: attachmentRows.filter((a) => sent.has(a.message_id)),
  };
}

/** Whether Art. 20 reaches anything of the person: otherwise there is no package to make. */
export const holdsPortable = (r: PortableRecords): boolean =>
  r.subject !== null || r.addresses.length > 0 || r.agreements.length > 0 || r.messages.length > 0;

function rowsOf<Row>(table: PortableTable<Row>, rows: Row[]): Record<string, string | null>[] {
  return rows.map((row) => Object.fromEntries(table.fields.map((f) => [f.name, f.value(row)])));
}

/**
 * The files of the package: data.json (every table as a list of objects), one CSV per table with the same field
 * names as its header, README.txt explaining each field in the request's language, and the attachments.
 */
export async function portabilityFiles(
  db: Executor,
  policy: Policy,
  r: PortableRecords,
  lang: Lang,
  meta: { subjectId: string; generatedAt: string; requestReference: string },
): Promise<Record<string, Uint8Array>> {
  const t = portableTables(policy);
  const tables = [
    [t.person, rowsOf(t.person, r.subject === null ? [] : [r.subject])],
    [t.addresses, rowsOf(t.addresses, r.addresses)],
    [t.agreements, rowsOf(t.agreements, r.agreements)],
    [t.messages, rowsOf(t.messages, r.messages)],
    [t.attachments, rowsOf(t.attachments, r.attachments)],
  ] as const;
  const present = tables.filter(([table]) => table.fields.length > 0);
  const { controller } = policy.document;
  const data = {
    format: 'kluis-portability/1',
    generatedAt: meta.generatedAt,
    request: meta.requestReference,
    from: { name: controller.name, email: controller.email },
    legalBasis: 'Art. 20 GDPR',
    ...Object.fromEntries(present.map(([table, rows]) => [table.key, rows])),
  };
  const files: Record<string, Uint8Array> = {
    'data.json': strToU8(JSON.stringify(data, null, 2)),
    'README.txt': strToU8(
      portabilityReadme(
        policy,
        lang,
        present.map(([table]) => table),
        meta,
      ),
    ),
  };
  for (const [table, rows] of present)
    files[`csv/${table.key}.csv`] = strToU8(
      toCsv(
        table.fields.map((f) => f.name),
        rows,
      ),
    );
  const wanted = new Set(r.attachments.map((a) => a.id));
  const contents = wanted.size === 0 ? [] : await listAttachmentContents(db, meta.subjectId);
  for (const a of contents) if (wanted.has(a.id)) files[attachmentPath(a.id, a.filename)] = new Uint8Array(a.content);
  return files;
}
