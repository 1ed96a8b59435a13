import * as agreements from '../agreements/agreement.repository.ts';
import { presentAgreement } from '../agreements/agreement.presenter.ts';
import { presentCase } from '../cases/case.presenter.ts';
import * as cases from '../cases/case.repository.ts';
import { presentConsent } from '../consents/consent.presenter.ts';
import * as consents from '../consents/consent.repository.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { presentInvoice } from '../invoices/invoice.presenter.ts';
import * as invoices from '../invoices/invoice.repository.ts';
import { presentSubject } from './subject.presenter.ts';
import * as subjects from './subject.repository.ts';
import type { SubjectView } from './subject-view.schema.ts';

/** The customer page: one consultation of everything about one subject, logged as one entry. */
export class SubjectViewService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  async view(actor: Actor, id: string, purpose?: string): Promise<SubjectView> {
    const processing = {
      actor,
      operation: 'consult' as const,
      recordType: 'subject' as const,
      includes: ['agreement' as const, 'invoice' as const, 'case' as const, 'message' as const, 'consent' as const],
      subjectId: id,
      purpose,
      // The most asked page of all: it only reads, so on PostgreSQL it needs no transaction (guard.ts).
      readOnly: true,
    };
    return this.guard.process(processing, async (ctx) => {
      const { trx } = ctx;
      // Each query costs in proportion to this person's data only (indexed by subject_id). Issued together, they
      // go to PostgreSQL in one round trip (database.ts, pipeline); an unknown id finds nothing in any of them.
      const [subject, addressRows, agreementRows, invoiceRows, lineRows, caseRows, messageRows, attachmentRows, consentRows] =
        await Promise.all([
          subjects.getById(trx, id),
          subjects.listAddresses(trx, id),
          agreements.listBySubject(trx, id),
          invoices.listBySubject(trx, id),
          invoices.listLinesBySubject(trx, id),
          cases.listBySubject(trx, id),
          cases.listMessagesBySubject(trx, id),
          cases.listAttachmentsBySubject(trx, id),
          consents.listBySubject(trx, id),
        ]);
      if (subject === undefined) throw notFound('Subject', id);
      ctx.touch('subject', id, id);
      for (const r of agreementRows) ctx.touch('agreement', r.id);
      for (const r of invoiceRows) ctx.touch('invoice', r.id);
      for (const r of caseRows) ctx.touch('case', r.id);
      for (const r of messageRows) ctx.touch('message', r.id);
      for (const r of consentRows) ctx.touch('consent', r.id);
      return {
        subject: presentSubject(subject, addressRows),
        agreements: agreementRows.map(presentAgreement),
        invoices: invoiceRows.map((i) =>
          presentInvoice(
            i,
            lineRows.filter((l) => l.invoice_id === i.id),
          ),
        ),
        cases: caseRows.map((c) => presentCase(c, messageRows, attachmentRows)),
        consents: consentRows.map((c) => presentConsent(c, this.guard.policy)),
      };
    });
  }
}
