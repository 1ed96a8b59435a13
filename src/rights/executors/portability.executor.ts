import { notFound } from '../../errors.ts';
import type { RightsRequestRow } from '../../db/types.ts';
import type { ExecutionOutcome, RightExecutor } from './executor.ts';
import { type ExecutionDeps, langOf, nothingHeld } from './deps.ts';
import { PACKAGE_DAYS, storePackage } from '../access-packages/package-store.ts';
import { holdsPortable, loadPortableRecords, portabilityFiles } from '../access-packages/portability-package.ts';
import { portabilityPurpose, portablePurposeNames } from '../../policy/portability-scope.ts';

/**
 * Art. 20: puts what the person provided, of the processing on consent or a contract, into one zip (data.json,
 * a CSV per part, README.txt explaining every field, the attachments they sent). Like an access package it waits
 * for the dpo's review (Art. 20(4): others' rights) and goes out when released: by a link to the person, or, when
 * they asked for it (Art. 20(2)), to the organisation they named once they confirmed its address from their own
 * mailbox (portability-transfer.service.ts). Building it is one 'export' in the processing log naming every record.
 */
export function portabilityExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      const { policy } = deps;
      const lang = langOf(request.language);
      const processing = {
        actor,
        operation: 'export' as const,
        recordType: 'subject' as const,
        includes: ['agreement' as const, 'case' as const, 'message' as const],
        subjectId,
        purpose: portabilityPurpose(policy),
        note: 'portability package (Art. 20 GDPR)',
      };
      const built = await deps.guard.processIn(trx, processing, async (ctx) => {
        const records = await loadPortableRecords(ctx.trx, policy, subjectId);
        if (records === undefined) throw notFound('Subject', subjectId);
        if (!holdsPortable(records)) return false;
        const generatedAt = ctx.clock.now().toISOString();
        const files = await portabilityFiles(ctx.trx, policy, records, lang, {
          subjectId,
          generatedAt,
          requestReference: request.reference,
        });
        await storePackage(ctx, request, subjectId, 'portability', files, generatedAt);
        if (records.subject !== null) ctx.touch('subject', subjectId, subjectId);
        for (const r of records.agreements) ctx.touch('agreement', r.id);
        for (const m of records.messages) ctx.touch('message', m.message.id);
        for (const a of records.attachments) ctx.touch('attachment', a.id);
        return true;
      });
      const purposes = portablePurposeNames(policy, lang);
      return built ? { summary: summary(request, purposes), kept: [], awaitsRelease: true } : nothingPortable(purposes);
    },
  };
}

/** What the answer letter says will happen next: a link to the person, or a confirmation first and then the organisation. */
function summary(request: RightsRequestRow, purposes: string): ExecutionOutcome['summary'] {
  const made = {
    nl: `Wij hebben de gegevens die u ons zelf gaf en die wij gebruiken voor ${purposes} in één pakket gezet: als JSON en CSV, met een uitleg van elk veld, en de bijlagen die u ons stuurde (art. 20 lid 1 AVG).`,
    en: `We have put the data you gave us yourself and that we use for ${purposes} into one package: as JSON and CSV, with an explanation of every field, and the attachments you sent us (Art. 20(1) GDPR).`,
  };
  if (request.transfer_email === null) {
    return {
      nl: `${made.nl} Na een controle op gegevens van anderen (art. 20 lid 4 AVG) sturen wij u een link, ${PACKAGE_DAYS} dagen geldig; bij het downloaden vragen wij een code die wij naar uw e-mailadres sturen.`,
      en: `${made.en} After a check for other people's data (Art. 20(4) GDPR) we will send you a link, valid for ${PACKAGE_DAYS} days; to download, we ask for a code that we send to your e-mail address.`,
    };
  }
  const to = `${request.transfer_organisation ?? ''} (${request.transfer_email})`;
  return {
    nl: `${made.nl} U vroeg ons het pakket rechtstreeks naar ${to} te sturen (art. 20 lid 2 AVG). Na een controle op gegevens van anderen vragen wij u eerst per e-mail, op het adres dat wij van u hebben, dat adres te bevestigen. Pas daarna sturen wij die organisatie een downloadlink, ${PACKAGE_DAYS} dagen geldig.`,
    en: `${made.en} You asked us to send the package directly to ${to} (Art. 20(2) GDPR). After a check for other people's data, we will first ask you by e-mail, at the address we hold for you, to confirm that address. Only then do we send that organisation a download link, valid for ${PACKAGE_DAYS} days.`,
  };
}

/** Nothing the person provided is processed on consent or a contract: there is nothing to hand over. */
function nothingPortable(purposes: string): ExecutionOutcome {
  return {
    summary: {
      nl: `Wij hebben geen gegevens die u ons zelf gaf en die wij gebruiken voor ${purposes}; er valt daarom niets over te dragen (art. 20 lid 1 AVG). Met een verzoek om inzage (art. 15 AVG) krijgt u al uw andere gegevens.`,
      en: `We hold no data you gave us yourself that we use for ${purposes}, so there is nothing to hand over (Art. 20(1) GDPR). A request for access (Art. 15 GDPR) gives you all your other data.`,
    },
    kept: [],
  };
}
