import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Issue 15, item 7 (Art. 30(1)(f) GDPR): the record of processing activities gives every period the sweep now
 * carries out, read from the generated CSV and HTML in both languages.
 */
describe.each(DIALECTS)('the Art. 30 record of the new periods, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => t.close());

  const get = async (query: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/registers/processing-activities?${query}`,
      headers: { cookie: dpo },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.body;
  };

  it('names the period of consents, from when quotes that never ended count, and the reduction of contact details (Art. 30(1)(f), 5(1)(e) GDPR)', async () => {
    const nl = await get('format=csv&lang=nl');
    expect(nl).toContain(
      'toestemming: twee jaar na het einde van onze klantrelatie; de klantrelatie eindigt met de laatste overeenkomst, offerte, factuur of vraag van de persoon, of met de intrekking als die later is (bewijs van de toestemming, art. 7 lid 1 AVG)',
    );
    expect(nl).toContain(
      'een afgewezen of geannuleerde offerte of overeenkomst eindigt op de dag van afwijzing of annulering, een offerte of overeenkomst die niet werd verstuurd of niet werd beantwoord en een geaccepteerde offerte zonder einddatum op de dag van de laatste wijziging; een lopende overeenkomst wordt bewaard zolang die loopt',
    );
    expect(nl).toContain(
      'klantgegevens: geen eigen bewaarregel; bewaard zolang de overige gegevens van de persoon; zijn alleen nog facturen over, dan worden e-mailadres, telefoonnummer en adressen gewist en blijven naam en klantkenmerk',
    );
    const en = await get('format=html&lang=en');
    expect(en).toContain(
      'consent: two years after the end of our customer relationship; the customer relationship ends with the person&#39;s last agreement, quote, invoice or question, or with the withdrawal if that is later (proof of consent, Art. 7(1) GDPR)',
    );
    expect(en).toContain(
      'a quote or agreement that was not sent or not answered and an accepted quote without an end date on the day of its last change; a running agreement is kept as long as it runs',
    );
    expect(en).toContain(
      'once only invoices are left, the e-mail address, phone number and addresses are erased and the name and customer reference kept',
    );
  });
});
