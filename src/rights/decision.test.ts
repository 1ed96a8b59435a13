import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp } from '../../test/smtp.ts';
import { cliActor } from '../guard/actor.ts';
import { MailDelivery } from '../mail/delivery.ts';
import { mailSettings } from '../mail/settings.ts';
import { DecisionService } from './decision.service.ts';
import type { RightExecutor } from './executors/executor.ts';
import { daysAgo, fileRequest, freshIp, mailTo, outboxCount, proveIdentity } from '../../test/support/requests.ts';
import { REQUEST_COLUMNS } from './request.repository.ts';

describe.each(DIALECTS)('decisions and answers, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: object, cookie = dpo) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const row = (id: string) =>
    t.database.db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  /** A verified request of a subject, registered by staff from an e-mail. */
  async function verifiedRequest(kind: string, language = 'nl') {
    const subject = await newSubject(t);
    const created = await post(
      '/api/requests',
      {
        kind,
        channel: 'email',
        receivedOn: daysAgo(2),
        name: 'Anna',
        email: subject.email,
        language,
        ...(kind === 'rectification' ? { details: 'Mijn naam is fout gespeld' } : {}),
      },
      staff,
    );
    const id = created.json<{ id: string }>().id;
    expect(
      (
        await post(
          `/api/requests/${id}/verify`,
          { method: 'phone_call', note: 'Teruggebeld op het nummer in ons dossier', subjectId: subject.id },
          staff,
        )
      ).statusCode,
    ).toBe(200);
    return { id, subject, email: subject.email ?? '' };
  }

  it('refuses to store a refusal without its legal ground or motivation, or an excessive request without evidence', async () => {
    const { id } = await verifiedRequest('erasure');
    const before = [await row(id), await outboxCount(t), await logCount(t)];
    for (const payload of [
      { decision: 'refused', motivation: 'Wij moeten facturen bewaren' },
      { decision: 'partly_granted', ground: 'Art. 17(3)(b) AVG' },
      { decision: 'excessive', ground: 'Art. 12(5) AVG', motivation: 'Elke dag hetzelfde verzoek' },
      { decision: 'maybe' },
    ]) {
      const response = await post(`/api/requests/${id}/decision`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect([await row(id), await outboxCount(t), await logCount(t)]).toEqual(before);
  });

  for (const language of ['nl', 'en'] as const) {
    it(`answers a refusal (${language}) with its ground, motivation and the notice of Art. 12(4)`, async () => {
      const { id, email } = await verifiedRequest('erasure', language);
      const decided = await post(`/api/requests/${id}/decision`, {
        decision: 'refused',
        ground: 'Art. 17(3)(b) AVG; AWR art. 52',
        motivation: 'De facturen vallen onder de fiscale bewaarplicht van zeven jaar.',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({
        request: { status: 'answered', decision: 'refused', decisionGround: 'Art. 17(3)(b) AVG; AWR art. 52' },
        letter: { channel: 'email', to: email },
      });
      const [answer] = (await mailTo(t, email)).filter((m) => m.kind === 'request_answer');
      expect(answer?.language).toBe(language);
      const text = answer?.body_text ?? '';
      expect(text).toContain('Art. 17(3)(b) AVG; AWR art. 52');
      expect(text).toContain('De facturen vallen onder de fiscale bewaarplicht');
      expect(text).toContain('Autoriteit Persoonsgegevens');
      expect(text).toContain('https://autoriteitpersoonsgegevens.nl');
      expect(text).toMatch(
        language === 'nl'
          ? /klacht indienen bij de Autoriteit Persoonsgegevens.*binnen zes weken.*de rechtbank.*art\. 35 UAVG/s
          : /complaint with the Autoriteit Persoonsgegevens.*within six weeks.*district court.*Art\. 35 of the Dutch GDPR Implementation Act/s,
      );
      // The controller and DPO details from the policy close every letter.
      expect(text).toContain('Ketjapweg 40');
      expect(text).toContain('security@senict.nl');
      expect(answer?.body_html).toContain('Autoriteit Persoonsgegevens');
    });
  }

  it('stores the evidence of a manifestly unfounded request', async () => {
    const { id } = await verifiedRequest('access');
    const decided = await post(`/api/requests/${id}/decision`, {
      decision: 'manifestly_unfounded',
      ground: 'Art. 12(5)(b) AVG',
      motivation: 'Het verzoek dient alleen om ons te hinderen.',
      evidence: 'Veertig identieke verzoeken in één week, zie zaak Z-2026-000001',
    });
    expect(decided.json()).toMatchObject({
      request: { status: 'answered', decisionEvidence: 'Veertig identieke verzoeken in één week, zie zaak Z-2026-000001' },
    });
  });

  it('carries out a granted right through its executor in the decision transaction, and names what was kept', async () => {
    const calls: string[] = [];
    const executor: RightExecutor = {
      execute: async (trx, request, actor) => {
        calls.push(`${request.status}:${request.decision ?? ''}:${actor.role}`);
        // As a real executor does: through the guard, in the decision's transaction (the door refuses it otherwise).
        const subjectId = request.subject_id ?? '';
        await t.services.guard.processIn(trx, { actor, operation: 'erase', recordType: 'subject', subjectId }, ({ trx: inner }) =>
          inner.updateTable('subjects').set({ phone: null }).where('id', '=', subjectId).execute(),
        );
        return {
          summary: { nl: 'Wij hebben uw gegevens gewist.', en: 'We erased your data.' },
          kept: [{ category: 'facturen', ground: 'Art. 17(3)(b) AVG; AWR art. 52', until: '2033-12-31' }],
        };
      },
    };
    const decisions = new DecisionService(t.services.guard, new Map([['erasure', executor]]));
    const { id, subject, email } = await verifiedRequest('erasure');
    const outcome = await decisions.decide(cliActor(), id, {
      decision: 'partly_granted',
      ground: 'Art. 17(3)(b) AVG',
      motivation: 'Facturen bewaren wij zeven jaar.',
    });
    expect(calls).toEqual(['decided:partly_granted:dpo']);
    expect(outcome.request.status).toBe('answered');
    const text = (await mailTo(t, email)).find((m) => m.kind === 'request_answer')?.body_text ?? '';
    expect(text).toContain('Wij hebben uw gegevens gewist.');
    expect(text).toContain('facturen: Art. 17(3)(b) AVG; AWR art. 52; tot 31 december 2033');
    expect(text).toContain('Autoriteit Persoonsgegevens');
    expect(
      (await t.database.db.selectFrom('subjects').select('phone').where('id', '=', subject.id).executeTakeFirstOrThrow()).phone,
    ).toBeNull();

    // An executor that fails takes the decision and the letter with it.
    const failing = new DecisionService(
      t.services.guard,
      new Map([['erasure', { execute: async () => Promise.reject(new Error('disk full')) }]]),
    );
    const second = await verifiedRequest('erasure');
    const before = [await row(second.id), await outboxCount(t)];
    await expect(failing.decide(cliActor(), second.id, { decision: 'granted' })).rejects.toThrow('disk full');
    expect([await row(second.id), await outboxCount(t)]).toEqual(before);
  });

  it('only records a grant without an executor; the answer follows when the work is done', async () => {
    const decisions = new DecisionService(t.services.guard, new Map());
    const { id, email } = await verifiedRequest('rectification');
    const decided = await decisions.decide(cliActor(), id, { decision: 'granted' });
    expect(decided).toMatchObject({ request: { status: 'decided', decision: 'granted' }, letter: null });
    expect((await mailTo(t, email)).filter((m) => m.kind === 'request_answer')).toEqual([]);
    const answered = await post(`/api/requests/${id}/answer`, { text: 'Wij hebben uw achternaam gecorrigeerd.' });
    expect(answered.json()).toMatchObject({ request: { status: 'answered' } });
    const text = (await mailTo(t, email)).find((m) => m.kind === 'request_answer')?.body_text ?? '';
    expect(text).toContain('Wij hebben uw verzoek ingewilligd.');
    expect(text).toContain('Wij hebben uw achternaam gecorrigeerd.');
    expect(text).not.toContain('Autoriteit Persoonsgegevens');
  });

  it('walks a request end to end through the mail that arrived at the SMTP server', async () => {
    const smtp = await startTestSmtp();
    const delivery = new MailDelivery(
      t.database.db,
      mailSettings(t.services.policy, { smtpUrl: smtp.url, secretKey: t.mailKey }),
    );
    try {
      const subject = await newSubject(t, { email: 'smtp.anna@example.nl' });
      const reference = (
        await fileRequest(t, { kind: 'erasure', name: 'Anna', email: 'smtp.anna@example.nl', language: 'en' })
      ).json<{ reference: string }>().reference;
      await delivery.deliverDue();
      const mail = await smtp.waitFor((m) => m.envelope.to.includes('smtp.anna@example.nl') && m.subject.includes(reference));
      const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
      expect((await proveIdentity(t, reference, { code }, freshIp())).statusCode).toBe(200);
      const id = (
        await t.database.db
          .selectFrom('rights_requests')
          .select('id')
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow()
      ).id;
      expect((await row(id)).subject_id).toBe(subject.id);
      await post(`/api/requests/${id}/decision`, {
        decision: 'refused',
        ground: 'Art. 17(3)(e) GDPR',
        motivation: 'The data are needed for a pending legal claim.',
      });
      await delivery.deliverDue();
      const answer = await smtp.waitFor(
        (m) => m.envelope.to.includes('smtp.anna@example.nl') && m.subject.startsWith('Answer to your request'),
      );
      expect(answer.text).toContain('Autoriteit Persoonsgegevens');
    } finally {
      delivery.close();
      await smtp.close();
    }
  });
});
