import { conflict, forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../../guard/actor.ts';
import { ERASURE_RESTRICTION_REASON } from '../../guard/checks/restriction-check.ts';
import { handlesRequests } from '../../guard/checks/request-handler.ts';
import type { Guard } from '../../guard/guard.ts';
import { enqueueMail } from '../../mail/outbox.repository.ts';
import type { RestrictionRow } from '../../db/types.ts';
import { langOf } from './deps.ts';
import { liftNoticeLetter } from './package-letters.ts';
import { purposeWords } from './purpose-words.ts';
import { getContact, getRequesterEmail, getRestriction, liftRestriction, listRestrictions } from './rights-records.repository.ts';
import type { Restriction, RestrictionList } from './restriction.schema.ts';

export function presentRestriction(row: RestrictionRow): Restriction {
  return {
    id: row.id,
    subjectId: row.subject_id,
    requestId: row.request_id,
    purpose: row.purpose,
    reason: row.reason,
    startedAt: row.started_at,
    liftedAt: row.lifted_at,
    liftNoticeSentAt: row.lift_notice_sent_at,
  };
}

/** Restrictions of processing (Art. 18) after they were placed: lifting, with the notice the law asks for. */
export class RestrictionService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  /**
   * A person's restrictions, active and lifted, newest first: how the dpo finds the one to lift. Only the
   * request handler sees them (they are about the person's requests); consultation of the subject's data
   * through the guard, which the restriction check leaves open to the handler.
   */
  async listForSubject(actor: Actor, subjectId: string, purpose?: string): Promise<RestrictionList> {
    if (!handlesRequests(this.guard.policy, actor.role)) throw forbidden(`The role ${actor.role} may not see restrictions`);
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject', subjectId, purpose }, async (ctx) => {
      if ((await getContact(ctx.trx, subjectId)) === undefined) throw notFound('Subject', subjectId);
      const rows = (await listRestrictions(ctx.trx, subjectId)).reverse();
      for (const row of rows) ctx.touch('restriction', row.id, subjectId);
      return { restrictions: rows.map(presentRestriction) };
    });
  }

  /**
   * Art. 18(3): the person is told before the restriction is lifted. The notice is put in the outbox and the
   * restriction lifted in one transaction, so no restriction ends without its notice on its way. Lifting is
   * the dpo's decision; it is logged as a storage operation (it removes a mark from stored data, Art. 4(3)).
   */
  async lift(actor: Actor, id: string): Promise<Restriction> {
    if (!handlesRequests(this.guard.policy, actor.role)) throw forbidden(`The role ${actor.role} may not lift restrictions`);
    return this.guard.process({ actor, operation: 'store', recordType: 'subject' }, async (ctx) => {
      const { trx } = ctx;
      const row = await getRestriction(trx, id);
      if (row === undefined) throw notFound('Restriction', id);
      if (row.lifted_at !== null) throw conflict(`Restriction ${id} was lifted at ${row.lifted_at}`);
      if (row.reason === ERASURE_RESTRICTION_REASON) {
        throw conflict('This restriction keeps what an erasure could not delete (Art. 17(3)); it ends when the retention sweep deletes the data');
      }
      const contact = await getContact(trx, row.subject_id);
      const requestEmail = row.request_id === null ? null : await getRequesterEmail(trx, row.request_id);
      const to = contact?.email ?? requestEmail ?? null;
      if (to === null) throw conflict('There is no e-mail address to tell the person before lifting (Art. 18(3)); add one or send a letter first');
      const lang = langOf(contact?.language ?? 'nl');
      const notice = liftNoticeLetter(this.guard.policy, lang, purposeWords(this.guard.policy, row.purpose)[lang]);
      await enqueueMail(trx, { ...notice, kind: 'restriction_lift_notice', to, language: lang, related: { type: 'restriction', id }, subjectId: row.subject_id });
      const now = new Date().toISOString();
      if (!(await liftRestriction(trx, id, now))) throw conflict(`Restriction ${id} was lifted meanwhile`);
      ctx.touch('restriction', id, row.subject_id);
      return presentRestriction({ ...row, lifted_at: now, lift_notice_sent_at: now });
    });
  }
}
