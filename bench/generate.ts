import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DB } from '../src/db/types.ts';
import * as nl from './dutch.ts';
import { Prng } from './prng.ts';

// A FIXTURE, not application code: it writes rows straight into the tables, around the guard and without
// processing-log entries, because loading a million customers through the API would take hours. Only the
// benchmark may do this; the app's own way in is the guard.

/** Bump when the generated data changes, so cached SQLite data sets are rebuilt. */
export const GENERATOR_VERSION = 1;
export const SEED = 20261125;

export const RECORD_TABLES = [
  'subjects',
  'subject_addresses',
  'agreements',
  'invoices',
  'invoice_lines',
  'cases',
  'messages',
  'attachments',
  'consents',
] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];
/** The rows of a run of consecutive subjects, per table, in an order that satisfies the foreign keys. */
export type Batch = { [T in RecordTable]: Insertable<DB[T]>[] };
type Billing = Pick<
  Insertable<DB['invoices']>,
  'billing_name' | 'billing_gender' | 'billing_street' | 'billing_postal_code' | 'billing_city' | 'billing_country'
>;

const DAY = 86_400_000;
const START = Date.parse('2018-01-01T08:00:00Z');
const SPAN = Date.parse('2025-06-30T17:00:00Z') - START;
const ATTACHMENT_RATE = 0.1;
// Attachment content is never read by the customer page, only its metadata; a small body keeps the data
// set small while still making attachment rows as wide as real ones in their first page.
const FAKE_PDF = Buffer.from('%PDF-1.4\n' + 'BT /F1 12 Tf 72 712 Td (Kluis benchmark) Tj ET\n'.repeat(60));

// Date#toISOString was a fifth of the generator's time; the calendar part is cached per day instead.
const days = new Map<number, string>();
const date = (ms: number) => {
  const day = Math.floor(ms / DAY);
  let text = days.get(day);
  if (text === undefined) days.set(day, (text = new Date(day * DAY).toISOString().slice(0, 10)));
  return text;
};
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (ms: number) => {
  const t = ms - Math.floor(ms / DAY) * DAY;
  return `${date(ms)}T${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}Z`;
};
const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]/g, '');

/** A generator's seed, and a prefix for its references and invoice numbers (so a second generator's rows never collide with the first's). */
export interface GeneratorOptions {
  seed?: number;
  prefix?: string;
}

/** Generates subjects with about ten records each, deterministically, in consecutive batches. */
export class Generator {
  private readonly rng: Prng;
  private readonly prefix: string;
  private subjectCount = 0;
  private invoiceCount = 0;
  private caseCount = 0;

  constructor(options: GeneratorOptions = {}) {
    this.rng = new Prng(options.seed ?? SEED);
    this.prefix = options.prefix ?? '';
  }

  /** The next `count` subjects with all their records. */
  batch(count: number): Batch {
    const b: Batch = {
      subjects: [],
      subject_addresses: [],
      agreements: [],
      invoices: [],
      invoice_lines: [],
      cases: [],
      messages: [],
      attachments: [],
      consents: [],
    };
    for (let i = 0; i < count; i++) this.subject(b);
    return b;
  }

  /**
   * The next `count` heavy subjects, about two hundred records each (see heavySubject), for timing what is
   * done per person (the access package, an erasure). Two in three have issued invoices, which an erasure
   * keeps; the third has only drafts, so an erasure deletes everything.
   */
  heavyBatch(count: number): Batch {
    const b: Batch = {
      subjects: [],
      subject_addresses: [],
      agreements: [],
      invoices: [],
      invoice_lines: [],
      cases: [],
      messages: [],
      attachments: [],
      consents: [],
    };
    for (let i = 0; i < count; i++) this.heavySubject(b, i % 3 !== 2);
    return b;
  }

