import * as consents from '../../consents/consent.repository.ts';
import type { RightExecutor } from '../execution.ts';
import { type ExecutionDeps, nothingHeld } from './deps.ts';
import { purposeWords, requestPurpose } from './purpose-words.ts';

/**
 * Art. 7(3): withdraws the person's consent for the purpose the request names (every consent in force when
 * it names none), at once. The consent records stay, with the moment of withdrawal: they prove that what
 * was done before was lawful (Art. 7(3), second sentence).
 */
export function withdrawConsentExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const purpose = requestPurpose(deps.policy, request.purpose);
      const guardPurpose = purpose !== null && deps.policy.purposesOf('consent').includes(purpose) ? purpose : undefined;
      const withdrawn = await deps.guard.processIn(trx, { actor, operation: 'modify', recordType: 'consent', subjectId, purpose: guardPurpose }, async (ctx) => {
        const now = new Date().toISOString();
        const inForce = (await consents.listBySubject(ctx.trx, subjectId)).filter((c) => c.withdrawn_at === null && (purpose === null || c.purpose === purpose));
        let count = 0;
        for (const consent of inForce) {
          if (await consents.withdraw(ctx.trx, consent.id, now)) {
            ctx.touch('consent', consent.id, subjectId);
            count += 1;
          }
        }
        return count;
      });
      const what = purposeWords(deps.policy, purpose);
      if (withdrawn === 0) {
        return {
          summary: { nl: `U had geen toestemming gegeven voor ${what.nl} die nog van kracht was.`, en: `You had given no consent for ${what.en} that was still in force.` },
          kept: [],
        };
      }
      return {
        summary: {
          nl: `Wij hebben uw toestemming voor ${what.nl} per direct ingetrokken. Wat wij daarvoor met uw toestemming deden, blijft rechtmatig (art. 7 lid 3 AVG).`,
          en: `We have withdrawn your consent for ${what.en} with immediate effect. What we did with your consent before remains lawful (Art. 7(3) GDPR).`,
        },
        kept: [],
      };
    },
  };
}
