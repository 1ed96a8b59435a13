import { randomUUID } from 'node:crypto';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { parse } from '../shared/parse.ts';
import { notBasedOnConsent } from './consent-basis.ts';
import { presentConsent } from './consent.presenter.ts';
import * as consents from './consent.repository.ts';
import { type Consent, type NewConsent, type Withdrawal, newConsentSchema, withdrawalSchema } from './consent.schema.ts';

/**
 * Consents per purpose with their evidence (Art. 7). A withdrawn consent is kept, with the moment of its
 * withdrawal: it proves that what was processed before was processed lawfully (Art. 7(3), second sentence).
 */
export class ConsentService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  /**
   * Records a consent for a purpose of the policy that rests on consent (Art. 6(1)(a)); for any other purpose it
   * is refused (`not_based_on_consent`), since withdrawing it would not stop the processing. One purpose has at
   * most one consent in force.
   */
  async record(actor: Actor, subjectId: string, input: NewConsent, purpose?: string): Promise<Consent> {
    const data = parse(newConsentSchema, input, 'consent');
    const { policy } = this.guard;
    if (!policy.hasPurpose(data.purpose)) {
      const declared = Object.keys(policy.document.purposes);
      throw validationFailed(`Invalid consent: purpose: the policy declares no purpose ${data.purpose}`, [
        { path: 'purpose', message: `must be a purpose of the policy: ${declared.join(', ')}` },
      ]);
    }
    if (!policy.consentPurposes().includes(data.purpose)) throw notBasedOnConsent(policy, data.purpose, 'record');
    return this.guard.process({ actor, operation: 'collect', recordType: 'consent', subjectId, purpose }, async (ctx) => {
      const { trx } = ctx;
      await ctx.requireSubject(subjectId);
      // Two consents in force for one purpose would let one survive the withdrawal of the other.
      const active = await consents.getActive(trx, subjectId, data.purpose);
      if (active !== undefined) {
        throw conflict(`A consent for the purpose ${data.purpose} is in force; withdraw it before recording a new one`, {
          consentId: active.id,
        });
      }
      const row = {
        id: randomUUID(),
        subject_id: subjectId,
        purpose: data.purpose,
        given_at: data.givenAt,
        withdrawn_at: null,
        method: data.method,
        evidence: data.evidence,
        created_at: ctx.clock.now().toISOString(),
      };
      await consents.create(trx, row);
      ctx.touch('consent', row.id, subjectId);
      return presentConsent(row, this.guard.policy);
    });
  }

  /** A subject's consents, in force and withdrawn, in the order they were given. */
  async listBySubject(actor: Actor, subjectId: string, purpose?: string): Promise<Consent[]> {
    return this.guard.process(
      { actor, operation: 'consult', recordType: 'consent', subjectId, purpose, readOnly: true },
      async (ctx) => {
        await ctx.requireSubject(subjectId);
        const rows = await consents.listBySubject(ctx.trx, subjectId);
        for (const r of rows) ctx.touch('consent', r.id, subjectId);
        return rows.map((r) => presentConsent(r, this.guard.policy));
      },
    );
  }

  /** Art. 7(3): withdraws a consent, now or at the moment the person withdrew it; the record stays as evidence. */
  async withdraw(actor: Actor, id: string, input: Withdrawal = {}, purpose?: string): Promise<Consent> {
    const data = parse(withdrawalSchema, input, 'withdrawal');
    return this.guard.process({ actor, operation: 'modify', recordType: 'consent', purpose }, async (ctx) => {
      const { trx } = ctx;
      const current = await consents.getById(trx, id);
      if (current === undefined) throw notFound('Consent', id);
      // A consent recorded for a purpose on another basis is history: withdrawing it would stop nothing.
      if (!this.guard.policy.restsOnConsent(current.purpose))
        throw notBasedOnConsent(this.guard.policy, current.purpose, 'withdraw');
      if (current.withdrawn_at !== null) throw conflict(`Consent ${id} was withdrawn at ${current.withdrawn_at}`);
      const withdrawnAt = data.withdrawnAt ?? ctx.clock.now().toISOString();
      if (withdrawnAt < current.given_at) {
        throw validationFailed('Invalid withdrawal: withdrawnAt: must not be before the consent was given', [
          { path: 'withdrawnAt', message: `must not be before ${current.given_at}` },
        ]);
      }
      // Conditional on withdrawn_at, so two withdrawals at once cannot both succeed.
      if (!(await consents.withdraw(trx, id, withdrawnAt))) throw conflict(`Consent ${id} was withdrawn meanwhile`);
      ctx.touch('consent', id, current.subject_id);
      return presentConsent({ ...current, withdrawn_at: withdrawnAt }, this.guard.policy);
    });
  }
}
