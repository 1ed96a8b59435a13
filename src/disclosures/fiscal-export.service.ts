import { randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DisclosureRow, RecipientRow } from '../db/types.ts';
import { conflict, disclosureRefused } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { businessToday } from '../shared/business-day.ts';
import * as invoices from '../invoices/invoice.repository.ts';
import { personOf } from '../invoices/invoice.presenter.ts';
import type { Policy } from '../policy/policy.ts';
import { listCompaniesOf } from '../registers/company.repository.ts';
import { listRows } from '../registers/recipient.repository.ts';
import { storageProcessors } from '../registers/recipient-rules.ts';
import { parse } from '../shared/parse.ts';
import { legalGround, requireRegistered } from './disclosure-registration.ts';
import { actorRef, guarded } from './disclosure-support.ts';
import * as disclosures from './disclosure.repository.ts';
import { type FiscalExportInput, fiscalExportSchema } from './disclosure.schema.ts';
import { type FiscalInvoice, fiscalCsv } from './fiscal-export.csv.ts';
import { ublDocument } from './fiscal-export.ubl.ts';

/** What the accounting firm's books need; each goes out only if the firm is registered for it (P8). */
const FISCAL_CATEGORIES = [
  'user.financial.invoice',
  'user.account.reference',
  'user.name',
  'user.gender',
  'user.contact.address',
];

export interface FiscalExport {
  filename: string;
  contentType: string;
  body: Buffer;
  invoices: number;
  /** One disclosure per person in the export, in the disclosure log. */
  disclosures: number;
}

/**
 * The fiscal export for the accounting firm (P7: "Om aan de (fiscale) wettelijke verplichtingen te voldoen"):
 * the invoices issued in a period, as CSV and, in the zip, a UBL 2.1 document per invoice. It is an `export`
 * of invoices (the accountant's own right in the policy) and a disclosure to the firm: one entry in each
 * person's disclosure log, so their access package names the firm and Art. 19 tells it of their erasure.
 */
