import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, DisclosureRow, SubjectRow } from '../db/types.ts';
import { disclosureRefused, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { businessDate, businessToday } from '../shared/business-day.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { Policy } from '../policy/policy.ts';
import { getRow } from '../registers/recipient.repository.ts';
import { parse } from '../shared/parse.ts';
import * as subjects from '../subjects/subject.repository.ts';
import { type NoticeFacts, disclosureNotice } from './disclosure-notice.ts';
import { type Registration, legalGround, purposeOf, requireRegistered } from './disclosure-registration.ts';
import { checkCategories, includedRecords } from './disclosure-rules.ts';
import { actorRef, guarded, legalObligation, noticeDelivered, presentRows, visibleTo } from './disclosure-support.ts';
import * as disclosures from './disclosure.repository.ts';
import { requireCapability } from '../guard/capability.ts';
import {
  type Disclosure,
  type NewDisclosure,
  type NewLegalDemand,
  newDisclosureSchema,
  newLegalDemandSchema,
} from './disclosure.schema.ts';
import { isoNow } from '../shared/clock.ts';

/** How a disclosure is told to the person (P9), decided when it is made. */
interface NoticeDecision {
  notice: 'required' | 'suppressed' | 'not_required';
  outboxId: string | null;
  reason: string | null;
}

export interface DisclosureOptions {
  /** The lead time between the delivery of the advance notice and the data going out; 0 by default. */
  noticeLeadMs?: number | undefined;
}

/**
 * Disclosures (P7-P9): staff hand a person's data to a recipient of the register, the dpo answers a legal
 * demand of an authority. Each passes the guard as a `disclose` of the person's data for the recipient's
 * purpose, so the role, a restriction (Art. 18) and an objection (Art. 21) are checked and the processing is
 * logged; the register decides the rest (P8, Art. 28(3)). Before the first disclosure to a recipient that is
 * not named in the statement, the person is told (P9): the disclosure waits until that message went out.
 */
export class DisclosureService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly policy: Policy;
  private readonly leadMs: number;

  constructor(db: Kysely<DB>, guard: Guard, policy: Policy, options: DisclosureOptions = {}) {
    this.db = db;
    this.guard = guard;
    this.policy = policy;
    this.leadMs = options.noticeLeadMs ?? 0;
  }

  /**
   * Hands a person's data to a recipient of the register (as one of its companies, where the category names them):
   * an export Kluis makes, or a hand-over recorded.
   */
  async disclose(actor: Actor, subjectId: string, input: NewDisclosure): Promise<Disclosure> {
    const data = parse(newDisclosureSchema, input, 'disclosure');
    checkCategories(this.policy, data.categories, data.mode);
    // The register is not personal data; its purpose is the purpose of this processing.
    const purpose = purposeOf(await getRow(this.db, data.recipientId), data.purpose);
    const to = data.companyId === undefined ? data.recipientId : `${data.recipientId}/${data.companyId}`;
    const processing = {
      actor,
      operation: 'disclose' as const,
      recordType: 'subject' as const,
      includes: includedRecords(data.categories),
      subjectId,
      purpose,
      note: `disclosure to ${to}`,
    };
    return guarded(this.guard, processing, async (ctx) => {
      const subject = await subjects.getById(ctx.trx, subjectId);
      if (subject === undefined) throw notFound('Subject', subjectId);
      const registration = await requireRegistered(ctx.trx, this.policy, data, businessToday(ctx.clock.now()));
      const { recipient, company, agreement } = registration;
      const id = randomUUID();
      const decision = await this.noticeToRecipient(ctx.trx, subject, registration, data.categories, id);
      const row = await this.record(ctx.trx, actor, decision, {
        id,
        subject_id: subjectId,
        kind: 'disclosure',
        recipient_id: recipient.id,
        company_id: company?.id ?? null,
        authority: null,
        authority_reference: null,
        categories: JSON.stringify(data.categories),
        purpose: registration.purpose,
        legal_ground: legalGround(this.policy, registration),
        mode: data.mode,
        format: data.mode === 'export' ? (data.format ?? 'json') : null,
        description: data.description ?? null,
        processor_agreement_id: agreement?.id ?? null,
      });
      ctx.touch('subject', subjectId, subjectId);
      ctx.touch('disclosure', id);
      return (await presentRows(ctx.trx, [row]))[0] as Disclosure;
    });
  }

  /**
   * A demand of an authority (police, tax office): the dpo's decision, with the authority, its legal ground and
   * reference (Art. 6(1)(c), 23). The person is told in advance unless the dpo records the legal ground that
   * forbids it (P9); the data waits for that notice like any other.
   */
  async legalDemand(actor: Actor, subjectId: string, input: NewLegalDemand): Promise<Disclosure> {
    requireCapability(this.policy, actor, 'legal_demands', 'handle legal demands');
    const data = parse(newLegalDemandSchema, input, 'legal demand');
    const missing = (['authority', 'legalGround', 'reference'] as const).filter((k) => (data[k] ?? '') === '');
    if (missing.length > 0) {
      throw disclosureRefused(
        'legal_ground_required',
        `A legal demand needs the authority, the legal ground that obliges us and its reference; missing: ${missing.join(', ')}`,
        missing.map((path) => ({ path, message: 'required' })),
      );
    }
    const suppressionGround = data.suppressionGround ?? '';
    if (data.suppressNotice && suppressionGround === '') {
      throw disclosureRefused(
        'suppression_ground_required',
        'Not telling the person needs the legal ground that forbids it (P9)',
        [{ path: 'suppressionGround', message: 'required with suppressNotice' }],
      );
    }
    if (!data.suppressNotice && data.suppressionGround !== undefined) {
      throw validationFailed('A suppression ground without suppressNotice', [
        { path: 'suppressionGround', message: 'only with suppressNotice: true' },
      ]);
    }
    checkCategories(this.policy, data.categories, data.mode);
    const purpose = data.purpose ?? this.policy.purposesOf('subject')[0] ?? '';
    if (!this.policy.hasPurpose(purpose))
      throw validationFailed(`Unknown purpose ${purpose}`, [{ path: 'purpose', message: 'must be a purpose of the policy' }]);
    const [authority, ground, reference] = [data.authority ?? '', data.legalGround ?? '', data.reference ?? ''];
    const processing = {
      actor,
      operation: 'disclose' as const,
      recordType: 'subject' as const,
      includes: includedRecords(data.categories),
      subjectId,
      purpose,
      exception: legalObligation(ground),
      note: 'legal demand',
    };
    return guarded(this.guard, processing, async (ctx) => {
      const subject = await subjects.getById(ctx.trx, subjectId);
      if (subject === undefined) throw notFound('Subject', subjectId);
      const id = randomUUID();
      const decision: NoticeDecision = data.suppressNotice
        ? { notice: 'suppressed', outboxId: null, reason: suppressionGround }
        : await this.sendNotice(ctx.trx, subject, id, {
            company: { nl: authority, en: authority },
            purpose,
            categories: data.categories,
            legalDemand: { legalGround: ground, reference },
          });
      const row = await this.record(ctx.trx, actor, decision, {
        id,
        subject_id: subjectId,
        kind: 'legal_demand',
        recipient_id: null,
        company_id: null,
        authority,
        authority_reference: reference,
        categories: JSON.stringify(data.categories),
        purpose,
        legal_ground: ground,
        mode: data.mode,
        format: data.mode === 'export' ? (data.format ?? 'json') : null,
        description: data.description ?? null,
        processor_agreement_id: null,
      });
      ctx.touch('subject', subjectId, subjectId);
      ctx.touch('disclosure', id);
      return (await presentRows(ctx.trx, [row]))[0] as Disclosure;
    });
  }

  /** The person's disclosure log (P7): every disclosure, oldest first. */
  async listForSubject(actor: Actor, subjectId: string): Promise<Disclosure[]> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject', subjectId }, async (ctx) => {
      if ((await subjects.getById(ctx.trx, subjectId)) === undefined) throw notFound('Subject', subjectId);
      const rows = (await disclosures.listBySubject(ctx.trx, subjectId)).filter((r) => visibleTo(this.policy, actor, r));
      ctx.touch('subject', subjectId, subjectId);
      for (const r of rows) ctx.touch('disclosure', r.id);
      return presentRows(ctx.trx, rows);
    });
  }

  async get(actor: Actor, id: string): Promise<Disclosure> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject' }, async (ctx) => {
      const row = await disclosures.getById(ctx.trx, id);
      if (row === undefined || !visibleTo(this.policy, actor, row)) throw notFound('Disclosure', id);
      ctx.touch('disclosure', id, row.subject_id);
      return (await presentRows(ctx.trx, [row]))[0] as Disclosure;
    });
  }

  /** Inserts the disclosure: released at once when no notice must go out first, else awaiting it. */
  private async record(
    trx: Transaction<DB>,
    actor: Actor,
    decision: NoticeDecision,
    fields: Omit<
      DisclosureRow,
      | 'status'
      | 'notice'
      | 'notice_outbox_id'
      | 'notice_reason'
      | 'batch_id'
      | 'requested_by'
      | 'requested_at'
      | 'released_at'
      | 'released_by'
      | 'exported_at'
      | 'cancelled_at'
      | 'cancel_reason'
      | 'recipient_name'
      | 'recipient_email'
      | 'request_id'
    >,
  ): Promise<DisclosureRow> {
    const now = this.guard.clock.now();
    const waits = decision.outboxId !== null && !(await noticeDelivered(trx, decision.outboxId, now, this.leadMs));
    const at = now.toISOString();
    const row: DisclosureRow = {
      ...fields,
      // Only a portability transfer names a recipient outside the register (portability-transfer.ts).
      recipient_name: null,
      recipient_email: null,
      request_id: null,
      status: waits ? 'awaiting_notice' : 'released',
      notice: decision.notice,
      notice_outbox_id: decision.outboxId,
      notice_reason: decision.reason,
      batch_id: null,
      requested_by: actorRef(actor),
      requested_at: at,
      released_at: waits ? null : at,
      released_by: waits ? null : actorRef(actor),
      exported_at: null,
      cancelled_at: null,
      cancel_reason: null,
    };
    await disclosures.insert(trx, [row]);
    return row;
  }

  /**
   * P9 for a recipient of the register. A company the statement names (a category without a notice per disclosure,
   * such as the accounting firm, once the register holds the company) needs no notice per disclosure. Otherwise,
   * a category that names no company included, the person is told before the first disclosure to that company; a
   * later one of categories an earlier notice named waits for (or relies on) that notice, one of new categories
   * gets a new notice.
   */
  private async noticeToRecipient(
    trx: Transaction<DB>,
    subject: SubjectRow,
    registration: Registration,
    categories: string[],
    id: string,
  ): Promise<NoticeDecision> {
    const { recipient, company } = registration;
    if (recipient.notice_per_disclosure !== 1 && company !== undefined) {
      return {
        notice: 'not_required',
        outboxId: null,
        reason: 'named in the privacy statement; the register needs no notice per disclosure (P9)',
      };
    }
    const earlier = (await disclosures.listNoticesAbout(trx, subject.id, recipient.id, company?.id ?? null)).find(
      (n) => n.status !== 'failed' && categories.every((c) => (JSON.parse(n.categories) as string[]).includes(c)),
    );
    if (earlier !== undefined)
      return {
        notice: 'required',
        outboxId: earlier.id,
        reason: `told in an earlier notice (${businessDate(earlier.created_at)})`,
      };
    const category = { nl: recipient.name_nl, en: recipient.name_en };
    const facts: Omit<NoticeFacts, 'leadHours'> =
      company === undefined
        ? { company: category, role: recipient.role, purpose: registration.purpose, categories }
        : {
            company: { nl: company.legal_name, en: company.legal_name },
            kvkNumber: company.kvk_number,
            category,
            country: company.country,
            role: company.role,
            purpose: registration.purpose,
            categories,
          };
    return this.sendNotice(trx, subject, id, facts);
  }

  /** Puts the advance notice in the outbox, in the person's language, in the disclosure's transaction. */
  private async sendNotice(
    trx: Transaction<DB>,
    subject: SubjectRow,
    id: string,
    facts: Omit<NoticeFacts, 'leadHours'>,
  ): Promise<NoticeDecision> {
    if (subject.email === null) {
      throw disclosureRefused(
        'notice_address_missing',
        'The person has no e-mail address on file to tell them in advance (P9): add it, then disclose; nothing was disclosed',
      );
    }
    const lang = subject.language === 'en' ? 'en' : 'nl';
    const leadHours = Math.round((this.leadMs / 3_600_000) * 100) / 100;
    const outboxId = await enqueueMail(trx, {
      createdAt: isoNow(this.guard.clock),
      ...disclosureNotice(this.policy, lang, { ...facts, leadHours }),
      kind: 'disclosure_notice',
      to: subject.email,
      language: lang,
      related: { type: 'disclosure', id },
      subjectId: subject.id,
    });
    return { notice: 'required', outboxId, reason: null };
  }
}
