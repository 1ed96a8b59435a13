import { randomUUID } from 'node:crypto';
import { notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { businessToday } from '../shared/business-day.ts';
import { parse } from '../shared/parse.ts';
import { presentAgreement } from './agreement.presenter.ts';
import * as agreements from './agreement.repository.ts';
import { type RecordContacts, changeContact } from './record-contact.ts';
import {
  type Agreement,
  type AgreementKind,
  type AgreementPatch,
  type AgreementStatus,
  type NewAgreement,
  agreementPatchSchema,
  endsBeforeStart,
  newAgreementSchema,
} from './agreement.schema.ts';

/** Agreements and quotes: the contract records of the purpose `contract` (statement: Uitvoering van overeenkomst). */
export class AgreementService {
  private readonly guard: Guard;
  private readonly contacts: RecordContacts;

  constructor(guard: Guard, contacts: RecordContacts) {
    this.guard = guard;
    this.contacts = contacts;
  }

  async create(actor: Actor, subjectId: string, input: NewAgreement, purpose?: string): Promise<Agreement> {
    const data = parse(newAgreementSchema, input, 'agreement');
    checkConsistent({ kind: data.kind, status: data.status, startDate: data.startDate ?? null, endDate: data.endDate ?? null });
    return this.guard.process({ actor, operation: 'collect', recordType: 'agreement', subjectId, purpose }, async (ctx) => {
      const { trx } = ctx;
      await ctx.requireSubject(subjectId);
      const now = ctx.clock.now().toISOString();
      const row = {
        id: randomUUID(),
        subject_id: subjectId,
        organisation_id: null,
        contact_id: null,
        kind: data.kind,
        title: data.title,
        status: data.status,
        start_date: data.startDate ?? null,
        end_date: data.endDate ?? finalDay(data.status, ctx.clock.now()),
        created_at: now,
        updated_at: now,
      };
      await agreements.create(trx, row);
      ctx.touch('agreement', row.id, subjectId);
      return presentAgreement(row);
    });
  }

  async get(actor: Actor, id: string, purpose?: string): Promise<Agreement> {
    return this.guard.process({ actor, operation: 'consult', recordType: 'agreement', purpose, readOnly: true }, async (ctx) => {
      const row = await agreements.getById(ctx.trx, id);
      if (row === undefined) throw notFound('Agreement', id);
      ctx.touch('agreement', id, row.subject_id ?? row.contact_id ?? undefined);
      return presentAgreement(row);
    });
  }

  /** The agreements and quotes of one subject, oldest first; one consultation naming each of them. */
  async listBySubject(actor: Actor, subjectId: string, purpose?: string): Promise<Agreement[]> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'agreement', subjectId, purpose, readOnly: true },
      async (ctx) => {
        await ctx.requireSubject(subjectId);
        const rows = await agreements.listBySubject(ctx.trx, subjectId);
        for (const r of rows) ctx.touch('agreement', r.id, subjectId);
        return rows.map(presentAgreement);
      },
    );
  }

  /**
   * Changes the title, status or dates, or the contact person an organisation's agreement names; the result must
   * still be consistent as a whole.
   */
  async update(actor: Actor, id: string, input: AgreementPatch, purpose?: string): Promise<Agreement> {
    const patch = parse(agreementPatchSchema, input, 'agreement change');
    // An organisation's agreement names its organisation in the entry, with the owners of a sole trader or
    // partnership (whose retention a new status or date moves), and a new contact person must be one of its own:
    // the processing reads the organisation's record (docs/organisations.md).
    const processing = { actor, operation: 'modify', recordType: 'agreement', includes: ['subject'], purpose } as const;
    return this.guard.process(processing, async (ctx) => {
      const { trx } = ctx;
      const current = await agreements.getById(trx, id);
      if (current === undefined) throw notFound('Agreement', id);
      const changes = {
        ...(await changeContact(ctx, this.contacts, current, patch.contactId)),
        ...(patch.title === undefined ? {} : { title: patch.title }),
        ...(patch.status === undefined ? {} : { status: patch.status }),
        ...(patch.startDate === undefined ? {} : { start_date: patch.startDate }),
        ...(patch.endDate === undefined ? {} : { end_date: patch.endDate }),
        updated_at: ctx.clock.now().toISOString(),
      };
      // A quote rejected or a draft cancelled is over that day: its two years start then (Art. 5(1)(e)).
      const closes =
        patch.status !== undefined && (patch.endDate ?? current.end_date) === null
          ? finalDay(patch.status, ctx.clock.now())
          : null;
      if (closes !== null) Object.assign(changes, { end_date: closes });
      const next = { ...current, ...changes };
      // A validation error here rolls the transaction back and, not being processing, leaves no log entry.
      checkConsistent({
        kind: next.kind,
        status: next.status,
        startDate: next.start_date,
        endDate: next.end_date,
      });
      await agreements.update(trx, id, changes);
      ctx.touch('agreement', id, current.subject_id ?? current.contact_id ?? undefined);
      if (current.organisation_id !== null) await this.contacts.touchOrganisation(ctx, current.organisation_id);
      return presentAgreement(next);
    });
  }
}

/**
 * The end date a record gets when it reaches a final status without one: a rejected quote or a cancelled draft
 * would otherwise keep its data forever, since its retention counts from the end date (P3; Art. 5(1)(e)).
 */
function finalDay(status: AgreementStatus, now: Date): string | null {
  return status === 'rejected' || status === 'cancelled' ? businessToday(now) : null;
}

interface AgreementState {
  kind: AgreementKind;
  status: AgreementStatus;
  startDate: string | null;
  endDate: string | null;
}

/** Refuses a combination of kind, status and dates that would make the record wrong. */
function checkConsistent(a: AgreementState): void {
  const problems: { path: string; message: string }[] = [];
  if (endsBeforeStart(a.startDate, a.endDate)) problems.push({ path: 'endDate', message: 'must not be before startDate' });
  if (!statusFitsKind(a.kind, a.status)) problems.push({ path: 'status', message: `is not a status of a ${a.kind}` });
  // Contract data is kept two years after the agreement ends (statement, Uitvoering van overeenkomst):
  // an ended agreement without its end date could never expire.
  if (a.status === 'ended' && a.endDate === null)
    problems.push({ path: 'endDate', message: 'is required once the agreement has ended' });
  if (problems.length > 0) {
    throw validationFailed(`Invalid agreement: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
}

/** A quote is sent and accepted or rejected; an agreement runs (active) and ends. Both start as drafts and may be cancelled. */
function statusFitsKind(kind: AgreementKind, status: AgreementStatus): boolean {
  switch (status) {
    case 'draft':
    case 'sent':
    case 'cancelled':
      return true;
    case 'accepted':
    case 'rejected':
      return kind === 'quote';
    case 'active':
    case 'ended':
      return kind === 'agreement';
  }
}
