import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { MAX_MESSAGE_BODY_CHARS } from '../cases/attachment.ts';
import { mailRows } from '../cases/mail-rows.ts';
import { insertWithFreeReference } from '../cases/case-reference.ts';
import * as cases from '../cases/case.repository.ts';
import type { CaseRow, DB, RightsRequestRow } from '../db/types.ts';
import { KluisError, conflict, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { type ParsedMessage, parseEml } from './eml.ts';
import * as requests from './request.repository.ts';

export const importedMailSchema = z.object({
  requestId: z.string(),
  /** case_message: a message of the request's case; request_details: added to the details of an unverified request. */
  storedAs: z.enum(['case_message', 'request_details']),
  caseId: z.string().nullable(),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  title: z.string().nullable(),
  occurredAt: z.string(),
  attachmentsKept: z.array(z.string()),
  attachmentsNotKept: z.array(z.string()),
});
export type ImportedMail = z.infer<typeof importedMailSchema>;

/**
 * Imports a mail about a request from an .eml file (P12: requests by mail). Once the identity is proven and
 * the request has its subject, the mail becomes an inbound message, with its attachments, of the request's
 * case (kind 'request', opened on the first import). Before that there is no subject to file it under: its
 * text is added to the request's details and its attachments are not kept, because nobody has shown the
 * mail is theirs, and what people attach to a request is often a copy of an identity document, which Kluis
 * never keeps (EDPB 01/2022).
 */
export class EmlImportService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  /** `raw` is null when the body was not sent as message/rfc822. */
  async importEml(actor: Actor, requestId: string, raw: Buffer | null): Promise<ImportedMail> {
    return this.guard.process({ actor, operation: 'collect', recordType: 'message', includes: ['case'] }, async (ctx) => {
      const { trx } = ctx;
      if (raw === null) throw new KluisError('unsupported_media_type', 'Send the mail as it was received, with Content-Type: message/rfc822');
      // Parsed inside the processing, so a role that may not collect messages is refused before its upload is read.
      const mail = await parseEml(raw);
      const row = await requests.getById(trx, requestId);
      if (row === undefined) throw notFound('Request', requestId);
      ctx.touch('rights_request', row.id);
      const summary = { requestId, from: mail.from, title: mail.title, occurredAt: mail.occurredAt };
      const names = mail.attachments.map((a) => a.filename);
      if (row.subject_id === null) {
        await appendToDetails(trx, row, mail);
        return { ...summary, storedAs: 'request_details' as const, caseId: null, messageId: null, attachmentsKept: [], attachmentsNotKept: names };
      }
      const parent = await caseOf(trx, row, row.subject_id);
      if (parent.status === 'closed') throw conflict(`Case ${parent.reference} of request ${row.reference} is closed; reopen it to add a message`);
      const now = new Date().toISOString();
      const { message, attachments } = mailRows(parent, mail, 'inbound', now);
      await cases.createMessage(trx, message);
      await cases.createAttachments(trx, attachments);
      await cases.setUpdatedAt(trx, parent.id, now);
      ctx.touch('case', parent.id, parent.subject_id);
      ctx.touch('message', message.id, parent.subject_id);
      for (const a of attachments) ctx.touch('attachment', a.id);
      return { ...summary, storedAs: 'case_message' as const, caseId: parent.id, messageId: message.id, attachmentsKept: names, attachmentsNotKept: [] };
    });
  }
}

/** The request's case, opened (kind 'request') and linked the first time a mail is filed under it. */
async function caseOf(trx: Transaction<DB>, row: RightsRequestRow, subjectId: string): Promise<CaseRow> {
  const existing = row.case_id === null ? undefined : await cases.getById(trx, row.case_id);
  if (existing !== undefined) return existing;
  const now = new Date().toISOString();
  const opened = await insertWithFreeReference(trx, {
    id: randomUUID(),
    subject_id: subjectId,
    kind: 'request',
    title: `Verzoek ${row.reference} (${row.kind})`,
    status: 'open',
    opened_at: now,
    closed_at: null,
    created_at: now,
    updated_at: now,
  });
  await requests.setCase(trx, row.id, opened.id, now);
  return opened;
}

async function appendToDetails(trx: Transaction<DB>, row: RightsRequestRow, mail: ParsedMessage): Promise<void> {
  const dropped = mail.attachments.length === 0 ? '' : `\n[Attachments not kept: ${mail.attachments.map((a) => `${a.filename} (${a.content.length} bytes)`).join(', ')}]`;
  const block = `--- E-mail ${mail.occurredAt} from ${mail.from ?? '?'}: ${mail.title ?? '(no subject)'} ---\n${mail.body}${dropped}`;
  const details = row.details === '' ? block : `${row.details}\n\n${block}`;
  if (details.length > MAX_MESSAGE_BODY_CHARS) {
    throw new KluisError('payload_too_large', `The request's details would grow past ${MAX_MESSAGE_BODY_CHARS} characters; verify the request first, so mail goes to its case`);
  }
  await requests.setDetails(trx, row.id, details, new Date().toISOString());
}
