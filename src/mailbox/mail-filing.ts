import { randomUUID } from 'node:crypto';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_ATTACHMENT_BYTES } from '../mail/message-limits.ts';
import { sha256Hex } from '../cases/attachment.ts';
import * as cases from '../cases/case.repository.ts';
import { mailRows } from '../cases/mail-rows.ts';
import type { CaseRow, InboxReason, RightsRequestRow } from '../db/types.ts';
import { KluisError } from '../errors.ts';
import type { ProcessingContext } from '../guard/guard.ts';
import type { MailAttachment, ParsedMessage } from '../mail/eml.ts';
import { appendToDetails, caseOf, droppedNote } from '../rights/eml-import.service.ts';
import * as requests from '../rights/request.repository.ts';
import * as inbox from './inbox.repository.ts';

// Storing a mail where it belongs, inside a processing of the caller's (the mailbox's intake, or staff
// triaging the inbox): the guard logs it, and the caller's transaction holds the record of where it went.

/** Where a mail filed on a request went: the request's details (unverified) or a message of its case. */
export interface FiledOnRequest {
  requestId: string;
  caseId: string | null;
  messageId: string | null;
}

/**
 * A mail about a request, as an .eml import files it (src/rights/eml-import.service.ts): its attachments are
 * dropped unread and counted, never kept (they may be ID copies: AP guidance; UAVG art. 46); before the
 * identity is proven its text goes to the request's details, after it to the request's case.
 */
export async function fileOnRequest(
  ctx: ProcessingContext,
  row: RightsRequestRow,
  mail: ParsedMessage,
  direction: 'inbound' | 'outbound' = 'inbound',
): Promise<FiledOnRequest> {
  const { trx } = ctx;
  const dropped = { count: mail.attachments.length, types: mail.attachments.map((a) => a.contentType) };
  const text: ParsedMessage = { ...mail, attachments: [], body: mail.body + droppedNote(dropped) };
  const now = ctx.clock.now().toISOString();
  ctx.touch('rights_request', row.id);
  if (dropped.count > 0) await requests.addDroppedAttachments(trx, row.id, dropped.count, now);
  if (row.subject_id === null) {
    await appendToDetails(trx, row, text, now);
    return { requestId: row.id, caseId: null, messageId: null };
  }
  const parent = await caseOf(trx, row, row.subject_id, now);
  if (parent.status === 'closed')
    throw new KluisError('conflict', `Case ${parent.reference} of request ${row.reference} is closed`);
  const { message } = mailRows(parent, text, direction, [], now);
  await cases.createMessage(trx, message);
  await cases.setUpdatedAt(trx, parent.id, now);
  ctx.touch('case', parent.id, parent.subject_id);
  ctx.touch('message', message.id, parent.subject_id);
  return { requestId: row.id, caseId: parent.id, messageId: message.id };
}

/** A mail as a message of an open case, with its attachments (already through the gate, see attachment-gate.ts). */
export async function fileOnCase(
  ctx: ProcessingContext,
  parent: CaseRow,
  mail: ParsedMessage,
  direction: 'inbound' | 'outbound',
): Promise<string> {
  checkAttachments(mail.attachments);
  const now = ctx.clock.now().toISOString();
  const unscanned = { scan_status: 'unscanned' as const, scanned_at: null, scan_problem: null };
  const { message, attachments } = mailRows(
    parent,
    mail,
    direction,
    mail.attachments.map((a) => a.scan ?? unscanned),
    now,
  );
  await cases.createMessage(ctx.trx, message);
  await cases.createAttachments(ctx.trx, attachments);
  await cases.setUpdatedAt(ctx.trx, parent.id, now);
  ctx.touch('message', message.id, parent.subject_id);
  ctx.touch('case', parent.id, parent.subject_id);
  for (const a of attachments) ctx.touch('attachment', a.id, parent.subject_id);
  return message.id;
}

/** What the triage inbox keeps of a mail besides its text. */
export interface InboxFacts {
  receivedAt: Date;
  sizeBytes: number;
  reason: InboxReason;
  detail?: string | null | undefined;
  relatedRequestId?: string | null | undefined;
  relatedCaseId?: string | null | undefined;
  authentication: string | null;
}

/** A mail for staff to triage, with its attachments (through the gate); a refused mail keeps its envelope only. */
export async function fileInInbox(ctx: ProcessingContext, mail: ParsedMessage, facts: InboxFacts): Promise<string> {
  checkAttachments(mail.attachments);
  const id = randomUUID();
  const now = ctx.clock.now().toISOString();
  const item: inbox.InboxItemRow = {
    id,
    received_at: facts.receivedAt.toISOString(),
    from_address: mail.from,
    to_address: mail.to,
    title: mail.title,
    body: mail.body,
    occurred_at: mail.occurredAt,
    reason: facts.reason,
    reason_detail: facts.detail ?? null,
    related_request_id: facts.relatedRequestId ?? null,
    related_case_id: facts.relatedCaseId ?? null,
    size_bytes: facts.sizeBytes,
    mail_authentication: facts.authentication,
    created_at: now,
  };
  const files = mail.attachments.map((a: MailAttachment) => ({
    id: randomUUID(),
    item_id: id,
    filename: a.filename,
    content_type: a.contentType,
    size_bytes: a.content.length,
    sha256: sha256Hex(a.content),
    content: a.content,
  }));
  await inbox.create(ctx.trx, item, files);
  ctx.touch('inbox_item', id);
  return id;
}

/**
 * The limits of a case's message (10 attachments of 5 MiB), said without the files' names: the refusal is
 * recorded with the mail's read, which names no person.
 */
export function checkAttachments(attachments: MailAttachment[]): void {
  if (attachments.length > MAX_ATTACHMENTS_PER_MESSAGE)
    throw new KluisError(
      'payload_too_large',
      `The mail has ${attachments.length} attachments; a case keeps at most ${MAX_ATTACHMENTS_PER_MESSAGE}`,
      { refusal: 'too_many_attachments' },
    );
  const index = attachments.findIndex((a) => a.content.length > MAX_ATTACHMENT_BYTES);
  const large = attachments[index];
  if (large !== undefined)
    throw new KluisError(
      'payload_too_large',
      `Attachment ${index + 1} of the mail is ${large.content.length} bytes; a case keeps at most ${MAX_ATTACHMENT_BYTES} (5 MiB) per file`,
      { refusal: 'attachment_too_large' },
    );
}
