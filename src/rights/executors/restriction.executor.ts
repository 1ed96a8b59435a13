import { randomUUID } from 'node:crypto';
import type { RightExecutor } from './executor.ts';
import { type ExecutionDeps, nothingHeld } from './deps.ts';
import { purposeWords, requestPurpose } from '../../restrictions-objections/purpose-words.ts';
import { queueRecipientNotices } from '../../disclosures/recipient-notice-queue.ts';
import {
  insertRestriction,
  listRestrictions,
  withdrawLift,
} from '../../restrictions-objections/restriction-objection.repository.ts';
import { isoNow } from '../../shared/clock.ts';

/**
 * Art. 18(1): restricts the processing of the person's data, for the purpose the request names or for every
 * purpose. From then on the guard allows only storage, and other processing only with consent or for legal
 * claims (Art. 18(2), see restriction-check.ts). Recipients are told (Art. 19); the person is told before the
 * restriction is lifted (Art. 18(3), see restriction.service.ts).
 */
export function restrictionExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const purpose = requestPurpose(deps.policy, request.purpose);
      // Placing a restriction is "the marking of stored personal data" (Art. 4(3)): a storage operation.
      await deps.guard.processIn(trx, { actor, operation: 'store', recordType: 'subject', subjectId }, async (ctx) => {
        const active = (await listRestrictions(ctx.trx, subjectId)).filter((r) => r.lifted_at === null);
        const covered = active.find((r) => r.purpose === null || r.purpose === purpose);
        if (covered !== undefined) {
          // Asking again while lifting is announced is the reaction the notice of Art. 18(3) made room for: the
          // restriction stands, the announcement is withdrawn, and the dpo decides afresh.
          if (covered.lift_announced_at !== null) await withdrawLift(ctx.trx, covered.id);
          ctx.touch('restriction', covered.id, subjectId);
          return;
        }
        const id = randomUUID();
        await insertRestriction(ctx.trx, {
          id,
          subject_id: subjectId,
          request_id: request.id,
          purpose,
          reason: `restricted at the person's request (Art. 18(1)), request ${request.reference}`,
          started_at: ctx.clock.now().toISOString(),
        });
        ctx.touch('restriction', id, subjectId);
      });
      await queueRecipientNotices(trx, subjectId, 'restriction', request.id, isoNow(deps.guard.clock), deps);
      const what = purposeWords(deps.policy, purpose);
      return {
        summary: {
          nl: `Wij hebben de verwerking van uw gegevens beperkt voor ${what.nl}: wij bewaren ze, maar gebruiken ze niet, tenzij u daarvoor toestemming geeft of voor een rechtsvordering (art. 18 AVG). Voordat wij de beperking opheffen, laten wij het u weten.`,
          en: `We have restricted the processing of your data for ${what.en}: we keep them but do not use them, unless you consent or for legal claims (Art. 18 GDPR). We will tell you before we lift the restriction.`,
        },
        kept: [],
      };
    },
  };
}
