import { presentAgreement } from '../../agreements/agreement.presenter.ts';
import { presentCase } from '../../cases/case.presenter.ts';
import { presentConsent } from '../../consents/consent.presenter.ts';
import type { DisclosureLine } from '../../disclosures/disclosure-log.ts';
import { presentInvoice } from '../../invoices/invoice.presenter.ts';
import type { Policy } from '../../policy/policy.ts';
import { presentSubject } from '../../subjects/subject.presenter.ts';
import type { RetentionLine } from './access-retention.ts';
import type { SubjectRecords } from '../executors/subject-records.ts';
import type { OwnLogEntry } from './access-data.repository.ts';

/** Where an attachment lies in the zip: its own folder, so two files of one name cannot collide. */
export const attachmentPath = (id: string, filename: string): string =>
  `attachments/${id}/${filename.replace(/[/\\]/g, '_') || 'file'}`;

/**
 * Only the record references that are the person's own: an entry that touched several people (a search)
 * names the others' records too, and those are not this person's data.
 */
export function ownRecords(records: string, own: Set<string>): string[] {
  return (JSON.parse(records) as string[]).filter((ref) => own.has(ref));
}

/** The record references ("type:id") of everything the person has. */
export function ownReferences(r: SubjectRecords): Set<string> {
  return new Set([
    `subject:${r.subject.id}`,
    ...r.contactRoles.map((x) => `contact_role:${x.organisation_id}:${r.subject.id}`),
    ...r.contactRoles
      .filter((x) => Number(x.owner) === 1 && x.kind !== 'legal_entity')
      .map((x) => `organisation:${x.organisation_id}`),
    ...r.agreements.map((x) => `agreement:${x.id}`),
    ...r.invoices.map((x) => `invoice:${x.id}`),
    ...r.cases.map((x) => `case:${x.id}`),
    ...r.messages.map((x) => `message:${x.id}`),
    ...r.attachments.map((x) => `attachment:${x.id}`),
    ...r.consents.map((x) => `consent:${x.id}`),
    ...r.restrictions.map((x) => `restriction:${x.id}`),
    ...r.objections.map((x) => `objection:${x.id}`),
  ]);
}

/** data.json: everything about the person, machine-readable (Art. 15(3), Art. 20). */
export function accessData(
  policy: Policy,
  r: SubjectRecords,
  log: OwnLogEntry[],
  retention: RetentionLine[],
  disclosures: DisclosureLine[],
  meta: { generatedAt: string; requestReference: string },
) {
  const own = ownReferences(r);
  const { controller } = policy.document;
  return {
    format: 'kluis-access-package/1',
    generatedAt: meta.generatedAt,
    request: meta.requestReference,
    controller: { name: controller.name, email: controller.email, dpoEmail: controller.dpo.email },
    subject: presentSubject(r.subject, r.addresses),
    // Whose contact person the person is, in which role; a sole trader's or partnership's own data is the owner's.
    contactRoles: r.contactRoles.map((c) => ({
      organisation: {
        reference: c.reference,
        name: c.name,
        kind: c.kind,
        kvkNumber: c.kvk_number,
        ...(Number(c.owner) === 1 && c.kind !== 'legal_entity' ? { vatNumber: c.vat_number } : {}),
      },
      role: c.role,
      owner: Number(c.owner) === 1,
      since: c.created_at,
    })),
    agreements: r.agreements.map(presentAgreement),
    invoices: r.invoices.map((i) =>
      presentInvoice(
        i,
        r.invoiceLines.filter((l) => l.invoice_id === i.id),
      ),
    ),
    // The payments received on the person's invoices: what we recorded of their bank transfers (issue 20).
    payments: r.payments.map((p) => ({
      id: p.id,
      invoiceId: p.invoice_id,
      paidOn: p.paid_on,
      amountCents: p.amount_cents,
      reference: p.reference,
      recordedAt: p.created_at,
    })),
    cases: r.cases.map((c) => {
      const presented = presentCase(c, r.messages, r.attachments);
      return {
        ...presented,
        // A file in quarantine is described but not packaged: the scanner has not cleared it (src/scanner/).
        messages: presented.messages.map((m) => ({
          ...m,
          attachments: m.attachments.map((a) => ({
            ...a,
            file: a.scan.status === 'quarantined' ? null : attachmentPath(a.id, a.filename),
          })),
        })),
      };
    }),
    consents: r.consents.map((c) => presentConsent(c, policy)),
    restrictions: r.restrictions.map((x) => ({
      id: x.id,
      purpose: x.purpose,
      reason: x.reason,
      startedAt: x.started_at,
      liftedAt: x.lifted_at,
    })),
    objections: r.objections.map((x) => ({
      id: x.id,
      purpose: x.purpose,
      status: x.status,
      reason: x.reason,
      createdAt: x.created_at,
      decidedAt: x.decided_at,
    })),
    recipientNotices: r.recipientNotices.map((x) => ({
      id: x.id,
      recipientId: x.recipient_id,
      kind: x.kind,
      createdAt: x.created_at,
      status: x.status,
    })),
    // Art. 15(1)(c) as the CJEU reads it (C-154/21, Österreichische Post): the actual recipients, not categories.
    disclosures: disclosures.map((d) => ({
      id: d.id,
      kind: d.kind,
      recipient: d.recipient,
      disclosedAt: d.disclosedAt,
      categories: d.categories,
      purpose: d.purpose,
      legalGround: d.legalGround,
    })),
    disclosuresNote:
      'Every party that actually received your data from us, when, which data and why (Art. 15(1)(c) GDPR). report.html also names the parties our register allows to receive data.',
    retention: retention.map((l) => ({
      recordType: l.recordType,
      recordId: l.recordId,
      until: l.until,
      explanation: l.explanation,
    })),
    processingLog: log.map((e) => ({
      seq: e.seq,
      at: e.at,
      actorKind: e.actor_kind,
      actorRole: e.actor_role,
      operation: e.operation,
      purpose: e.purpose,
      recordType: e.record_type,
      records: ownRecords(e.records, own),
      outcome: e.outcome,
      reason: e.reason,
    })),
  };
}