export class FiscalExportService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
  }

  async export(actor: Actor, input: FiscalExportInput): Promise<FiscalExport> {
    const data = parse(fiscalExportSchema, input, 'fiscal export');
    const chosen = data.recipientId ?? (await this.defaultRecipient());
    // The invoices' own purpose (invoicing: the fiscal duty), so the guard checks the role before the register.
    const processing = {
      actor,
      operation: 'export' as const,
      recordType: 'invoice' as const,
      note: `fiscal export ${data.from}..${data.to} to ${chosen ?? '?'}`,
    };
    return guarded(this.guard, processing, async (ctx) => {
      if (chosen === undefined) {
        throw disclosureRefused(
          'recipient_unknown',
          'The register has no single active recipient for invoice details: name it (recipientId)',
        );
      }
      const companyId = data.companyId ?? (await this.defaultCompany(ctx.trx, chosen));
      const addressee = {
        recipientId: chosen,
        companyId,
        purpose: ctx.processing.purpose,
        categories: ['user.financial.invoice'],
      };
      const registration = await requireRegistered(ctx.trx, this.policy, addressee, businessToday(ctx.clock.now()));
      const { recipient: firm, company, agreement } = registration;
      if (firm.notice_per_disclosure === 1)
        throw conflict(
          `${chosen} needs a notice per disclosure (P9): a fiscal export cannot wait for every person; disclose to it one person at a time`,
        );
      // P9: no notice per person only because the statement names the firm; it can do so once the register does.
      if (company === undefined) {
        throw disclosureRefused(
          'company_required',
          `The register names no company of ${chosen}: add the accounting firm by its legal name and KvK number (the statement names it, so its exports need no notice per person, P9)`,
        );
      }
      const registered = new Set(JSON.parse(firm.categories) as string[]);
      const categories = FISCAL_CATEGORIES.filter((c) => registered.has(c));
      const rows = await invoices.listIssuedBetween(ctx.trx, data.from, data.to);
      const lines = await invoices.listLines(
        ctx.trx,
        rows.map((r) => r.id),
      );
      const numbers = await this.numbersOf(
        rows.flatMap((r) => (r.credit_for_id === null ? [] : [r.credit_for_id])),
        ctx.trx,
      );
      const fiscal: FiscalInvoice[] = rows.map((invoice) => ({
        invoice,
        lines: lines.filter((l) => l.invoice_id === invoice.id),
        creditFor: invoice.credit_for_id === null ? null : (numbers.get(invoice.credit_for_id) ?? null),
      }));
      for (const r of rows) ctx.touch('invoice', r.id, personOf(r));

      const now = ctx.clock.now().toISOString();
      const batch = randomUUID();
      const period = `${data.from}..${data.to}`;
      // An organisation's invoice is no person's data: it goes in the export without a disclosure of its own.
      const bySubject = Map.groupBy(
        rows.flatMap((r) => (r.subject_id === null ? [] : [{ ...r, subject_id: r.subject_id }])),
        (r) => r.subject_id,
      );
      const logged: DisclosureRow[] = [...bySubject].map(([subjectId, own]) => ({
        id: randomUUID(),
        subject_id: subjectId,
        kind: 'fiscal_export',
        recipient_id: firm.id,
        company_id: company.id,
        recipient_name: null,
        recipient_email: null,
        request_id: null,
        authority: null,
        authority_reference: null,
        categories: JSON.stringify(categories),
        purpose: registration.purpose,
        legal_ground: legalGround(this.policy, registration),
        mode: 'export',
        format: data.format,
        description: `fiscal export ${period}: invoice(s) ${own.map((r) => r.number ?? r.id).join(', ')}`,
        status: 'released',
        notice: 'not_required',
        notice_outbox_id: null,
        notice_reason: 'named in the privacy statement; the register needs no notice per disclosure (P9)',
        processor_agreement_id: agreement?.id ?? null,
        batch_id: batch,
        requested_by: actorRef(actor),
        requested_at: now,
        released_at: now,
        released_by: actorRef(actor),
        exported_at: now,
        cancelled_at: null,
        cancel_reason: null,
      }));
      await disclosures.insert(ctx.trx, logged);
      for (const d of logged) ctx.touch('disclosure', d.id);

      const kept = new Set(categories);
      const csv = fiscalCsv(fiscal, kept);
      const name = `fiscal-export-${data.from}-${data.to}`;
      const result = { invoices: rows.length, disclosures: logged.length };
      if (data.format === 'csv')
        return { ...result, filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(csv, 'utf8') };
      const files: Record<string, Uint8Array> = { 'invoices.csv': strToU8(csv) };
      for (const f of fiscal)
        files[`ubl/${(f.invoice.number ?? f.invoice.id).replace(/[^A-Za-z0-9._-]/g, '_')}.xml`] = strToU8(
          ublDocument(f, this.policy.document.controller, kept),
        );
      return {
        ...result,
        filename: `${name}.zip`,
        contentType: 'application/zip',
        body: Buffer.from(zipSync(files, { level: 6, mtime: new Date(now) })),
      };
    });
  }

  /**
   * The one active recipient of the register that may receive invoice details, if there is exactly one; the
   * storage provider, which keeps them already, is none.
   */
  private async defaultRecipient(): Promise<string | undefined> {
    const storage = storageProcessors(this.policy.document);
    const candidates = (await listRows(this.db)).filter(
      (r: RecipientRow) =>
        r.active === 1 && !storage.has(r.id) && (JSON.parse(r.categories) as string[]).includes('user.financial.invoice'),
    );
    return candidates.length === 1 ? candidates[0]?.id : undefined;
  }

  /** The firm's one active company, if there is exactly one; with more, the caller names it. */
  private async defaultCompany(trx: Transaction<DB>, recipientId: string): Promise<string | undefined> {
    const active = (await listCompaniesOf(trx, recipientId)).filter((c) => c.active === 1);
    return active.length === 1 ? active[0]?.id : undefined;
  }

  /** The numbers of the invoices credit invoices refer to (one may lie before the period). */
  private async numbersOf(ids: string[], trx: Parameters<typeof invoices.getById>[0]): Promise<Map<string, string | null>> {
    const numbers = new Map<string, string | null>();
    for (const id of new Set(ids)) numbers.set(id, (await invoices.getById(trx, id))?.number ?? null);
    return numbers;
  }
}
