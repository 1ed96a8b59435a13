import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import type { RestrictionList } from '../restrictions-objections/restriction.schema.ts';
import { RestrictionService } from '../restrictions-objections/restriction.service.ts';
import { freshIp } from '../../test/support/requests.ts';
import { postForm } from '../../test/support/forms.ts';
import {
  E2E_TIMEOUT_MS,
  type E2e,
  codeIn,
  customer,
  decide,
  entriesNaming,
  expectLetter,
  fileRequest,
  mailArrived,
  publicStage,
  requestByReference,
  startE2e,
  verifyWithMailedCode,
} from '../../test/support/rights-e2e.ts';

describe.each(DIALECTS)(
  'rectification, restriction, objection and withdrawal of consent end to end through the HTTP API, on %s',
  (dialect) => {
    let e: E2e;

    beforeAll(async () => {
      e = await startE2e(dialect);
    }, E2E_TIMEOUT_MS);
    afterAll(async () => e.close());

    const form = (url: string, fields: Record<string, string>) =>
      e.t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
        remoteAddress: freshIp(),
      });
    const subjectRow = (id: string) =>
      e.t.database.db
        .selectFrom('subjects')
        .select(['first_name', 'last_name', 'email', 'phone'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    it(
      'rectification (Art. 16): filed and verified through the HTML form, applied to the subject with one modify entry, and told',
      async () => {
        const c = await customer(e.t);
        const filed = await form('/privacy/request', {
          kind: 'rectification',
          name: 'Anna Jansen',
          email: c.email,
          details: 'Ik ben getrouwd.',
          changeLastName: 'Jansen',
          changePhone: '+31 6 1234 5678',
        });
        expect(filed.statusCode, filed.body).toBe(303);
        const reference = /reference=(V-\d{4}-[0-9A-Z]{6})/.exec(filed.headers.location ?? '')?.[1] ?? '';
        expect(filed.headers.location).toBe(`/privacy/request/verify?reference=${reference}&outcome=filed`);
        const codeMail = await mailArrived(e, c.email, `Uw verificatiecode voor verzoek ${reference}`);
        const { page: confirmed } = await postForm(e.t, '/privacy/request/verify', { reference, code: codeIn(codeMail) });
        expect(confirmed.statusCode).toBe(200);
        expect(confirmed.body).toContain('Dank u, uw verzoek is bevestigd');

        const request = await requestByReference(e, reference);
        expect(request).toMatchObject({ status: 'verified', subjectId: c.subject.id });
        const modifiesBefore = (await entriesNaming(e.t, c.subject.id)).filter(
          (x) => x.operation === 'modify' && x.record_type === 'subject',
        );
        expect(await decide(e, request.id, { decision: 'granted' })).toMatchObject({ status: 'answered' });

        expect(await subjectRow(c.subject.id)).toEqual({
          first_name: c.subject.firstName,
          last_name: 'Jansen',
          email: c.email,
          phone: '+31 6 1234 5678',
        });
        const modifies = (await entriesNaming(e.t, c.subject.id)).filter(
          (x) => x.operation === 'modify' && x.record_type === 'subject',
        );
        expect(modifies).toHaveLength(modifiesBefore.length + 1);
        expect(modifies.at(-1)).toMatchObject({
          outcome: 'allowed',
          actor_role: 'dpo',
          records: JSON.stringify([`subject:${c.subject.id}`]),
        });

        const answer = await mailArrived(e, c.email, `Antwoord op uw verzoek ${reference}`);
        expectLetter(answer, 'nl', reference);
        expect(answer.text).toContain('Wij hebben uw verzoek ingewilligd.');
        expect(answer.text).toContain('Wij hebben uw gegevens gerectificeerd of aangevuld: achternaam en telefoonnummer.');
        expect(answer.text).not.toContain(c.subject.lastName);
        expect(await publicStage(e, reference)).toBe('answered');
      },
      E2E_TIMEOUT_MS,
    );

    it(
      'restriction (Art. 18): granted, staff can no longer change the subject (409, logged denied); lifting mails the person first',
      async () => {
        const c = await customer(e.t);
        const { reference } = await fileRequest(e, {
          kind: 'restriction',
          name: 'Anna de Vries',
          email: c.email,
          details: 'Ik betwist de juistheid.',
          language: 'nl',
        });
        await verifyWithMailedCode(e, c.email, reference);
        const request = await requestByReference(e, reference);
        expect(await decide(e, request.id, { decision: 'granted' })).toMatchObject({ status: 'answered' });
        const answer = await mailArrived(e, c.email, `Antwoord op uw verzoek ${reference}`);
        expectLetter(answer, 'nl', reference);
        expect(answer.text).toContain('Wij hebben de verwerking van uw gegevens beperkt voor alle doelen');

        const listed = await e.t.app.inject({
          method: 'GET',
          url: `/api/subjects/${c.subject.id}/restrictions`,
          headers: { cookie: e.dpo },
        });
        expect(listed.statusCode, listed.body).toBe(200);
        const { restrictions } = listed.json<RestrictionList>();
        expect(restrictions).toHaveLength(1);
        const [restriction] = restrictions;
        expect(restriction).toMatchObject({ purpose: null, liftedAt: null, requestId: request.id });
        const patch = () =>
          e.t.app.inject({
            method: 'PATCH',
            url: `/api/subjects/${c.subject.id}`,
            headers: { cookie: e.staff },
            payload: { phone: '+31 30 999 9999' },
          });
        const refused = await patch();
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ error: { code: 'restricted' } });
        const [denied] = await e.t.database.db
          .selectFrom('processing_log')
          .select(['operation', 'outcome', 'actor_role', 'subject_ids'])
          .orderBy('seq', 'desc')
          .limit(1)
          .execute();
        expect(denied).toMatchObject({ operation: 'modify', outcome: 'denied', actor_role: 'staff' });
        expect(JSON.parse(denied?.subject_ids ?? '[]')).toEqual([c.subject.id]);
        expect((await subjectRow(c.subject.id)).phone).toBe(c.subject.phone);

        // Art. 18(3): the dpo announces the lifting; the person is told before it happens.
        const announcement = { reason: 'accuracy_verified', motivation: 'Wij hebben uw telefoonnummer nagevraagd en het klopt.' };
        const announced = await e.t.app.inject({
          method: 'POST',
          url: `/api/restrictions/${restriction?.id ?? ''}/lift`,
          headers: { cookie: e.dpo },
          payload: announcement,
        });
        expect(announced.statusCode, announced.body).toBe(200);
        expect(announced.json()).toMatchObject({ state: 'lift_announced', liftedAt: null });
        const lifting = e.t.services.restrictions;
        // Queued is not told: before delivery nothing is lifted.
        expect(await lifting.liftDue()).toEqual({ lifted: 0 });
        await e.t.services.mailDelivery.deliverDue();
        const notice = await mailArrived(e, c.email, 'Wij gaan de beperking van de verwerking van uw gegevens opheffen');
        expect(notice.header('Content-Language')).toBe('nl');
        expect(notice.text).toContain('art. 18 lid 3 AVG');
        expect(notice.text).toContain(announcement.motivation);
        expect(notice.text).toMatch(/niet eerder dan op \d{1,2} [a-z]+ \d{4}/);
        const sent = await e.t.database.db
          .selectFrom('outbox')
          .select(['sent_at'])
          .where('related_id', '=', restriction?.id ?? '')
          .executeTakeFirstOrThrow();
        // Delivered, but the lead time (14 days by default) has not passed: it still stands.
        expect(await lifting.liftDue()).toEqual({ lifted: 0 });
        expect((await patch()).statusCode).toBe(409);
        const listedAgain = (
          await e.t.app.inject({ method: 'GET', url: `/api/subjects/${c.subject.id}/restrictions`, headers: { cookie: e.dpo } })
        ).json<RestrictionList>();
        expect(listedAgain.restrictions[0]).toMatchObject({ state: 'lift_announced', liftNoticeSentAt: sent.sent_at });
        const notBefore = Date.parse(listedAgain.restrictions[0]?.liftNotBefore ?? '');
        expect(notBefore - Date.parse(sent.sent_at ?? '')).toBe(14 * 86_400_000);

        // Fifteen days later the lifting job lifts it, recording when the person was actually told.
        const later = new RestrictionService(e.t.database.db, e.t.services.guard, {
          liftNoticeDays: 14,
          clock: { now: () => new Date(notBefore + 86_400_000) },
        });
        expect(await later.liftDue()).toEqual({ lifted: 1 });
        expect(await later.liftDue()).toEqual({ lifted: 0 });
        const row = await e.t.database.db
          .selectFrom('restrictions')
          .select(['lifted_at', 'lift_notice_sent_at', 'lift_announced_by'])
          .where('id', '=', restriction?.id ?? '')
          .executeTakeFirstOrThrow();
        expect(row.lift_notice_sent_at).toBe(sent.sent_at);
        expect(row.lifted_at).toBe(new Date(notBefore + 86_400_000).toISOString());
        expect(row.lift_announced_by).toMatch(/^user:/);
        const [liftEntry] = await e.t.database.db
          .selectFrom('processing_log')
          .select(['actor_id', 'operation', 'reason', 'subject_ids'])
          .where('actor_id', '=', 'restriction-lift')
          .orderBy('seq', 'desc')
          .limit(1)
          .execute();
        expect(liftEntry).toMatchObject({ operation: 'store' });
        expect(JSON.parse(liftEntry?.subject_ids ?? '[]')).toEqual([c.subject.id]);
        expect((await patch()).statusCode).toBe(200);
      },
      E2E_TIMEOUT_MS,
    );

    it(
      'objection (Art. 21): upheld for a legitimate-interest purpose; refused for a contract purpose with the ground and the AP notice',
      async () => {
        const c = await customer(e.t);
        const upheld = await fileRequest(e, {
          kind: 'objection',
          name: 'Anna de Vries',
          email: c.email,
          purpose: 'correspondence',
          details: 'Geen nieuwsbrieven meer.',
          language: 'nl',
        });
        await verifyWithMailedCode(e, c.email, upheld.reference);
        const first = await requestByReference(e, upheld.reference);
        expect(await decide(e, first.id, { decision: 'granted' })).toMatchObject({ status: 'answered' });
        const objections = await e.t.database.db
          .selectFrom('objections')
          .select(['purpose', 'status', 'request_id'])
          .where('subject_id', '=', c.subject.id)
          .execute();
        expect(objections).toEqual([{ purpose: 'correspondence', status: 'upheld', request_id: first.id }]);
        const granted = await mailArrived(e, c.email, `Antwoord op uw verzoek ${upheld.reference}`);
        expectLetter(granted, 'nl', upheld.reference);
        expect(granted.text).toContain('Wij hebben uw bezwaar toegewezen: wij verwerken uw gegevens niet meer voor');
        expect(granted.text).not.toContain('Autoriteit Persoonsgegevens');

        const refusedRequest = await fileRequest(e, {
          kind: 'objection',
          name: 'Anna de Vries',
          email: c.email,
          purpose: 'contract',
          language: 'nl',
        });
        await verifyWithMailedCode(e, c.email, refusedRequest.reference);
        const second = await requestByReference(e, refusedRequest.reference);
        const ground = 'Art. 21 lid 1 AVG geldt niet: de verwerking berust op art. 6 lid 1 onder b AVG (overeenkomst)';
        expect(
          await decide(e, second.id, {
            decision: 'refused',
            ground,
            motivation: 'Zonder deze gegevens kunnen wij de overeenkomst niet uitvoeren.',
          }),
        ).toMatchObject({ status: 'answered', decision: 'refused' });
        expect(
          await e.t.database.db.selectFrom('objections').select('purpose').where('subject_id', '=', c.subject.id).execute(),
        ).toEqual([{ purpose: 'correspondence' }]);
        const refusal = await mailArrived(e, c.email, `Antwoord op uw verzoek ${refusedRequest.reference}`);
        expectLetter(refusal, 'nl', refusedRequest.reference);
        expect(refusal.text).toContain('Wij hebben uw verzoek afgewezen.');
        expect(refusal.text).toContain(`Grondslag: ${ground}`);
        expect(refusal.text).toContain('Motivering: Zonder deze gegevens kunnen wij de overeenkomst niet uitvoeren.');
        expect(refusal.text).toContain('klacht indienen bij de Autoriteit Persoonsgegevens');
        expect(refusal.text).toContain(
          'binnen zes weken nadat u deze brief heeft ontvangen de rechtbank vragen ons te bevelen uw verzoek alsnog in te willigen (art. 35 UAVG en art. 79 AVG)',
        );
      },
      E2E_TIMEOUT_MS,
    );

    it(
      'withdrawal of consent (Art. 7(3)) under Sen ICT, in English: no purpose rests on consent, so the letter says so, names the basis and the objection, and changes nothing (Art. 13(1)(c))',
      async () => {
        const c = await customer(e.t);
        const { reference } = await fileRequest(e, {
          kind: 'withdraw_consent',
          name: 'Anna de Vries',
          email: c.email,
          purpose: 'correspondence',
          language: 'en',
        });
        await verifyWithMailedCode(e, c.email, reference, 'en');
        const request = await requestByReference(e, reference);
        expect(await decide(e, request.id, { decision: 'granted' })).toMatchObject({ status: 'answered' });
        const consent = await e.t.database.db
          .selectFrom('consents')
          .select(['withdrawn_at'])
          .where('id', '=', c.consent.id)
          .executeTakeFirstOrThrow();
        expect(consent.withdrawn_at).toBeNull();
        const answer = await mailArrived(e, c.email, `Answer to your request ${reference}`);
        expectLetter(answer, 'en', reference);
        // Nothing was withdrawn, so the letter does not open by saying the request was granted.
        expect(answer.text).not.toContain('We have granted your request.');
        expect(answer.text).toContain(
          'We do not ask your consent for "Correspondence": we use your data for it on the basis of legitimate interests (Art. 6(1)(f) GDPR).',
        );
        expect(answer.text).toContain('So there is no consent for you to withdraw, and that use goes on.');
        expect(answer.text).toContain('you can object to it (Art. 21 GDPR)');
        expect(answer.text).not.toContain('We have withdrawn your consent');
        expect(await publicStage(e, reference)).toBe('answered');
      },
      E2E_TIMEOUT_MS,
    );
  },
);
