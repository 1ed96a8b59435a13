import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject, oldConsent } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import type { Consent } from './consent.schema.ts';

type Refusal = {
  error: { code: string; message: string; details: { purpose: string; legalBasis: string; reason: { nl: string; en: string } } };
};

// Issue 15, item 11: consents only for purposes whose basis is consent (Art. 6(1)(a), 7(1) GDPR). No purpose of Sen
// ICT rests on consent, so under its policy the API records none, with a reason a person can read; consents recorded
// before stay as history, marked so, and cannot be "withdrawn": that would stop nothing (Art. 7(3), 13(1)(c)).
describe.each(DIALECTS)("consents under Sen ICT's policy, where no purpose rests on consent, on %s", (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const consents = async (subjectId: string) =>
    t.database.db.selectFrom('consents').select(['id', 'purpose', 'withdrawn_at']).where('subject_id', '=', subjectId).execute();

  it.each([
    [
      'correspondence',
      'dpv:LegitimateInterest',
      'Voor "Correspondentie" vragen wij geen toestemming: wij verwerken die gegevens op grond van gerechtvaardigd belang (art. 6 lid 1 sub f AVG).',
      true,
    ],
    [
      'contract',
      'dpv:Contract',
      'Voor "Uitvoering van overeenkomst voor diensten en producten" vragen wij geen toestemming: wij verwerken die gegevens op grond van uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG).',
      false,
    ],
    [
      'invoicing',
      'dpv:LegalObligation',
      'Voor "Facturen" vragen wij geen toestemming: wij verwerken die gegevens op grond van wettelijke verplichting (art. 6 lid 1 sub c AVG).',
      false,
    ],
  ] as const)(
    'refuses to record a consent for %s, which rests on %s, saying why in Dutch and English, and writes nothing',
    async (purpose, legalBasis, why, objectable) => {
      const subject = await newSubject(t);
      const before = await logCount(t);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/subjects/${subject.id}/consents`,
        headers: { cookie: staff },
        payload: { purpose, givenAt: '2026-09-01T10:00:00+02:00', method: 'email', evidence: 'Mail van de klant' },
      });
      expect(response.statusCode).toBe(409);
      const { error } = response.json<Refusal>();
      expect(error).toMatchObject({ code: 'not_based_on_consent', details: { purpose, legalBasis } });
      expect(error.message).toContain(`rests on ${legalBasis}, not on consent`);
      expect(error.details.reason.nl).toContain(why);
      expect(error.details.reason.nl).toContain('Geen enkele verwerking van Sen ICT berust op toestemming.');
      expect(error.details.reason.nl).toContain('zou ten onrechte suggereren dat de verwerking stopt');
      expect(error.details.reason.en).toContain("None of Sen ICT's processing rests on consent.");
      // Art. 21(1): only a purpose on a legitimate interest can be objected to.
      expect(error.details.reason.nl.includes('registreer dan een bezwaar (art. 21 AVG)')).toBe(objectable);
      expect(await consents(subject.id)).toEqual([]);
      expect(await logCount(t)).toBe(before);
    },
  );

  it('shows a consent recorded before as history, and refuses to withdraw it, since that would stop nothing', async () => {
    const subject = await newSubject(t);
    const id = await oldConsent(t, subject.id, 'correspondence');
    const list = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}/consents`, headers: { cookie: staff } });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ consents: Consent[] }>().consents).toMatchObject([
      { id, purpose: 'correspondence', withdrawnAt: null, restsOnConsent: false },
    ]);
    const page = await t.app.inject({ method: 'GET', url: `/api/subjects/${subject.id}/records`, headers: { cookie: staff } });
    expect(page.json<{ consents: Consent[] }>().consents).toMatchObject([{ id, restsOnConsent: false }]);

    const before = await logCount(t);
    const withdraw = await t.app.inject({ method: 'POST', url: `/api/consents/${id}/withdraw`, headers: { cookie: staff } });
    expect(withdraw.statusCode).toBe(409);
    const { error } = withdraw.json<Refusal>();
    expect(error.code).toBe('not_based_on_consent');
    expect(error.details.reason.nl).toContain('Deze toestemming is alleen nog geschiedenis: intrekken stopt geen verwerking.');
    expect(error.details.reason.en).toContain('If the customer wants us to stop, register an objection (Art. 21 GDPR).');
    expect(await consents(subject.id)).toEqual([{ id, purpose: 'correspondence', withdrawn_at: null }]);
    expect(await logCount(t)).toBe(before);
  });
});
