import * as consents from '../../consents/consent.repository.ts';
import type { RightExecutor } from './executor.ts';
import { type ExecutionDeps, nothingHeld } from './deps.ts';
import { purposeWords, requestPurpose } from '../../restrictions-objections/purpose-words.ts';
import { continuingBases, noConsentToWithdraw } from './withdraw-consent-words.ts';

/**
 * Art. 7(3): withdraws the person's consent for the purpose the request names (every consent in force when
 * it names none), at once. The consent records stay, with the moment of withdrawal: they prove that what
 * was done before was lawful (Art. 7(3), second sentence). For a purpose on another basis there is nothing to
 * withdraw: the answer says so, names that basis and what the person can do instead, and never suggests the
 * processing stops (a consent recorded for it before is history and stays as it is).
 */
export function withdrawConsentExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const { policy } = deps;
      const purpose = requestPurpose(policy, request.purpose);
      const onConsent = purpose === null ? policy.consentPurposes() : policy.consentPurposes().filter((p) => p === purpose);
      if (onConsent.length === 0) {
        // Read only to answer truthfully about a consent recorded before for a purpose on another basis.
        const history = await deps.guard.processIn(
          trx,
          { actor, operation: 'consult', recordType: 'consent', subjectId },
          async (ctx) => {
            const rows = (await consents.listBySubject(ctx.trx, subjectId)).filter(
              (c) => purpose === null || c.purpose === purpose,
            );
            for (const c of rows) ctx.touch('consent', c.id, subjectId);
            return rows.length > 0;
          },
        );
        return { summary: noConsentToWithdraw(policy, purpose, history), kept: [], nothingToDo: true };
      }
      const guardPurpose = purpose ?? undefined;
      const withdrawn = await deps.guard.processIn(
        trx,
        { actor, operation: 'modify', recordType: 'consent', subjectId, purpose: guardPurpose },
        async (ctx) => {
          const now = ctx.clock.now().toISOString();
          const inForce = (await consents.listBySubject(ctx.trx, subjectId)).filter(
            (c) => c.withdrawn_at === null && onConsent.includes(c.purpose),
          );
          let count = 0;
          for (const consent of inForce) {
            if (await consents.withdraw(ctx.trx, consent.id, now)) {
              ctx.touch('consent', consent.id, subjectId);
              count += 1;
            }
          }
          return count;
        },
      );
      const what = purposeWords(policy, purpose ?? (onConsent.length === 1 ? (onConsent[0] ?? null) : null));
      const others = continuingBases(policy);
      if (withdrawn === 0) {
        return {
          summary: {
            nl: `U had geen toestemming gegeven voor ${what.nl} die nog van kracht was, dus wij gebruiken uw gegevens daar ook niet voor.${others.nl}`,
            en: `You had given no consent for ${what.en} that was still in force, so we do not use your data for it.${others.en}`,
          },
          kept: [],
          nothingToDo: true,
        };
      }
      return {
        summary: {
          nl: `Wij hebben uw toestemming voor ${what.nl} per direct ingetrokken en stoppen met dat gebruik van uw gegevens. Wat wij daarvoor met uw toestemming deden, blijft rechtmatig (art. 7 lid 3 AVG).${others.nl}`,
          en: `We have withdrawn your consent for ${what.en} with immediate effect and stop that use of your data. What we did with your consent before remains lawful (Art. 7(3) GDPR).${others.en}`,
        },
        kept: [],
      };
    },
  };
}
