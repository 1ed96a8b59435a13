import type { RightsRequestRow } from '../db/types.ts';
import { readAuthentication } from '../mail/mail-authentication.schema.ts';
import { isOverdue, legalEnd } from './deadline.ts';
import { asStatus, isOpen } from './request-status.ts';
import type { RectificationChanges, RequestSummary, RightsRequest } from './request.schema.ts';

/** The target date in force: the extension's when there is one (Art. 12(3)). */
export const deadlineOf = (row: Pick<RightsRequestRow, 'due_on' | 'extended_to'>): string => row.extended_to ?? row.due_on;

/** Overdue: still open and past the legal end of the deadline in force, counted in the Netherlands' calendar. */
export const overdueOf = (row: RightsRequestRow, today: string): boolean =>
  isOpen(asStatus(row.status)) && isOverdue(deadlineOf(row), today);

/** The request as the API shows it; `today` (in the Netherlands) says whether it is overdue. */
export function presentRequest(row: RightsRequestRow, today: string): RightsRequest {
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    channel: row.channel,
    language: row.language === 'en' ? 'en' : 'nl',
    status: asStatus(row.status),
    receivedAt: row.received_at,
    dueOn: row.due_on,
    extendedTo: row.extended_to,
    extensionReason: row.extension_reason,
    deadline: deadlineOf(row),
    legalEnd: legalEnd(deadlineOf(row)),
    extendableUntil: legalEnd(row.due_on),
    overdue: overdueOf(row, today),
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    requesterAddress: row.requester_address,
    details: row.details,
    purpose: row.purpose,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as RectificationChanges),
    subjectId: row.subject_id,
    caseId: row.case_id,
    verificationMethod: row.verification_method,
    verifiedAt: row.verified_at,
    verificationNote: row.verification_note,
    decision: row.decision,
    decisionGround: row.decision_ground,
    decisionMotivation: row.decision_motivation,
    decisionEvidence: row.decision_evidence,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    answeredAt: row.answered_at,
    closingNote: row.closing_note,
    attachmentsDropped: row.attachments_dropped,
    transferOrganisation: row.transfer_organisation,
    transferEmail: row.transfer_email,
    transferConfirmedAt: row.transfer_confirmed_at,
    mailAuthentication: readAuthentication(row.mail_authentication),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentSummary(row: RightsRequestRow, today: string): RequestSummary {
  const r = presentRequest(row, today);
  return {
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    receivedAt: r.receivedAt,
    dueOn: r.dueOn,
    extendedTo: r.extendedTo,
    deadline: r.deadline,
    legalEnd: r.legalEnd,
    overdue: r.overdue,
    requesterName: r.requesterName,
    subjectId: r.subjectId,
  };
}
