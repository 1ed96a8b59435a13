import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { freshIp, headersOf, shapeOf } from '../../test/support/requests.ts';
import {
  E2E_TIMEOUT_MS,
  type E2e,
  arrivedFor,
  codeIn,
  customer,
  expectLetter,
  fileRequest,
  mailArrived,
  publicStage,
  requestByReference,
  startE2e,
  verifyWithMailedCode,
} from '../../test/support/rights-e2e.ts';

describe.each(DIALECTS)(
  'questions, complaints and someone who is no customer, end to end through the HTTP API, on %s',
  (dialect) => {
    let e: E2e;

    beforeAll(async () => {
      e = await startE2e(dialect);
    }, E2E_TIMEOUT_MS);
    afterAll(async () => e.close());

    const answer = (id: string, text: string, cookie: string) =>
      e.t.app.inject({ method: 'POST', url: `/api/requests/${id}/answer`, headers: { cookie }, payload: { text } });

    it(
      'a question: filed, verified with the mailed code, answered by staff without a decision, and the answer arrives',
      async () => {
        const c = await customer(e.t);
        const { reference } = await fileRequest(e, {
          kind: 'question',
          name: 'Anna de Vries',
          email: c.email,
          details: 'Welke partijen krijgen mijn factuurgegevens?',
          language: 'nl',
        });
        await verifyWithMailedCode(e, c.email, reference);
        const request = await requestByReference(e, reference);
        expect(request).toMatchObject({ status: 'verified', subjectId: c.subject.id });
        const decision = await e.t.app.inject({
          method: 'POST',
          url: `/api/requests/${request.id}/decision`,
          headers: { cookie: e.dpo },
          payload: { decision: 'granted' },
        });
        expect(decision.statusCode).toBe(409);
        const answered = await answer(request.id, 'Alleen ons administratiekantoor, voor de jaarrekening.', e.staff);
        expect(answered.statusCode, answered.body).toBe(200);
        expect(answered.json()).toMatchObject({ request: { status: 'answered' }, letter: { channel: 'email', to: c.email } });

        const mail = await mailArrived(e, c.email, `Antwoord op uw bericht ${reference}`);
        expectLetter(mail, 'nl', reference);
        expect(mail.text).toContain('een vraag');
        expect(mail.text).toContain('Alleen ons administratiekantoor, voor de jaarrekening.');
        expect(mail.text).not.toContain('Autoriteit Persoonsgegevens');
        expect(await publicStage(e, reference)).toBe('answered');
      },
      E2E_TIMEOUT_MS,
    );

    it(
      'a complaint: filed, verified, answered by the dpo, and the answer names the right to complain to the Autoriteit Persoonsgegevens',
      async () => {
        const c = await customer(e.t);
        const { reference } = await fileRequest(e, {
          kind: 'complaint',
          name: 'Anna de Vries',
          email: c.email,
          details: 'U mailde mij zonder te vragen.',
          language: 'en',
        });
        await verifyWithMailedCode(e, c.email, reference, 'en');
        const request = await requestByReference(e, reference);
        const answered = await answer(request.id, 'We are sorry; we have stopped these mails.', e.dpo);
        expect(answered.statusCode, answered.body).toBe(200);
        const mail = await mailArrived(e, c.email, `Answer to your message ${reference}`);
        expectLetter(mail, 'en', reference);
        expect(mail.text).toContain('a complaint');
        expect(mail.text).toContain('We are sorry; we have stopped these mails.');
        expect(mail.text).toContain('lodge a complaint with the Autoriteit Persoonsgegevens');
        expect(await publicStage(e, reference)).toBe('answered');
      },
      E2E_TIMEOUT_MS,
    );

    it(
      'someone who is no customer gets the same public answers as a customer, and by mail that we hold no data linked to the address',
      async () => {
        const c = await customer(e.t);
        const stranger = `onbekend.${String(Math.random()).slice(2, 10)}@example.nl`;
        const known = await fileRequest(e, { kind: 'access', name: 'Anna de Vries', email: c.email, language: 'nl' });
        const unknown = await fileRequest(e, { kind: 'access', name: 'Nog Niemand', email: stranger, language: 'nl' });
        expect(shapeOf(unknown.response)).toBe(shapeOf(known.response));
        expect(headersOf(unknown.response)).toEqual(headersOf(known.response));

        const stageOf = (reference: string) =>
          e.t.app.inject({ method: 'GET', url: `/api/public/requests/${reference}`, remoteAddress: freshIp() });
        const [knownStage, unknownStage] = [await stageOf(known.reference), await stageOf(unknown.reference)];
        expect(unknownStage.statusCode).toBe(knownStage.statusCode);
        expect(shapeOf(unknownStage)).toBe(shapeOf(knownStage));
        expect(unknownStage.json()).toMatchObject({ stage: 'received' });

        // A wrong code: one that is surely not the customer's, who can read theirs in the mail.
        const codeMail = await mailArrived(e, c.email, `Uw verificatiecode voor verzoek ${known.reference}`);
        const notIt = codeIn(codeMail) === '000000' ? '111111' : '000000';
        const wrong = (reference: string) =>
          e.t.app.inject({
            method: 'POST',
            url: `/api/public/requests/${reference}/verify`,
            payload: { code: notIt },
            remoteAddress: freshIp(),
          });
        const [knownWrong, unknownWrong] = [await wrong(known.reference), await wrong(unknown.reference)];
        expect(knownWrong.statusCode).toBe(400);
        expect(unknownWrong.statusCode).toBe(400);
        expect(shapeOf(unknownWrong)).toBe(shapeOf(knownWrong));

        const noData = await mailArrived(e, stranger, `Wij hebben geen gegevens over u (verzoek ${unknown.reference})`);
        expectLetter(noData, 'nl', unknown.reference);
        expect(noData.text).toContain(
          `Wij hebben geen persoonsgegevens over u vastgelegd die aan het e-mailadres ${stranger} zijn gekoppeld.`,
        );
        // The customer got a code; the stranger got no code at all.
        expect(arrivedFor(e, stranger).map((m) => m.subject)).toEqual([noData.subject]);
        expect(await requestByReference(e, unknown.reference)).toMatchObject({ status: 'answered', subjectId: null });
      },
      E2E_TIMEOUT_MS,
    );
  },
);
