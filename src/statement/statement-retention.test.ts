import { describe, expect, it } from 'vitest';
import { plain, policyWith, render, subsectionOf } from '../../test/support/statements.ts';

/**
 * Issue 15, item 7 (Art. 13(2)(a) GDPR): every period the sweep now carries out is in the statement, in both
 * languages: quotes and agreements that never ended, consents (Art. 7(1)), and what is kept of a person once
 * only invoices are left (P3). Read from the generated text.
 */
describe('the statement says how long quotes, consents and contact details are kept (Art. 13(2)(a) GDPR)', () => {
  const nl = plain(render('nl').markdown);
  const en = plain(render('en').markdown);
  const contract = { nl: subsectionOf(nl, 'Uitvoering van overeenkomst'), en: subsectionOf(en, 'Performance of agreements') };

  it('says from which day a quote or agreement that never ended is kept two years (Art. 5(1)(e) GDPR)', () => {
    expect(contract.nl).toContain(
      'Als einde van een afgewezen of geannuleerde offerte of overeenkomst geldt de dag waarop die werd afgewezen of geannuleerd. Een offerte of overeenkomst die wij nooit verstuurden of waarop nooit antwoord kwam, en een geaccepteerde offerte zonder einddatum, eindigen op de dag waarop wij ze voor het laatst wijzigden. Een lopende overeenkomst bewaren wij zolang die loopt.',
    );
    expect(contract.en).toContain(
      'A quote or agreement that was rejected or cancelled ends on the day it was rejected or cancelled. A quote or agreement we never sent or that was never answered, and an accepted quote without an end date, end on the day we last changed them. We keep a running agreement as long as it runs.',
    );
  });

  it('gives consents their period: two years after the customer relationship or the withdrawal, as proof (Art. 7(1) GDPR)', () => {
    expect(contract.nl).toContain(
      '- Toestemming: twee jaar na het einde van onze klantrelatie, tenzij wij wettelijk verplicht zijn deze gegevens langer te bewaren. Onze klantrelatie eindigt met uw laatste overeenkomst, offerte, factuur of vraag; trekt u uw toestemming later in, dan telt dat moment. Zo kunnen wij laten zien dat u toestemming gaf (art. 7 lid 1 AVG).',
    );
    expect(contract.en).toContain(
      '- Consent: two years after the end of our customer relationship, unless the law requires us to keep them longer. Our customer relationship ends with your last agreement, quote, invoice or question; if you withdraw your consent later, that moment counts. This way we can show that you gave your consent (Art. 7(1) GDPR).',
    );
    // No longer "kept as long as other data": the consent has a period of its own.
    expect(nl).toContain('Uw klantgegevens bewaren wij zolang wij nog andere gegevens van u bewaren.');
    expect(nl).not.toMatch(/klantgegevens en toestemming bewaren/);
    expect(en).not.toMatch(/customer details and consent/);
  });

  it('says that once only invoices are left, only name and customer reference are kept (P3; Art. 5(1)(c) GDPR)', () => {
    expect(nl).toContain(
      'Zijn de termijnen hierboven voorbij en bewaren wij van u alleen nog facturen (met de overeenkomsten die erbij horen) omdat de wet dat vraagt, dan houden wij van uw klantgegevens alleen uw naam en klantkenmerk. Uw e-mailadres, telefoonnummer en adressen verwijderen wij dan; op de factuur zelf blijven de naam en het factuuradres staan. Bij een bestelling zonder aparte overeenkomst geldt de afronding van de bestelling als einde van de overeenkomst.',
    );
    expect(en).toContain(
      'Once the periods above have passed and all we keep of you are invoices (with the agreements they belong to), because the law requires it, we keep of your customer details only your name and customer reference. We then delete your e-mail address, phone number and addresses; the name and billing address on the invoice itself remain. For an order without a separate agreement, the completion of the order counts as the end of the agreement.',
    );
  });

  it('follows the policy: a longer proof period for consents is what the statement says', () => {
    const longer = policyWith('    period: P2Y\n    from: end_of_relationship', '    period: P5Y\n    from: end_of_relationship');
    expect(plain(render('nl', longer).markdown)).toContain('- Toestemming: vijf jaar na het einde van onze klantrelatie');
    expect(plain(render('en', longer).markdown)).toContain('- Consent: five years after the end of our customer relationship');
  });
});