  private subject(b: Batch): void {
    const r = this.rng;
    const { id, created, first, last, gender, email, street, postalCode, city } = this.person(b);

    const agreementId = r.uuid();
    const start = created + r.int(1, 60) * DAY;
    const ended = r.chance(0.3);
    b.agreements.push({
      id: agreementId,
      subject_id: id,
      kind: 'agreement',
      title: r.pick(nl.AGREEMENT_TITLES),
      status: ended ? 'ended' : 'active',
      start_date: date(start),
      end_date: ended ? date(start + 365 * DAY) : null,
      created_at: iso(start - DAY),
      updated_at: iso(start),
    });
    const quoted = created + r.int(0, 30) * DAY;
    b.agreements.push({
      id: r.uuid(),
      subject_id: id,
      kind: 'quote',
      title: r.pick(nl.QUOTE_TITLES),
      status: r.pick(['sent', 'accepted', 'rejected'] as const),
      start_date: null,
      end_date: null,
      created_at: iso(quoted),
      updated_at: iso(quoted + DAY),
    });

    const billing: Billing = {
      billing_name: `${first} ${last}`,
      billing_gender: gender,
      billing_street: street,
      billing_postal_code: postalCode,
      billing_city: city,
      billing_country: 'NL',
    };
    for (let k = 0; k < 3; k++) this.invoice(b, id, k === 0 ? null : agreementId, start + k * 31 * DAY, k < 2, billing);
    this.caseWithMessages(b, id, email, created + r.int(30, 400) * DAY);

    const method = r.int(0, 3);
    const given = created + r.int(0, 10) * DAY;
    b.consents.push({
      id: r.uuid(),
      subject_id: id,
      purpose: r.pick(['contract', 'correspondence'] as const),
      given_at: iso(given),
      withdrawn_at: r.chance(0.1) ? iso(given + 200 * DAY) : null,
      method: (['portal', 'written', 'email', 'verbal'] as const)[method] ?? 'portal',
      evidence: nl.CONSENT_EVIDENCE[method] ?? '',
      created_at: iso(given),
    });
  }

  /**
   * A long-standing customer: an address, 8 agreements and 8 quotes, 44 invoices with one or two lines (with
   * `issued`, all but every tenth issued and completed; without, all drafts), 15 cases with three messages
   * each (an attachment on one message in ten) and 8 consents (given and withdrawn over the years, at most one
   * in force per purpose): about 200 rows with the subject's own.
   */
  private heavySubject(b: Batch, issued: boolean): void {
    const r = this.rng;
    const { id, created, first, last, gender, email, street, postalCode, city } = this.person(b);
    const agreementIds: string[] = [];
    for (let k = 0; k < 8; k++) {
      const agreementId = r.uuid();
      agreementIds.push(agreementId);
      const start = created + (k * 90 + r.int(1, 60)) * DAY;
      const ended = k < 6;
      b.agreements.push({
        id: agreementId,
        subject_id: id,
        kind: 'agreement',
        title: r.pick(nl.AGREEMENT_TITLES),
        status: ended ? 'ended' : 'active',
        start_date: date(start),
        end_date: ended ? date(start + 365 * DAY) : null,
        created_at: iso(start - DAY),
        updated_at: iso(start),
      });
      const quoted = start - r.int(5, 30) * DAY;
      b.agreements.push({
        id: r.uuid(),
        subject_id: id,
        kind: 'quote',
        title: r.pick(nl.QUOTE_TITLES),
        status: r.pick(['sent', 'accepted', 'rejected'] as const),
        start_date: null,
        end_date: null,
        created_at: iso(quoted),
        updated_at: iso(quoted + DAY),
      });
    }
    const billing: Billing = {
      billing_name: `${first} ${last}`,
      billing_gender: gender,
      billing_street: street,
      billing_postal_code: postalCode,
      billing_city: city,
      billing_country: 'NL',
    };
    const firstInvoice = created + 60 * DAY;
    for (let k = 0; k < 44; k++) {
      this.invoice(
        b,
        id,
        k % 6 === 0 ? null : (agreementIds[k % 8] ?? null),
        firstInvoice + k * 31 * DAY,
        issued && k % 10 !== 9,
        billing,
      );
    }
    for (let k = 0; k < 15; k++)
      this.caseWithMessages(b, id, email, created + (k * 100 + r.int(30, 90)) * DAY, ['inbound', 'outbound', 'inbound']);
    for (let k = 0; k < 8; k++) {
      const purpose = k % 2 === 0 ? 'contract' : 'correspondence';
      const method = r.int(0, 3);
      const given = created + (k * 200 + r.int(0, 10)) * DAY;
      b.consents.push({
        id: r.uuid(),
        subject_id: id,
        purpose,
        given_at: iso(given),
        withdrawn_at: k < 6 ? iso(given + 150 * DAY) : null,
        method: (['portal', 'written', 'email', 'verbal'] as const)[method] ?? 'portal',
        evidence: nl.CONSENT_EVIDENCE[method] ?? '',
        created_at: iso(given),
      });
    }
  }

