import type { ObjectionRow } from '../db/types.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { handlesRequests } from '../guard/request-handler.ts';
import type { Guard } from '../guard/guard.ts';
import type { Objection, ObjectionList } from './objection.schema.ts';
import { getContact } from '../mail/addressees.repository.ts';
import { listObjections } from './restriction-objection.repository.ts';

export function presentObjection(row: ObjectionRow): Objection {
  return {
    id: row.id,
    subjectId: row.subject_id,
    purpose: row.purpose,
    requestId: row.request_id,
    status: row.status,
    reason: row.reason,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

/** Objections (Art. 21) after they were decided: what the customer page shows next to the restrictions. */
export class ObjectionService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  /** A person's objections, newest first; like restrictions, only the request handler sees them (consultation through the guard). */
  async listForSubject(actor: Actor, subjectId: string, purpose?: string): Promise<ObjectionList> {
    if (!handlesRequests(this.guard.policy, actor.role)) throw forbidden(`The role ${actor.role} may not see objections`);
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject', subjectId, purpose }, async (ctx) => {
      if ((await getContact(ctx.trx, subjectId)) === undefined) throw notFound('Subject', subjectId);
      const rows = (await listObjections(ctx.trx, subjectId)).reverse();
      for (const row of rows) ctx.touch('objection', row.id, subjectId);
      return { objections: rows.map(presentObjection) };
    });
  }
}
