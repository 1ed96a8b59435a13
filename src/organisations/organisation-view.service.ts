import { z } from 'zod';
import { presentAgreement } from '../agreements/agreement.presenter.ts';
import { agreementSchema } from '../agreements/agreement.schema.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { personOf, presentInvoice } from '../invoices/invoice.presenter.ts';
import { invoiceSchema } from '../invoices/invoice.schema.ts';
import * as records from './organisation-records.repository.ts';
import { presentContact, presentOrganisation } from './organisation.presenter.ts';
import * as organisations from './organisation.repository.ts';
import { contactSchema, organisationCaseSchema, organisationSchema } from './organisation.schema.ts';
import { type OrganisationService, touchOrganisation } from './organisation.service.ts';

export const organisationViewSchema = z.object({
  organisation: organisationSchema,
  contacts: z.array(contactSchema),
  agreements: z.array(agreementSchema),
  invoices: z.array(invoiceSchema),
  cases: z.array(organisationCaseSchema),
});
export type OrganisationView = z.infer<typeof organisationViewSchema>;

/**
 * The organisation page: the organisation with its contact persons, agreements, invoices and the cases of its
 * contacts, as one consultation and one log entry naming every person it showed. A contact person this actor
 * may not consult (restricted, objected) is left out, with the cases that are theirs; the records that name
 * them stay, since they are the organisation's.
 */
export class OrganisationViewService {
  private readonly guard: Guard;
  private readonly organisations: OrganisationService;

  constructor(guard: Guard, organisationService: OrganisationService) {
    this.guard = guard;
    this.organisations = organisationService;
  }

  async view(actor: Actor, id: string, purpose?: string): Promise<OrganisationView> {
    const processing = {
      actor,
      operation: 'consult' as const,
      recordType: 'subject' as const,
      includes: ['agreement' as const, 'invoice' as const, 'case' as const],
      purpose,
      readOnly: true,
    };
    return this.guard.process(processing, async (ctx) => {
      const { trx } = ctx;
      const row = await organisations.getById(trx, id);
      if (row === undefined) throw notFound('Organisation', id);
      const contacts = await this.organisations.visibleContacts(ctx, [id]);
      const shown = new Set(contacts.map((c) => c.subject_id));
      const [addresses, agreementRows, invoiceRows, lineRows, caseRows] = await Promise.all([
        organisations.listAddresses(trx, id),
        records.listAgreements(trx, id),
        records.listInvoices(trx, id),
        records.listInvoiceLines(trx, id),
        records.listCases(trx, id),
      ]);
      await touchOrganisation(ctx, [id]);
      // A name the actor may not see is shown as no name: the record is the organisation's.
      const named = <T extends { contact_id: string | null }>(r: T): T =>
        r.contact_id === null || shown.has(r.contact_id) ? r : { ...r, contact_id: null };
      for (const r of agreementRows) ctx.touch('agreement', r.id, named(r).contact_id ?? undefined);
      for (const r of invoiceRows) ctx.touch('invoice', r.id, personOf(named(r)));
      const cases = caseRows.filter((c) => shown.has(c.subject_id));
      for (const c of cases) ctx.touch('case', c.id, c.subject_id);
      return {
        organisation: presentOrganisation(row, addresses),
        contacts: contacts.map(presentContact),
        agreements: agreementRows.map((r) => presentAgreement(named(r))),
        invoices: invoiceRows.map((r) =>
          presentInvoice(
            named(r),
            lineRows.filter((l) => l.invoice_id === r.id),
          ),
        ),
        cases: cases.map((c) => ({
          id: c.id,
          subjectId: c.subject_id,
          kind: c.kind,
          title: c.title,
          reference: c.reference,
          status: c.status,
          openedAt: c.opened_at,
          closedAt: c.closed_at,
        })),
      };
    });
  }
}
