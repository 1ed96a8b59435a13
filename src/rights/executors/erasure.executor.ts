import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, RightsRequestRow } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../guard/actor.ts';
import { ERASURE_RESTRICTION_REASON } from '../../restrictions-objections/restriction-check.ts';
import type { RightExecutor } from './executor.ts';
import { joinWords } from '../../shared/words.ts';
import { businessToday } from '../../shared/business-day.ts';
import { type ExecutionDeps, langOf, nothingHeld } from './deps.ts';
import { type ErasurePlan, keptData, keptGround, planErasure } from './erasure-plan.ts';
import { accessPackagesOf, deleteRecords } from '../../retention/deleter.ts';
import { recordErasures } from '../../retention/erasure-ledger.ts';
import { holdsInForce } from '../../retention/legal-hold.repository.ts';
import { queueRecipientNotices } from '../../disclosures/recipient-notice-queue.ts';
import { insertRestriction, listRestrictions } from '../../restrictions-objections/restriction-objection.repository.ts';
import { loadSubjectRecords, ownedBusinessRecords } from './subject-records.ts';
import { isoNow } from '../../shared/clock.ts';

type Counts = { agreements: number; invoices: number; cases: number; messages: number; consents: number };

/**
 * Art. 17: erases at once everything there is no reason to keep. What the law keeps (Art. 17(3)(b): issued
 * invoices, and every record a retention rule with a legal obligation reaches, such as the agreements behind
 * the invoices; Art. 17(3)(e): records under a legal hold) stays, restricted
 * (only storage, Art. 18(2)) until its period ends, when the retention sweep deletes it. The subject row
 * stays, reduced to name and reference, only while something is kept; otherwise it goes too. The whole
 * erasure is one 'erase' entry in the processing log naming every record; recipients are told (Art. 19).
 */
export function erasureExecutor(deps: ExecutionDeps): RightExecutor {
  return {
    execute: async (trx, request, actor) => {
      const subjectId = request.subject_id;
      if (subjectId === null) return nothingHeld();
      // Before anything is deleted: the notice names the person to each recipient.
      await queueRecipientNotices(trx, subjectId, 'erasure', request.id, isoNow(deps.guard.clock), deps);
      const holds = await holdsInForce(trx, subjectId, businessToday(deps.guard.clock.now()));
      const processing = {
        actor,
        operation: 'erase' as const,
        recordType: 'subject' as const,
        includes: ['agreement' as const, 'invoice' as const, 'case' as const, 'message' as const, 'consent' as const],
        subjectId,
      };
      const { plan, counts } = await deps.guard.processIn(trx, processing, async (ctx) => {
        const records = await loadSubjectRecords(ctx.trx, subjectId);
        if (records === undefined) throw notFound('Subject', subjectId);
        // The erasure reaches the business the person alone owns (docs/organisations.md, Retention): its agreements
        // and invoices are planned as the person's own, and its own details go or are reduced with theirs.
        const business = await ownedBusinessRecords(ctx.trx, subjectId);
        const planned = planErasure(
          deps.policy,
          {
            ...records,
            agreements: [...records.agreements, ...business.agreements],
            invoices: [...records.invoices, ...business.invoices],
          },
          holds,
          businessToday(ctx.clock.now()),
        );
        const { erase } = planned;
        const erasedCases = new Set(erase.cases);
        const erasedMessages = records.messages.filter((m) => erasedCases.has(m.case_id));
        const packages = await accessPackagesOf(ctx.trx, subjectId);
        const erasedAttachments = records.attachments.filter((x) => erasedMessages.some((m) => m.id === x.message_id));
        const deleted: [string, string][] = [
          ...erase.invoices.map((id): [string, string] => ['invoice', id]),
          ...erase.agreements.map((id): [string, string] => ['agreement', id]),
          ...erase.cases.map((id): [string, string] => ['case', id]),
          ...erasedMessages.map((m): [string, string] => ['message', m.id]),
          ...erasedAttachments.map((a): [string, string] => ['attachment', a.id]),
          ...erase.consents.map((id): [string, string] => ['consent', id]),
          ...packages.map((id): [string, string] => ['access_package', id]),
        ];
        // The subject goes when nothing is kept; under a hold on the whole person its contact details stay
        // (Art. 17(3)(e)); otherwise it keeps only what the kept records need.
        const subjectGoes = planned.kept.length === 0;
        const minimised = !subjectGoes && !planned.subjectHeld;
        // A business with a record kept stays, with its name for the invoices; one with nothing kept goes.
        const keptOf = new Set(
          [...business.agreements, ...business.invoices]
            .filter((r) => planned.kept.some((k) => k.id === r.id))
            .map((r) => r.organisation_id),
        );
        const businessesGo = business.organisations.filter((id) => !keptOf.has(id));
        const businessesReduced = planned.subjectHeld ? [] : business.organisations.filter((id) => keptOf.has(id));
        await deleteRecords(
          ctx.trx,
          {
            records: {
              invoice: erase.invoices,
              agreement: erase.agreements,
              case: erase.cases,
              consent: erase.consents,
              access_package: packages,
            },
            subjects: subjectGoes ? [subjectId] : [],
            minimised: minimised ? [subjectId] : [],
            organisations: businessesGo,
            minimisedOrganisations: businessesReduced,
          },
          ctx.clock.now().toISOString(),
        );
        if (subjectGoes) deleted.push(['subject', subjectId]);
        if (minimised)
          deleted.push(...records.addresses.map((a): [string, string] => ['subject_address', a.id]), [
            'subject_contact_details',
            subjectId,
          ]);
        deleted.push(
          ...businessesGo.map((id): [string, string] => ['organisation', id]),
          ...businessesReduced.map((id): [string, string] => ['organisation_contact_details', id]),
        );
        // The ledger (issue 5, point 5): one row per deleted record, opaque ids only, in this transaction.
        await recordErasures(
          ctx.trx,
          deleted.map(([recordType, recordId]) => ({ kind: 'erasure', recordType, recordId, subjectId, requestId: request.id })),
          ctx.clock.now().toISOString(),
        );
        ctx.touch('subject', subjectId, subjectId);
        for (const id of erase.invoices) ctx.touch('invoice', id);
        for (const id of erase.agreements) ctx.touch('agreement', id);
        for (const id of erase.cases) ctx.touch('case', id);
        for (const m of erasedMessages) ctx.touch('message', m.id);
        for (const a of erasedAttachments) ctx.touch('attachment', a.id);
        for (const id of erase.consents) ctx.touch('consent', id);
        for (const id of packages) ctx.touch('access_package', id);
        for (const id of business.organisations) ctx.touch('organisation', id, subjectId);
        const counts: Counts = {
          agreements: erase.agreements.length,
          invoices: erase.invoices.length,
          cases: erase.cases.length,
          messages: erasedMessages.length,
          consents: erase.consents.length,
        };
        return { plan: planned, counts };
      });
      if (plan.kept.length > 0) await restrictKept(deps, trx, request, actor, subjectId, plan);
      const lang = langOf(request.language);
      const ground = keptGround(plan, lang);
      return { summary: summary(counts, plan), kept: keptData(plan, lang), ...(ground === null ? {} : { keptGround: ground }) };
    },
  };
}

