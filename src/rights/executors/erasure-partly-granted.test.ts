import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newAgreement, newCase, newInvoice, newSubject } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { cliActor } from '../../guard/actor.ts';
import { daysAgo, mailTo } from '../../../test/support/requests.ts';
import { REQUEST_COLUMNS } from '../request.repository.ts';

type Decided = { status: string; decision: string; decisionGround: string | null; decisionMotivation: string | null };

describe.each(DIALECTS)('an erasure that keeps records is a partial grant (Art. 17(3), 12(4)), on %s', (dialect) => {
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
  const answerTo = async (email: string) => (await mailTo(t, email)).find((m) => m.kind === 'request_answer')?.body_text ?? '';

  /** A customer, with an issued invoice (and the agreement behind it) when `invoiced`. */
  async function customer(invoiced: boolean) {
    const subject = await newSubject(t);
    if (invoiced) {
      const agreement = await newAgreement(t, subject.id);
      const invoice = await newInvoice(t, subject.id, { agreementId: agreement.id });
      await t.services.invoices.issue(cliActor(), invoice.id, { completedOn: '2026-03-31' });
    }
    return { subject, email: subject.email ?? '' };
  }

  /** An erasure request of the subject, verified by staff, granted by the dpo without ground or motivation. */
  async function grantErasure(subjectId: string, email: string, language: 'nl' | 'en') {
    const created = await post(
      '/api/requests',
      { kind: 'erasure', channel: 'email', receivedOn: daysAgo(2), name: 'Anna de Vries', email, language },
      staff,
    );
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(
      (
        await post(
          `/api/requests/${id}/verify`,
          { method: 'phone_call', note: 'Teruggebeld op het nummer in ons dossier', subjectId },
          staff,
        )
      ).statusCode,
    ).toBe(200);
    const decided = await post(`/api/requests/${id}/decision`, { decision: 'granted' });
    expect(decided.statusCode, decided.body).toBe(200);
    return { id, decided: decided.json<{ request: Decided }>().request };
  }

  it('records a grant that keeps issued invoices as partly granted on Art. 17(3)(b) (AWR art. 52), and says so in the letter with the remedies (nl)', async () => {
    const { subject, email } = await customer(true);
    const { id, decided } = await grantErasure(subject.id, email, 'nl');
    expect(decided).toMatchObject({ status: 'answered', decision: 'partly_granted' });
    const stored = await row(id);
    expect(stored.decision).toBe('partly_granted');
    expect(stored.decision_ground).toBe(
      'art. 17 lid 3 sub b AVG (wettelijke bewaarplicht: art. 52 lid 4 AWR; art. 2:10 lid 3 BW)',
    );
    // The motivation lists what is kept and until when, the date written out.
    expect(stored.decision_motivation).toMatch(
      /^Wij hebben niet alles gewist, omdat de wet ons verplicht of toestaat deze gegevens te bewaren: facturen: tot \d{1,2} [a-z]+ \d{4} \(/,
    );
    // The agreement behind the invoice still runs: it is kept as long as the invoice needs it.
    expect(stored.decision_motivation).toContain('overeenkomsten en offertes: ');
    expect(stored.decision_motivation).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const letter = await answerTo(email);
    expect(letter).toContain('Wij hebben uw verzoek gedeeltelijk ingewilligd.');
    expect(letter).not.toContain('Wij hebben uw verzoek ingewilligd.');
    expect(letter).toContain(
      'Grondslag: art. 17 lid 3 sub b AVG (wettelijke bewaarplicht: art. 52 lid 4 AWR; art. 2:10 lid 3 BW)',
    );
    expect(letter).toContain('Deze gegevens bewaren wij nog');
    expect(letter).toContain('klacht indienen bij de Autoriteit Persoonsgegevens');
    expect(letter).toContain(
      'binnen zes weken nadat u deze brief heeft ontvangen de rechtbank vragen ons te bevelen uw verzoek alsnog in te willigen (art. 35 UAVG en art. 79 AVG)',
    );
  });

  it('does the same in English', async () => {
    const { subject, email } = await customer(true);
    const { id, decided } = await grantErasure(subject.id, email, 'en');
    expect(decided).toMatchObject({
      decision: 'partly_granted',
      decisionGround: 'Art. 17(3)(b) GDPR (legal obligation to keep records: art. 52 lid 4 AWR; art. 2:10 lid 3 BW)',
    });
    expect((await row(id)).decision_motivation).toMatch(
      /^We have not erased everything, because the law obliges or allows us to keep these data: invoices: until \d{1,2} [A-Z][a-z]+ \d{4} \(/,
    );
    const letter = await answerTo(email);
    expect(letter).toContain('We have granted your request in part.');
    expect(letter).toContain('Legal ground: Art. 17(3)(b) GDPR');
    expect(letter).toContain('Autoriteit Persoonsgegevens');
    expect(letter).toContain(
      'within six weeks of receiving this letter, ask the district court (rechtbank) to order us to grant your request after all (Art. 35 of the Dutch GDPR Implementation Act and Art. 79 GDPR)',
    );
  });

  it('grounds what a legal hold keeps on Art. 17(3)(e)', async () => {
    const { subject, email } = await customer(false);
    const held = await newCase(t, subject.id);
    const hold = await post(`/api/subjects/${subject.id}/holds`, {
      reason: 'Bewijs in de klacht over de levering',
      recordType: 'case',
      recordId: held.id,
      reviewOn: '2027-06-01',
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const { id, decided } = await grantErasure(subject.id, email, 'nl');
    expect(decided).toMatchObject({
      decision: 'partly_granted',
      decisionGround: 'art. 17 lid 3 sub e AVG (nodig voor een rechtsvordering)',
    });
    expect((await row(id)).decision_motivation).toContain(
      'vragen, klachten en verzoeken met hun berichten: zolang de grond geldt',
    );
    expect(await answerTo(email)).toContain('Wij hebben uw verzoek gedeeltelijk ingewilligd.');
  });

  it('keeps a full grant when nothing is kept', async () => {
    const { subject, email } = await customer(false);
    const { id, decided } = await grantErasure(subject.id, email, 'nl');
    expect(decided).toMatchObject({ decision: 'granted', decisionGround: null, decisionMotivation: null });
    expect((await row(id)).decision).toBe('granted');
    const letter = await answerTo(email);
    expect(letter).toContain('Wij hebben uw verzoek ingewilligd.');
    expect(letter).not.toContain('Autoriteit Persoonsgegevens');
  });
});
