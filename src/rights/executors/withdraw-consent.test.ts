import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newSubject, oldConsent } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { execute, lastEntries, newRequest } from '../../../test/support/executions.ts';

// Issue 15, item 11: a withdrawal of consent (Art. 7(3) GDPR) under Sen ICT's policy, where no purpose rests on
// consent. The answer is truthful: there is no consent to withdraw, it names the basis that does apply (Art.
// 13(1)(c)) and never suggests the processing stops; where the basis allows, it points to objection (Art. 21).
describe.each(DIALECTS)('withdrawal of consent where no purpose rests on consent, on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const row = (id: string) =>
    t.database.db.selectFrom('consents').select(['withdrawn_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('answers for a purpose on a legitimate interest: no consent to withdraw, the use goes on, objection is possible; the old consent stays history', async () => {
    const subject = await newSubject(t);
    const history = await oldConsent(t, subject.id, 'correspondence');
    const outcome = await execute(t, await newRequest(t, 'withdraw_consent', subject.id, { purpose: 'correspondence' }));
    expect(outcome.summary.nl).toBe(
      'Voor "Correspondentie" vragen wij geen toestemming: wij gebruiken uw gegevens daarvoor op grond van gerechtvaardigd belang (art. 6 lid 1 sub f AVG). ' +
        'Er is dus geen toestemming die u kunt intrekken, en dat gebruik gaat door. ' +
        'Wilt u dat wij uw gegevens niet meer gebruiken voor "Correspondentie", dan kunt u daartegen bezwaar maken (art. 21 AVG): dan stoppen wij, tenzij wij dwingende gerechtvaardigde gronden hebben die zwaarder wegen dan uw belangen, of de gegevens nodig hebben voor een rechtsvordering. ' +
        'Een toestemming die wij eerder van u vastlegden, was daarvoor nooit de grondslag; wij bewaren die alleen als geschiedenis.',
    );
    expect(outcome.summary.en).toContain('So there is no consent for you to withdraw, and that use goes on.');
    expect(outcome).toMatchObject({ kept: [], nothingToDo: true });
    expect((await row(history)).withdrawn_at).toBeNull();
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'consent', outcome: 'allowed' });
    expect(JSON.parse(entry?.records ?? '[]')).toEqual([`consent:${history}`]);
  });

  it('answers for a purpose under a legal obligation without offering an objection Art. 21 does not give', async () => {
    const subject = await newSubject(t);
    const outcome = await execute(t, await newRequest(t, 'withdraw_consent', subject.id, { purpose: 'invoicing' }));
    expect(outcome.summary.nl).toBe(
      'Voor "Facturen" vragen wij geen toestemming: wij gebruiken uw gegevens daarvoor op grond van wettelijke verplichting (art. 6 lid 1 sub c AVG). Er is dus geen toestemming die u kunt intrekken, en dat gebruik gaat door.',
    );
    expect(outcome.summary.en).not.toMatch(/object|stop/);
  });

  it('answers a withdrawal of every consent with every basis that applies', async () => {
    const subject = await newSubject(t);
    const outcome = await execute(t, await newRequest(t, 'withdraw_consent', subject.id));
    expect(outcome.summary.nl).toContain(
      'Geen enkele verwerking van ons berust op uw toestemming, dus er is geen toestemming die u kunt intrekken.',
    );
    expect(outcome.summary.nl).toContain(
      'Wij gebruiken uw gegevens voor "Uitvoering van overeenkomst voor diensten en producten" op grond van uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG), "Facturen" op grond van wettelijke verplichting (art. 6 lid 1 sub c AVG) en "Correspondentie" op grond van gerechtvaardigd belang (art. 6 lid 1 sub f AVG), en dat gaat door.',
    );
    expect(outcome.summary.en).toContain(
      'If you want us to stop using your data for "Correspondence", you can object to it (Art. 21 GDPR)',
    );
  });
});