/** Art. 17(3) with Art. 18(2): what is kept is only stored, until the retention sweep deletes it. */
async function restrictKept(
  deps: ExecutionDeps,
  trx: Transaction<DB>,
  request: RightsRequestRow,
  actor: Actor,
  subjectId: string,
  plan: ErasurePlan,
): Promise<void> {
  await deps.guard.processIn(trx, { actor, operation: 'store', recordType: 'subject', subjectId }, async (ctx) => {
    const existing = (await listRestrictions(ctx.trx, subjectId)).find(
      (r) => r.lifted_at === null && r.purpose === null && r.reason === ERASURE_RESTRICTION_REASON,
    );
    const id = existing?.id ?? randomUUID();
    if (existing === undefined) {
      await insertRestriction(ctx.trx, {
        id,
        subject_id: subjectId,
        request_id: request.id,
        purpose: null,
        reason: ERASURE_RESTRICTION_REASON,
        started_at: ctx.clock.now().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
      });
    }
    ctx.touch('restriction', id, subjectId);
    for (const k of plan.kept) ctx.touch(k.recordType, k.id);
  });
}

// What was erased, in words a person reads (Art. 12(1)): one or more, never "(en)", and no zero counts.
const COUNTED: Record<keyof Counts, { nl: [string, string]; en: [string, string] }> = {
  agreements: {
    nl: ['overeenkomst of offerte', 'overeenkomsten of offertes'],
    en: ['agreement or quote', 'agreements or quotes'],
  },
  invoices: { nl: ['conceptfactuur', 'conceptfacturen'], en: ['draft invoice', 'draft invoices'] },
  cases: {
    nl: ['vraag, klacht of verzoek', 'vragen, klachten en verzoeken'],
    en: ['question, complaint or request', 'questions, complaints and requests'],
  },
  messages: { nl: ['bericht', 'berichten'], en: ['message', 'messages'] },
  consents: { nl: ['toestemming', 'toestemmingen'], en: ['consent', 'consents'] },
};

function counted(c: Counts, lang: 'nl' | 'en'): string {
  const parts = (Object.keys(COUNTED) as (keyof Counts)[])
    .filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${COUNTED[k][lang][c[k] === 1 ? 0 : 1]}`);
  return joinWords([...parts, lang === 'nl' ? 'uw contactgegevens' : 'your contact details'], lang);
}

function summary(c: Counts, plan: ErasurePlan): { nl: string; en: string } {
  const erased = {
    nl: `Wij hebben uw gegevens gewist: ${counted(c, 'nl')}.`,
    en: `We have erased your data: ${counted(c, 'en')}.`,
  };
  if (plan.kept.length === 0) return erased;
  return {
    nl: `${erased.nl} Wat de wet ons verplicht te bewaren, hebben wij niet gewist: dat bewaren wij afgeschermd, wij gebruiken het nergens anders voor, en wij wissen het zodra de termijn voorbij is. Hieronder staat per soort gegevens waarom en tot wanneer.`,
    en: `${erased.en} What the law obliges us to keep we have not erased: we keep it locked away, use it for nothing else, and erase it as soon as its period ends. Below, for each kind of data, is why and until when.`,
  };
}
