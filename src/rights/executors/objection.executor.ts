import { randomUUID } from 'node:crypto';
import { conflict, validationFailed } from '../../errors.ts';
import { isDirectMarketing, objectionApplies } from '../../restrictions-objections/objection-check.ts';
import type { RightExecutor } from './executor.ts';
import { type ExecutionDeps, nothingHeld } from './deps.ts';
import { purposeWords, requestPurpose } from '../../restrictions-objections/purpose-words.ts';
import { insertObjection, listObjections } from '../../restrictions-objections/restriction-objection.repository.ts';

/**
 * Art. 21: an objection per purpose. Against direct marketing it is absolute (Art. 21(3)); against
 * processing on a legitimate interest or a public task the dpo weighs it, and a decision 'granted' means
 * no compelling legitimate grounds override the person's interests, so the objection is upheld. From then
 * on the guard refuses that purpose for this person (objection-check.ts). A purpose on another legal basis
 * cannot be objected to under Art. 21: that decision is a refusal, not an execution.
 */
export function objectionExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const purpose = requestPurpose(deps.policy, request.purpose);
      if (purpose === null) throw validationFailed('An objection names the purpose it is against (Art. 21 works per purpose)');
      const basis = deps.policy.document.purposes[purpose]?.legalBasis ?? '';
      const marketing = isDirectMarketing(deps.policy, purpose);
      if (!objectionApplies(deps.policy, purpose)) {
        throw conflict(
          `The purpose ${purpose} rests on ${basis}; Art. 21(1) applies only to processing on Art. 6(1)(e) or (f): refuse the objection with that ground`,
        );
      }
      await deps.guard.processIn(trx, { actor, operation: 'store', recordType: 'subject', subjectId }, async (ctx) => {
        const upheld = (await listObjections(ctx.trx, subjectId)).find((o) => o.purpose === purpose && o.status === 'upheld');
        if (upheld !== undefined) {
          ctx.touch('objection', upheld.id, subjectId);
          return;
        }
        const id = randomUUID();
        const now = ctx.clock.now().toISOString();
        await insertObjection(ctx.trx, {
          id,
          subject_id: subjectId,
          purpose,
          request_id: request.id,
          status: 'upheld',
          reason: marketing
            ? 'Art. 21(3): objection to direct marketing is absolute'
            : (request.decision_motivation ?? 'no compelling legitimate grounds override the objection (Art. 21(1))'),
          created_at: now,
          decided_at: now,
        });
        ctx.touch('objection', id, subjectId);
      });
      const what = purposeWords(deps.policy, purpose);
      return {
        summary: {
          nl: `Wij hebben uw bezwaar toegewezen: wij verwerken uw gegevens niet meer voor ${what.nl} (art. 21 AVG).`,
          en: `We have upheld your objection: we no longer process your data for ${what.en} (Art. 21 GDPR).`,
        },
        kept: [],
      };
    },
  };
}
