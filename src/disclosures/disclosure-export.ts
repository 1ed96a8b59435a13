import * as agreements from '../agreements/agreement.repository.ts';
import * as cases from '../cases/case.repository.ts';
import * as consents from '../consents/consent.repository.ts';
import type { DisclosureRow, SubjectRow } from '../db/types.ts';
import { notFound } from '../errors.ts';
import * as invoices from '../invoices/invoice.repository.ts';
import { csvField } from '../shared/csv.ts';
import * as subjects from '../subjects/subject.repository.ts';
import type { Executor } from '../db/executor.ts';

/** One piece of the export: a value under a key, and the category it belongs to. */
interface Part {
  category: string;
  key: string;
  value: unknown;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

/** The export and the records it read, for the processing log. */
export interface DisclosedExport {
  file: ExportFile;
  touched: [recordType: string, id: string][];
}

/**
 * The data of exactly the categories of the disclosure, read now (P8: nothing beyond what the register allows
 * for this recipient). Issued invoices only (a draft is no invoice yet); correspondence without the person's
 * own requests to exercise their rights, which are theirs and ours, not a supplier's.
 */
async function partsOf(db: Executor, subject: SubjectRow, categories: ReadonlySet<string>) {
  const parts: Part[] = [];
  const touched: [string, string][] = [['subject', subject.id]];
  const has = (c: string) => categories.has(c);
  const add = (category: string, key: string, value: unknown) => {
    if (has(category)) parts.push({ category, key, value });
  };
  add('user.account.reference', 'person.reference', subject.reference);
  add('user.name', 'person.firstName', subject.first_name);
  add('user.name', 'person.lastName', subject.last_name);
  add('user.gender', 'person.gender', subject.gender);
  add('user.contact.email', 'person.email', subject.email);
  add('user.contact.phone_number', 'person.phone', subject.phone);
  if (has('user.contact.address')) {
    const addresses = await subjects.listAddresses(db, subject.id);
    add(
      'user.contact.address',
      'person.addresses',
      addresses.map((a) => ({ kind: a.kind, street: a.street, postalCode: a.postal_code, city: a.city, country: a.country })),
    );
  }
  if (has('user.financial.invoice')) {
    const issued = (await invoices.listBySubject(db, subject.id)).filter((i) => i.status === 'issued');
    const lines = await invoices.listLines(
      db,
      issued.map((i) => i.id),
    );
    const numbers = new Map(issued.map((i) => [i.id, i.number]));
    add(
      'user.financial.invoice',
      'invoices',
      issued.map((i) => ({
        number: i.number,
        issueDate: i.issue_date,
        completedOn: i.completed_on,
        creditFor: i.credit_for_id === null ? null : (numbers.get(i.credit_for_id) ?? i.credit_for_id),
        ...(has('user.account.reference') ? { reference: i.reference } : {}),
        ...(has('user.name') ? { billingName: i.billing_name } : {}),
        ...(has('user.gender') ? { billingGender: i.billing_gender } : {}),
        ...(has('user.contact.address')
          ? {
              billingAddress: {
                street: i.billing_street,
                postalCode: i.billing_postal_code,
                city: i.billing_city,
                country: i.billing_country,
              },
            }
          : {}),
        currency: i.currency,
        totalExclCents: Number(i.total_excl_cents),
        vatCents: Number(i.vat_cents),
        totalInclCents: Number(i.total_incl_cents),
        lines: lines
          .filter((l) => l.invoice_id === i.id)
          .map((l) => ({
            description: l.description,
            quantity: Number(l.quantity),
            unitPriceCents: Number(l.unit_price_cents),
            vatRate: l.vat_rate,
            amountCents: Number(l.amount_cents),
          })),
      })),
    );
    touched.push(...issued.map((i): [string, string] => ['invoice', i.id]));
  }
  if (has('user.contract')) {
    const rows = await agreements.listBySubject(db, subject.id);
    add(
      'user.contract',
      'agreements',
      rows.map((a) => ({ kind: a.kind, title: a.title, status: a.status, startDate: a.start_date, endDate: a.end_date })),
    );
    touched.push(...rows.map((a): [string, string] => ['agreement', a.id]));
  }
  if (has('user.correspondence')) {
    const opened = (await cases.listBySubject(db, subject.id)).filter((c) => c.kind !== 'request');
    const messages = (await cases.listMessagesBySubject(db, subject.id)).filter((m) => opened.some((c) => c.id === m.case_id));
    add(
      'user.correspondence',
      'correspondence',
      opened.map((c) => ({
        reference: c.reference,
        kind: c.kind,
        title: c.title,
        status: c.status,
        openedAt: c.opened_at,
        closedAt: c.closed_at,
        messages: messages
          .filter((m) => m.case_id === c.id)
          .map((m) => ({
            channel: m.channel,
            direction: m.direction,
            occurredAt: m.occurred_at,
            title: m.title,
            body: m.body,
            ...(has('user.contact.email') ? { from: m.from_address, to: m.to_address } : {}),
          })),
      })),
    );
    touched.push(
      ...opened.map((c): [string, string] => ['case', c.id]),
      ...messages.map((m): [string, string] => ['message', m.id]),
    );
  }
  if (has('user.consent')) {
    const rows = await consents.listBySubject(db, subject.id);
    add(
      'user.consent',
      'consents',
      rows.map((c) => ({
        purpose: c.purpose,
        givenAt: c.given_at,
        withdrawnAt: c.withdrawn_at,
        method: c.method,
        evidence: c.evidence,
      })),
    );
    touched.push(...rows.map((c): [string, string] => ['consent', c.id]));
  }
  return { parts, touched };
}

/** Sets a dotted key in a nested object: "person.email" → { person: { email } }. */
function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const [head, ...rest] = key.split('.');
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = (target[head] ??= {}) as Record<string, unknown>;
  setPath(inner, rest.join('.'), value);
}