  /** A subject row with its postal address; the person's details, for the records that follow. */
  private person(b: Batch) {
    const r = this.rng;
    const n = ++this.subjectCount;
    const id = r.uuid();
    const created = START + Math.floor(r.float() * SPAN);
    const first = r.pick(nl.FIRST_NAMES);
    const last = r.pick(nl.LAST_NAMES);
    const gender = r.chance(0.6) ? r.pick(['female', 'male'] as const) : null;
    const email = `${ascii(first)}.${ascii(last)}${r.int(1, 99)}@${r.pick(nl.MAIL_DOMAINS)}`;
    b.subjects.push({
      id,
      reference: `${this.prefix}K${String(n).padStart(7, '0')}`,
      first_name: first,
      last_name: last,
      gender,
      email,
      phone: `+31 6 ${r.int(1000, 9999)} ${r.int(1000, 9999)}`,
      language: r.chance(0.9) ? 'nl' : 'en',
      created_at: iso(created),
      updated_at: iso(created),
    });
    const street = `${r.pick(nl.STREETS)} ${r.int(1, 250)}`;
    const postalCode = `${r.int(1000, 9999)} ${String.fromCharCode(65 + r.int(0, 25), 65 + r.int(0, 25))}`;
    const city = r.pick(nl.CITIES);
    b.subject_addresses.push({
      id: r.uuid(),
      subject_id: id,
      kind: 'postal',
      street,
      postal_code: postalCode,
      city,
      country: 'NL',
      created_at: iso(created),
    });
    return { id, created, first, last, gender, email, street, postalCode, city };
  }

  private invoice(b: Batch, subjectId: string, agreementId: string | null, at: number, issued: boolean, billing: Billing): void {
    const r = this.rng;
    const id = r.uuid();
    let excl = 0;
    let vat = 0;
    const lineCount = r.int(1, 2);
    for (let position = 1; position <= lineCount; position++) {
      const [description, unitPrice, vatRate] = r.pick(nl.LINE_ITEMS);
      const quantity = r.int(1, 4);
      const amount = quantity * unitPrice;
      excl += amount;
      vat += Math.round((amount * vatRate) / 100);
      b.invoice_lines.push({
        id: r.uuid(),
        invoice_id: id,
        position,
        description,
        quantity,
        unit_price_cents: unitPrice,
        vat_rate: vatRate,
        amount_cents: amount,
      });
    }
    const number = issued ? `${this.prefix}${iso(at).slice(0, 4)}-${String(++this.invoiceCount).padStart(7, '0')}` : null;
    b.invoices.push({
      id,
      subject_id: subjectId,
      agreement_id: agreementId,
      credit_for_id: null,
      number,
      status: issued ? 'issued' : 'draft',
      issue_date: issued ? date(at) : null,
      completed_on: issued ? date(at) : null,
      ...billing,
      reference: r.chance(0.3) ? `PO-${r.int(1000, 99999)}` : null,
      currency: 'EUR',
      total_excl_cents: excl,
      vat_cents: vat,
      total_incl_cents: excl + vat,
      created_at: iso(at),
      updated_at: iso(at),
    });
  }

  private caseWithMessages(
    b: Batch,
    subjectId: string,
    email: string,
    opened: number,
    directions: readonly ('inbound' | 'outbound')[] = ['inbound', 'outbound'],
  ): void {
    const r = this.rng;
    const id = r.uuid();
    const kind = r.pick(['question', 'complaint', 'request'] as const);
    const closed = r.chance(0.8) ? opened + r.int(1, 20) * DAY : null;
    b.cases.push({
      id,
      subject_id: subjectId,
      kind,
      title: r.pick(nl.CASE_TITLES[kind]),
      reference: `${this.prefix}Z${String(++this.caseCount).padStart(7, '0')}`,
      status: closed === null ? 'open' : 'closed',
      opened_at: iso(opened),
      closed_at: closed === null ? null : iso(closed),
      created_at: iso(opened),
      updated_at: iso(closed ?? opened),
    });
    const topic = r.int(0, nl.INBOUND_BODIES.length - 1);
    for (const [k, direction] of directions.entries()) {
      const at = opened + k * r.int(1, 3) * DAY;
      const messageId = r.uuid();
      b.messages.push({
        id: messageId,
        case_id: id,
        subject_id: subjectId,
        channel: 'email',
        direction,
        occurred_at: iso(at),
        from_address: direction === 'inbound' ? email : 'support@senict.nl',
        to_address: direction === 'inbound' ? 'support@senict.nl' : email,
        title: k === 0 ? 'Vraag' : 'Re: Vraag',
        body: (direction === 'inbound' ? nl.INBOUND_BODIES : nl.OUTBOUND_BODIES)[topic] ?? '',
        created_at: iso(at),
      });
      if (r.chance(ATTACHMENT_RATE)) {
        const content = FAKE_PDF.subarray(0, r.int(1024, FAKE_PDF.length));
        b.attachments.push({
          id: r.uuid(),
          message_id: messageId,
          subject_id: subjectId,
          filename: `scan-${String(this.subjectCount)}.pdf`,
          content_type: 'application/pdf',
          size_bytes: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
          created_at: iso(at),
        });
      }
    }
  }
}
