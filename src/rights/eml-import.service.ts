import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { MAX_MESSAGE_BODY_CHARS } from '../mail/message-limits.ts';
import { mailRows } from '../cases/mail-rows.ts';
import { insertWithFreeReference } from '../cases/case-reference.ts';
import * as cases from '../cases/case.repository.ts';
import type { CaseRow, DB, RightsRequestRow } from '../db/types.ts';
import { KluisError, conflict, fileInfected, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, Processing } from '../guard/guard.ts';
import { scanMail } from '../scanner/incoming.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { type ParsedMessage, parseEml } from '../mail/eml.ts';
import * as requests from './request.repository.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

export const importedMailSchema = z.object({
  requestId: z.string(),
  /** case_message: a message of the request's case; request_details: added to the details of an unverified request. */
  storedAs: z.enum(['case_message', 'request_details']),
  caseId: z.string().nullable(),
  messageId: z.string().nullable(),
  from: z.string().nullable(),
  title: z.string().nullable(),
  occurredAt: z.string(),
  /** Attachments are never kept on a request: how many the mail had, and their media types (not their names). */
  attachmentsDropped: z.object({ count: z.number().int(), types: z.array(z.string()) }),
});
export type ImportedMail = z.infer<typeof importedMailSchema>;

/**
 * Imports a mail about a request from an .eml file (P12: requests by mail). Once the identity is proven and
 * the request has its subject, the mail becomes an inbound message of the request's case (kind 'request',
 * opened on the first import); before that its text is added to the request's details. At every stage its
 * attachments are dropped unread: what people attach to a request is often a copy of an identity document,
 * which Kluis never keeps (EDPB 01/2022; AP guidance; UAVG art. 46 for the BSN on it). Staff are told how
 * many and of which media types, in the answer, the request and the stored text; file names are not kept,
 * as they often carry the person's name or document number.
 */
export class EmlImportService {
  private readonly guard: Guard;
  private readonly scanner: Scanner;
  private readonly clock: Clock;

  constructor(guard: Guard, scanner: Scanner, clock: Clock = systemClock) {
    this.guard = guard;
    this.scanner = scanner;
    this.clock = clock;
  }

  /**
   * `raw` is null when the body was not sent as message/rfc822. The mail passes the virus scanner first, whole:
   * one that carries a virus is refused, text and all, even though its attachments would be dropped anyway.
   */
  async importEml(actor: Actor, requestId: string, raw: Buffer | null): Promise<ImportedMail> {
    const processing: Processing = { actor, operation: 'collect', recordType: 'message', includes: ['case'] };
    // A role that may not collect messages is refused (and logged) by the guard before its upload is read.
    const mayCollect =
      this.guard.policy.allows(actor.role, 'collect', 'message') && this.guard.policy.allows(actor.role, 'collect', 'case');
    if (raw === null || !mayCollect) {
      return this.guard.process(processing, async () => {
        throw new KluisError('unsupported_media_type', 'Send the mail as it was received, with Content-Type: message/rfc822');
      });
    }
    const parsed = await parseEml(raw, this.clock.now());
    // Scanned before the transaction: a scanner that is slow or gone must not hold the database's write lock.
    const scan = await scanMail(
      this.scanner,
      raw,
      parsed.attachments.map((a) => ({ name: a.filename, content: a.content })),
      this.clock,
    );
    return this.guard.process(processing, async (ctx) => {
      const { trx } = ctx;
      const row = await requests.getById(trx, requestId);
      if (row === undefined) throw notFound('Request', requestId);
      ctx.touch('rights_request', row.id);
      if (scan.infected.length > 0) throw fileInfected(scan.infected);
      const dropped = { count: parsed.attachments.length, types: parsed.attachments.map((a) => a.contentType) };
      // From here on only the text: the attachments' content goes no further than this function.
      const mail: ParsedMessage = { ...parsed, attachments: [], body: parsed.body + droppedNote(dropped) };
      const summary = { requestId, from: mail.from, title: mail.title, occurredAt: mail.occurredAt, attachmentsDropped: dropped };
      const now = ctx.clock.now().toISOString();
      if (row.subject_id === null) {
        await appendToDetails(trx, row, mail, now);
        if (dropped.count > 0) await requests.addDroppedAttachments(trx, row.id, dropped.count, now);
        return { ...summary, storedAs: 'request_details' as const, caseId: null, messageId: null };
      }
      const parent = await caseOf(trx, row, row.subject_id, now);
      if (parent.status === 'closed')
        throw conflict(`Case ${parent.reference} of request ${row.reference} is closed; reopen it to add a message`);
      const { message } = mailRows(parent, mail, 'inbound', [], now);
      await cases.createMessage(trx, message);
      await cases.setUpdatedAt(trx, parent.id, now);
      if (dropped.count > 0) await requests.addDroppedAttachments(trx, row.id, dropped.count, now);
      ctx.touch('case', parent.id, parent.subject_id);
      ctx.touch('message', message.id, parent.subject_id);
      return { ...summary, storedAs: 'case_message' as const, caseId: parent.id, messageId: message.id };
    });
  }
}

/** The line staff read under the mail's text: how many attachments were dropped, and of which types. */
export function droppedNote(dropped: { count: number; types: string[] }): string {
  if (dropped.count === 0) return '';
  const what = dropped.count === 1 ? '1 attachment' : `${dropped.count} attachments`;
  return `\n[${what} not kept (${[...new Set(dropped.types)].join(', ')}): Kluis keeps no attachments to requests]`;
}

/** The request's case, opened (kind 'request') and linked the first time a mail is filed under it. */
export async function caseOf(trx: Transaction<DB>, row: RightsRequestRow, subjectId: string, now: string): Promise<CaseRow> {
  const existing = row.case_id === null ? undefined : await cases.getById(trx, row.case_id);
  if (existing !== undefined) return existing;
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

export async function appendToDetails(
  trx: Transaction<DB>,
  row: RightsRequestRow,
  mail: ParsedMessage,
  now: string,
): Promise<void> {
  const block = `--- E-mail ${mail.occurredAt} from ${mail.from ?? '?'}: ${mail.title ?? '(no subject)'} ---\n${mail.body}`;
  const details = row.details === '' ? block : `${row.details}\n\n${block}`;
  if (details.length > MAX_MESSAGE_BODY_CHARS) {
    throw new KluisError(
      'payload_too_large',
      `The request's details would grow past ${MAX_MESSAGE_BODY_CHARS} characters; verify the request first, so mail goes to its case`,
    );
  }
  await requests.setDetails(trx, row.id, details, now);
}