/** The leaves of a value with their paths: lists count from 1, as people do. */
function leaves(value: unknown, path: string): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}.${i + 1}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, value]];
}

// Numbers Kluis writes itself are safe in a spreadsheet; every text goes through csvField (CSV injection).
const csvCell = (value: unknown): string =>
  typeof value === 'number' ? String(value) : csvField(typeof value === 'string' ? value : '');

/** The export of a disclosure as JSON or as CSV (one row per datum: category, field, value). */
export async function buildExport(
  db: Executor,
  row: DisclosureRow,
  meta: { from: string; to: string; generatedAt: string },
): Promise<DisclosedExport> {
  const subject = await subjects.getById(db, row.subject_id);
  if (subject === undefined) throw notFound('Subject', row.subject_id);
  const categories = JSON.parse(row.categories) as string[];
  const { parts, touched } = await partsOf(db, subject, new Set(categories));
  const base = `disclosure-${row.id}`;
  if (row.format === 'csv') {
    const lines = [
      ['category', 'field', 'value'].join(','),
      ...parts.flatMap((p) =>
        leaves(p.value, p.key).map(([path, v]) => [csvField(p.category), csvField(path), csvCell(v)].join(',')),
      ),
    ];
    return {
      file: { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: `${lines.join('\r\n')}\r\n` },
      touched,
    };
  }
  const data: Record<string, unknown> = {};
  for (const p of parts) setPath(data, p.key, p.value);
  const document = {
    format: 'kluis-disclosure/1',
    disclosure: row.id,
    from: meta.from,
    to: meta.to,
    purpose: row.purpose,
    legalGround: row.legal_ground,
    categories,
    generatedAt: meta.generatedAt,
    data,
  };
  return {
    file: {
      filename: `${base}.json`,
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(document, null, 2)}\n`,
    },
    touched,
  };
}
