import * as cases from '../cases/case.repository.ts';
import type { CaseRow } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { readAuthentication } from '../mail/mail-authentication.schema.ts';
import { parseMailbox } from '../mail/mailbox.ts';
import type { ParsedMessage } from '../mail/eml.ts';
import { droppedNote } from '../rights/eml-import.service.ts';
import type { RequestIntakeService } from '../rights/request-intake.service.ts';
import { presentRequest } from '../rights/request.presenter.ts';
import { REQUEST_COLUMNS } from '../rights/request.repository.ts';
import type { RightsRequest } from '../rights/request.schema.ts';
import { parse } from '../shared/parse.ts';
import * as inbox from './inbox.repository.ts';
import { presentInboxItem, presentInboxSummary } from './inbox.presenter.ts';
import {
  type Filed,
  type InboxItem,
  type InboxItemSummary,
  assignSchema,
  inboxListQuery,
  registerSchema,
} from './inbox.schema.ts';
import { fileOnCase, fileOnRequest } from './mail-filing.ts';
import { likelyLanguage, senderName } from './mail-words.ts';
import { dayOfReceipt } from '../rights/deadline.ts';

/** An attachment of a mail in the inbox, for download. */
export interface InboxAttachmentDownload {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * The triage inbox: mail from the mailbox that is neither a reply to an open case nor a request, and mail that
 * could not be taken in. Staff assign it to a customer's case, register it as a request (received when the mail
 * arrived, Art. 12(3)), or discard it; each ends the item, so the inbox keeps nothing longer than it waits.
 */
export class InboxService {
  private readonly guard: Guard;
  private readonly requests: RequestIntakeService;

  constructor(guard: Guard, requests: RequestIntakeService) {
    this.guard = guard;
    this.requests = requests;
  }

  /** The waiting mail, the first to arrive first, and how many wait in all. */
  async list(actor: Actor, input: unknown): Promise<{ items: InboxItemSummary[]; total: number }> {
    const query = parse(inboxListQuery, input ?? {}, 'query');
    return this.guard.process({ actor, operation: 'consult', recordType: 'message' }, async (ctx) => {
      const rows = await inbox.list(ctx.trx, query.limit);
      const counts = new Map<string, number>();
      for (const a of await inbox.listAttachments(
        ctx.trx,
        rows.map((r) => r.id),
      ))
        counts.set(a.item_id, (counts.get(a.item_id) ?? 0) + 1);
      for (const r of rows) ctx.touch('inbox_item', r.id);
      return { items: rows.map((r) => presentInboxSummary(r, counts.get(r.id) ?? 0)), total: await inbox.count(ctx.trx) };
    });
  }

