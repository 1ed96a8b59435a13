import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { presentAgreement } from '../agreements/agreement.presenter.ts';
import * as agreements from '../agreements/agreement.repository.ts';
import { newAgreementSchema, type Agreement } from '../agreements/agreement.schema.ts';
import type { AgreementRow, DB, InvoiceRow, OrganisationRow } from '../db/types.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { billingColumns, checkAgreement, pricedLines } from '../invoices/invoice-draft.ts';
import { presentInvoice } from '../invoices/invoice.presenter.ts';
import * as invoices from '../invoices/invoice.repository.ts';
import { type Invoice, newInvoiceSchema } from '../invoices/invoice.schema.ts';
import { parse } from '../shared/parse.ts';
import { refuseUndeclaredGender } from '../subjects/gender.ts';
import * as organisations from './organisation.repository.ts';
import { touchOrganisation } from './organisation.service.ts';
import { checkContact } from './record-contacts.ts';

const contactId = z.uuid('must be a UUID').optional();
/** An agreement or quote of an organisation: as a person's, plus the contact person it names. */
export const newOrganisationAgreementSchema = newAgreementSchema.safeExtend({ contactId });
/** An invoice of an organisation: as a person's, plus the contact person it is addressed to. */
export const newOrganisationInvoiceSchema = newInvoiceSchema.extend({ contactId });

/**
 * The agreements and invoices that belong to an organisation (subject_id null). They follow the rules of a
 * person's (the agreement's statuses and dates, the invoice's draft, issue and credit in InvoiceService, which
 * takes them by id); what differs is the owner, the billing details taken from the organisation, and the log:
 * it names the contact person and, for a sole trader or partnership, the owners.
 */
export class OrganisationRecordService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  async createAgreement(
    actor: Actor,
    organisationId: string,
    input: z.input<typeof newOrganisationAgreementSchema>,
    purpose?: string,
  ): Promise<Agreement> {
    const data = parse(newOrganisationAgreementSchema, input, 'agreement');
    return this.guard.process(
      // The organisation's own record is read: it must exist, and the contact person must be one of its own.
      { actor, operation: 'collect', recordType: 'agreement', includes: ['subject'], subjectId: data.contactId, purpose },
      async (ctx) => {
        const { trx } = ctx;
        await ownerOf(trx, organisationId, data.contactId);
        const now = ctx.clock.now().toISOString();
        const row: AgreementRow = {
          id: randomUUID(),
          subject_id: null,
          organisation_id: organisationId,
          contact_id: data.contactId ?? null,
          kind: data.kind,
          title: data.title,
          status: data.status,
          start_date: data.startDate ?? null,
          end_date: data.endDate ?? null,
          created_at: now,
          updated_at: now,
        };
        await agreements.create(trx, row);
        ctx.touch('agreement', row.id, data.contactId);
        await touchOrganisation(ctx, [organisationId]);
        return presentAgreement(row);
      },
    );
  }

  /** Drafts an invoice; billing defaults to the organisation's name and billing (else postal) address, the reference to its own. */
  async createInvoice(
    actor: Actor,
    organisationId: string,
    input: z.input<typeof newOrganisationInvoiceSchema>,
    purpose?: string,
  ): Promise<Invoice> {
    const data = parse(newOrganisationInvoiceSchema, input, 'invoice');
    refuseUndeclaredGender(this.guard.policy, 'invoice', data.billing?.gender, 'billing.gender');
    return this.guard.process(
      {
        actor,
        operation: 'collect',
        recordType: 'invoice',
        // The organisation's record is read, and a named agreement must be the organisation's.
        includes: data.agreementId === undefined ? ['subject'] : ['subject', 'agreement'],
        subjectId: data.contactId,
        purpose,
      },
      async (ctx) => {
        const { trx } = ctx;
        const organisation = await ownerOf(trx, organisationId, data.contactId);
        if (data.agreementId !== undefined)
          await checkAgreement(trx, data.agreementId, { subject_id: null, organisation_id: organisationId });
        const id = randomUUID();
        const now = ctx.clock.now().toISOString();
        const { rows, totals } = pricedLines(id, data.lines);
        const row: InvoiceRow = {
          id,
          subject_id: null,
          organisation_id: organisationId,
          contact_id: data.contactId ?? null,
          agreement_id: data.agreementId ?? null,
          credit_for_id: null,
          number: null,
          status: 'draft',
          issue_date: null,
          completed_on: data.completedOn ?? null,
          ...(data.billing === undefined ? await billingFromOrganisation(trx, organisation) : billingColumns(data.billing)),
          reference: data.reference ?? organisation.reference,
          currency: data.currency,
          ...totals,
          // The organisation's VAT number is the buyer's (art. 35a Wet OB: required under the reverse charge).
          buyer_vat_number: data.buyerVatNumber ?? organisation.vat_number,
          vat_treatment: data.vatTreatment,
          vat_exemption_reason: data.vatExemptionReason ?? null,
          payment_term_days: data.paymentTermDays ?? null,
          due_date: null,
          created_at: now,
          updated_at: now,
        };
        await invoices.create(trx, row, rows);
        ctx.touch('invoice', id, data.contactId);
        await touchOrganisation(ctx, [organisationId]);
        return presentInvoice(row, rows);
      },
    );
  }
}

/** The organisation, and the contact person named, who must be one of its contacts. */
async function ownerOf(trx: Transaction<DB>, organisationId: string, contactId: string | undefined): Promise<OrganisationRow> {
  const organisation = await organisations.getById(trx, organisationId);
  if (organisation === undefined) throw notFound('Organisation', organisationId);
  if (contactId !== undefined) await checkContact(trx, organisationId, contactId);
  return organisation;
}

async function billingFromOrganisation(trx: Transaction<DB>, organisation: OrganisationRow) {
  const addresses = await organisations.listAddresses(trx, organisation.id);
  const address = addresses.find((a) => a.kind === 'billing') ?? addresses.find((a) => a.kind === 'postal');
  if (address === undefined) {
    throw validationFailed('Invalid invoice: billing: the organisation has no billing or postal address, so give one', [
      { path: 'billing', message: 'is required: the organisation has no billing or postal address' },
    ]);
  }
  return billingColumns({
    name: organisation.name,
    street: address.street,
    postalCode: address.postal_code,
    city: address.city,
    country: address.country,
  });
}
