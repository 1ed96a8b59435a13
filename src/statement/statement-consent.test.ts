import { describe, expect, it } from 'vitest';
import { WEBSHOP_POLICY } from '../../test/policies.ts';
import { type Policy, loadPolicy } from '../policy/policy.ts';
import { buildProcessingActivities } from '../registers/processing-activities.ts';
import { DEFAULT_POLICY, plain, render, sectionOf } from '../../test/support/statements.ts';

const rights = (lang: 'nl' | 'en', policy?: Policy) =>
  sectionOf(plain(render(lang, policy).markdown), lang === 'nl' ? 'Uw rechten' : 'Your rights');

// Issue 15, item 11: the statement says which processing rests on consent (Art. 13(1)(c), 13(2)(c) GDPR), keeping
// the right to withdraw consent "indien u die heeft verleend" (Art. 7(3)) as the source statement promises it.
describe('the statement and the Art. 30 record on consent', () => {
  it("says that none of Sen ICT's processing rests on consent, and keeps the right to withdraw it", () => {
    const nl = rights('nl');
    expect(nl).toContain('- het intrekken van toestemming indien u die heeft verleend (art. 7 lid 3 AVG).');
    expect(nl).toContain(
      'Op dit moment berust geen van onze verwerkingen op uw toestemming: wij vragen daar niet om, en het intrekken van een eerder gegeven toestemming zet geen van de verwerkingen hierboven stop.',
    );
    const en = rights('en');
    expect(en).toContain('to withdraw your consent if you gave it (Art. 7(3) GDPR).');
    expect(en).toContain('At present none of our processing rests on your consent');
    expect(plain(render('nl').markdown)).not.toContain('toestemming (art. 6 lid 1 sub a AVG)');
  });

  it('names the processing that does rest on consent, and that the rest goes on when it is withdrawn', () => {
    const shop = loadPolicy(WEBSHOP_POLICY);
    expect(rights('nl', shop)).toContain(
      'Op uw toestemming berust alleen: Nieuwsbrief. Trekt u die in, dan stoppen wij daarmee; onze andere verwerkingen berusten op een andere grondslag en gaan door.',
    );
    expect(rights('en', shop)).toContain(
      'Only this rests on your consent: Newsletter. If you withdraw it, we stop; our other processing rests on another basis and goes on.',
    );
  });

  it("keeps the consents recorded before in the Art. 30 record, as history under the customer's purposes (Art. 30(1)(f))", () => {
    const activities = buildProcessingActivities(DEFAULT_POLICY, [], new Date()).activities;
    for (const purpose of ['contract', 'invoicing', 'correspondence']) {
      expect(activities.find((a) => a.purpose === purpose)?.erasure.map((e) => e.recordType)).toContain('consent');
    }
    const shop = buildProcessingActivities(loadPolicy(WEBSHOP_POLICY), [], new Date()).activities;
    expect(shop.filter((a) => a.erasure.some((e) => e.recordType === 'consent')).map((a) => a.purpose)).toEqual(['newsletter']);
  });
});