  async get(actor: Actor, id: string): Promise<InboxItem> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'message' }, async (ctx) => {
      const row = await itemOf(ctx, id);
      return presentInboxItem(row, await inbox.listAttachments(ctx.trx, [id]));
    });
  }

  async downloadAttachment(actor: Actor, id: string, attachmentId: string): Promise<InboxAttachmentDownload> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'message' }, async (ctx) => {
      await itemOf(ctx, id);
      const file = (await inbox.listAttachmentsWithContent(ctx.trx, id)).find((a) => a.id === attachmentId);
      if (file === undefined) throw notFound('Attachment', attachmentId);
      return { filename: file.filename, contentType: file.content_type, content: Buffer.from(file.content) };
    });
  }

  /**
   * The mail becomes a message of the customer's case, with its attachments; on a request's case it goes to the
   * request (its attachments dropped, as for every mail about a request). The item is gone afterwards.
   */
  async assign(actor: Actor, id: string, input: unknown): Promise<Filed> {
    const data = parse(assignSchema, input, 'assignment');
    return this.guard.process({ actor, operation: 'store', recordType: 'message', includes: ['case'] }, async (ctx) => {
      const row = await itemOf(ctx, id);
      if (row.reason === 'refused')
        throw conflict('This mail was refused unread; it can be registered as a request or discarded, not filed on a case');
      const parent = await cases.getById(ctx.trx, data.caseId);
      if (parent === undefined) throw notFound('Case', data.caseId);
      if (parent.status === 'closed') throw conflict(`Case ${parent.reference} is closed; reopen it to add a message`);
      const files = await inbox.listAttachmentsWithContent(ctx.trx, id);
      const mail: ParsedMessage = {
        from: row.from_address,
        to: row.to_address,
        title: row.title,
        occurredAt: row.occurred_at,
        body: row.body,
        attachments: files.map((f) => ({ filename: f.filename, contentType: f.content_type, content: Buffer.from(f.content) })),
      };
      const filed = await this.file(ctx, parent, mail);
      await removeItem(ctx, id);
      return filed;
    });
  }

  /** The mail becomes a request (P12) received when it arrived, of the kind staff say; a code goes to the address on file. */
  async register(actor: Actor, id: string, input: unknown): Promise<RightsRequest> {
    const data = parse(registerSchema, input, 'registration');
    return this.guard.process({ actor, operation: 'collect', recordType: 'case' }, async (ctx) => {
      const row = await itemOf(ctx, id);
      const attachments = await inbox.listAttachments(ctx.trx, [id]);
      const authentication = readAuthentication(row.mail_authentication);
      const address = row.from_address === null ? null : (parseMailbox(row.from_address)?.address ?? null);
      const dropped = droppedNote({ count: attachments.length, types: attachments.map((a) => a.content_type) });
      const text =
        row.reason === 'refused'
          ? `[The mail was refused unread: ${row.reason_detail ?? ''}. It is in the mailbox's folder of refused mail.]`
          : row.body;
      const request = await this.requests.registerFromMail(ctx, {
        kind: data.kind,
        purpose: data.purpose,
        name: data.name ?? senderName(row.from_address, address),
        email: data.email ?? address,
        language: data.language ?? likelyLanguage({ language: null }, row),
        details: `--- E-mail ${row.occurred_at} from ${row.from_address ?? '?'}: ${row.title ?? '(no subject)'} ---\n${text}${dropped}`,
        receivedAt: new Date(row.received_at),
        authentication: row.mail_authentication,
        attachmentsDropped: attachments.length,
        // Staff naming the address decide who the requester is; a forged From is never matched by itself.
        matchByAddress: data.email !== undefined || authentication?.dmarcFailed !== true,
      });
      await removeItem(ctx, id);
      return presentRequest(request, dayOfReceipt(ctx.clock.now()));
    });
  }

  /** Not ours to keep (spam, a newsletter, a mail for someone else): erased with its attachments. */
  async discard(actor: Actor, id: string): Promise<{ id: string; discarded: true }> {
    return this.guard.process({ actor, operation: 'erase', recordType: 'message' }, async (ctx) => {
      await itemOf(ctx, id);
      await removeItem(ctx, id);
      return { id, discarded: true as const };
    });
  }

  private async file(ctx: ProcessingContext, parent: CaseRow, mail: ParsedMessage): Promise<Filed> {
    if (parent.kind !== 'request')
      return { caseId: parent.id, messageId: await fileOnCase(ctx, parent, mail, 'inbound'), requestId: null };
    const request = await ctx.trx
      .selectFrom('rights_requests')
      .select(REQUEST_COLUMNS)
      .where('case_id', '=', parent.id)
      .executeTakeFirst();
    if (request === undefined)
      return {
        caseId: parent.id,
        messageId: await fileOnCase(ctx, parent, { ...mail, attachments: [] }, 'inbound'),
        requestId: null,
      };
    const filed = await fileOnRequest(ctx, request, mail);
    return { caseId: filed.caseId, messageId: filed.messageId, requestId: filed.requestId };
  }
}

async function itemOf(ctx: ProcessingContext, id: string): Promise<inbox.InboxItemRow> {
  const row = await inbox.getById(ctx.trx, id);
  if (row === undefined) throw notFound('Inbox item', id);
  ctx.touch('inbox_item', id);
  return row;
}

async function removeItem(ctx: ProcessingContext, id: string): Promise<void> {
  if (!(await inbox.remove(ctx.trx, id))) throw conflict('Someone else handled this mail meanwhile');
}
