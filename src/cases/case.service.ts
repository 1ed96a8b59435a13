import { randomUUID } from 'node:crypto';
import type { CaseRow, MessageRow } from '../db/types.ts';
import { attachmentsNotKept, conflict, fileInfected, fileQuarantined, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import type { Operation } from '../policy/policy.ts';
import { scanIncoming } from '../scanner/incoming.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { withheldByObjection } from '../restrictions-objections/objection-check.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import { type ListPage, pageOf } from '../shared/list.ts';
import { parse } from '../shared/parse.ts';
import { listCases } from './case-list.repository.ts';
import { type CaseListItem, type CaseListQuery, caseListQuery } from './case-list.schema.ts';
import { attachmentRows, decodeAttachments, withDigests } from './attachment.ts';
import { insertWithFreeReference } from './case-reference.ts';
import { presentCase, presentCaseSummary, presentMessage } from './case.presenter.ts';
import * as cases from './case.repository.ts';
import {
  type Case,
  type CaseSummary,
  type Message,
  type MessageFields,
  type NewCase,
  type NewMessage,
  caseStatus,
  newCaseSchema,
  newMessageSchema,
} from './case.schema.ts';
import { type Clock, systemClock } from '../shared/clock.ts';

type CaseStatus = (typeof caseStatus.options)[number];

/** An attachment's bytes with what a download needs to label them. */
export interface AttachmentDownload {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/**
 * Questions, complaints and requests with their messages and attachments (statement, Correspondentie).
 * Messages are the record type `message`: they belong to a case but have their own purposes and log entries.
 */
export class CaseService {
  private readonly guard: Guard;
  private readonly scanner: Scanner;
  private readonly clock: Clock;

  constructor(guard: Guard, scanner: Scanner, clock: Clock = systemClock) {
    this.guard = guard;
    this.scanner = scanner;
    this.clock = clock;
  }

  /** Opens a case for a subject, with the message that started it when one is given. */
  async open(actor: Actor, subjectId: string, input: NewCase, purpose?: string): Promise<Case> {
    const data = parse(newCaseSchema, input, 'case');
    const includes = data.message === undefined ? [] : ['message' as const];
    return this.guard.process({ actor, operation: 'collect', recordType: 'case', includes, subjectId, purpose }, async (ctx) => {
      const { trx } = ctx;
      await ctx.requireSubject(subjectId);
      const now = ctx.clock.now().toISOString();
      const row = await insertWithFreeReference(trx, {
        id: randomUUID(),
        subject_id: subjectId,
        kind: data.kind,
        title: data.title,
        status: 'open',
        opened_at: now,
        closed_at: null,
        created_at: now,
        updated_at: now,
      });
      ctx.touch('case', row.id, subjectId);
      const messages: MessageRow[] = [];
      if (data.message !== undefined) {
        const message = messageRow(row, data.message, now);
        await cases.createMessage(trx, message);
        ctx.touch('message', message.id);
        messages.push(message);
      }
      return presentCase(row, messages, []);
    });
  }

  /** A case with all its messages and the attachments' descriptions (never their content). */
  async get(actor: Actor, id: string, purpose?: string): Promise<Case> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'case', includes: ['message'], purpose, readOnly: true },
      async (ctx) => {
        const { trx } = ctx;
        const row = await cases.getById(trx, id);
        if (row === undefined) throw notFound('Case', id);
        const [messages, attachments] = await Promise.all([
          cases.listMessagesByCase(trx, id),
          cases.listAttachmentsByCase(trx, id),
        ]);
        ctx.touch('case', id, row.subject_id);
        for (const m of messages) ctx.touch('message', m.id);
        return presentCase(row, messages, attachments);
      },
    );
  }

  /** A subject's cases, oldest first, without their messages. */
  async listBySubject(actor: Actor, subjectId: string, purpose?: string): Promise<CaseSummary[]> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'case', subjectId, purpose, readOnly: true },
      async (ctx) => {
        await ctx.requireSubject(subjectId);
        const rows = await cases.listBySubject(ctx.trx, subjectId);
        for (const r of rows) ctx.touch('case', r.id, subjectId);
        return rows.map(presentCaseSummary);
      },
    );
  }

  /**
   * A page of every customer's cases (issue 19): one consultation naming each case shown and its person. A case of
   * a person this actor may not consult (a restriction, Art. 18(2); an upheld objection, Art. 21(1)) is left off
   * the page and not named; the total still counts it, so the pages do not shift.
   */
  async list(actor: Actor, input: CaseListQuery): Promise<ListPage<CaseListItem>> {
    const q = parse(caseListQuery, input ?? {}, 'query');
    // The list names each case's customer: it reads their name too.
    const processing = {
      actor,
      operation: 'consult',
      recordType: 'case',
      includes: ['subject'],
      purpose: q.purpose,
      readOnly: true,
    } as const;
    return this.guard.process(processing, async (ctx) => {
      const { rows, total } = await listCases(ctx.trx, q);
      const persons = [...new Set(rows.map((r) => r.subject_id))];
      const withheld = new Set([
        ...(await withheldByRestriction(this.guard.policy, ctx.processing, persons, ctx.trx)),
        ...(await withheldByObjection(this.guard.policy, ctx.processing, persons, ctx.trx)),
      ]);
      const shown = rows.filter((r) => !withheld.has(r.subject_id));
      for (const r of shown) ctx.touch('case', r.id, r.subject_id);
      return pageOf(
        shown.map((r) => ({ ...presentCaseSummary(r), customerName: r.customer_name })),
        total,
        q,
      );
    });
  }

  /** Closes a case. The retention of its correspondence (two years, policy correspondence-two-years) counts from now. */
  async close(actor: Actor, id: string, purpose?: string): Promise<CaseSummary> {
    return this.changeStatus(actor, id, 'closed', purpose);
  }

  /** Reopens a closed case; its retention stops counting until it is closed again. */
  async reopen(actor: Actor, id: string, purpose?: string): Promise<CaseSummary> {
    return this.changeStatus(actor, id, 'open', purpose);
  }

  /**
   * Adds a message, with its attachments, to an open case. What the person sent us is collected; what we
   * sent them is a copy we store (statement: "is het mogelijk dat wij die berichten bewaren").
   */
  async addMessage(actor: Actor, caseId: string, input: NewMessage, purpose?: string): Promise<Message> {
    const data = parse(newMessageSchema, input, 'message');
    const decoded = decodeAttachments(data.attachments);
    // Scanned before the transaction: a scanner that is slow or gone must not hold the database's write lock.
    // Hashed meanwhile, on the thread pool, while clamd reads.
    const [scan, files] = await Promise.all([
      scanIncoming(
        this.scanner,
        decoded.map((f) => ({ name: f.filename, content: f.content })),
        this.clock,
      ),
      withDigests(decoded),
    ]);
    const operation = operationFor(data.direction);
    return this.guard.process({ actor, operation, recordType: 'message', includes: ['case'], purpose }, async (ctx) => {
      const { trx } = ctx;
      const parent = await cases.getById(trx, caseId);
      if (parent === undefined) throw notFound('Case', caseId);
      // A message on a closed case would be erased two years after a closing that came before it.
      if (parent.status === 'closed') throw conflict(`Case ${parent.reference} is closed; reopen it to add a message`);
      if (parent.kind === 'request' && data.attachments.length > 0) throw attachmentsNotKept(parent.reference);
      if (scan.infected.length > 0) {
        // Refused, and logged as such naming the case's subject, the files and the signatures (guard DENIALS).
        ctx.touch('case', parent.id, parent.subject_id);
        throw fileInfected(scan.infected);
      }
      const now = ctx.clock.now().toISOString();
      const message = messageRow(parent, data, now);
      const attachments = attachmentRows(message, files, scan.columns, now);
      await cases.createMessage(trx, message);
      await cases.createAttachments(trx, attachments);
      await cases.setUpdatedAt(trx, parent.id, now);
      ctx.touch('message', message.id, parent.subject_id);
      ctx.touch('case', parent.id);
      for (const a of attachments) ctx.touch('attachment', a.id);
      return presentMessage(message, attachments);
    });
  }

  /** An attachment's content: the only read of it, logged as a consultation of its message. Never while in quarantine. */
  async downloadAttachment(actor: Actor, id: string, purpose?: string): Promise<AttachmentDownload> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'message', purpose }, async (ctx) => {
      const row = await cases.getAttachmentWithContent(ctx.trx, id);
      if (row === undefined) throw notFound('Attachment', id);
      if (row.scan_status === 'quarantined') throw fileQuarantined(row.filename);
      ctx.touch('attachment', id, row.subject_id);
      ctx.touch('message', row.message_id);
      return {
        filename: row.filename,
        contentType: row.content_type,
        sizeBytes: Number(row.size_bytes),
        sha256: row.sha256,
        // node:sqlite gives a Uint8Array, pg a Buffer; wrap without copying.
        content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
      };
    });
  }

  private async changeStatus(actor: Actor, id: string, to: CaseStatus, purpose?: string): Promise<CaseSummary> {
    return this.guard.process({ actor, operation: 'modify', recordType: 'case', purpose }, async (ctx) => {
      const { trx } = ctx;
      const current = await cases.getById(trx, id);
      if (current === undefined) throw notFound('Case', id);
      const now = ctx.clock.now().toISOString();
      const [from, changes] = transition(to, now);
      // Conditional on the status, so two people closing the same case at once cannot both succeed.
      if (!(await cases.changeStatus(trx, id, from, changes))) throw conflict(`Case ${current.reference} is already ${to}`);
      ctx.touch('case', id, current.subject_id);
      return presentCaseSummary({ ...current, ...changes });
    });
  }
}

function transition(to: CaseStatus, now: string): [CaseStatus, Pick<CaseRow, 'status' | 'closed_at' | 'updated_at'>] {
  switch (to) {
    case 'closed':
      return ['open', { status: 'closed', closed_at: now, updated_at: now }];
    case 'open':
      return ['closed', { status: 'open', closed_at: null, updated_at: now }];
  }
}

function operationFor(direction: MessageFields['direction']): Operation {
  switch (direction) {
    case 'inbound':
      return 'collect';
    case 'outbound':
      return 'store';
  }
}

function messageRow(parent: CaseRow, m: MessageFields, now: string): MessageRow {
  return {
    id: randomUUID(),
    case_id: parent.id,
    subject_id: parent.subject_id,
    channel: m.channel,
    direction: m.direction,
    occurred_at: m.occurredAt,
    from_address: m.from ?? null,
    to_address: m.to ?? null,
    title: m.title ?? null,
    body: m.body,
    created_at: now,
  };
}
