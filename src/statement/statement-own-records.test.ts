import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../test/harness.ts';
import { parsePolicy } from '../policy/policy.ts';
import { render, sectionOf } from '../../test/support/statements.ts';

// Art. 13(2)(a): every period Kluis keeps its own records for is in the statement, as the jobs carry it out
// (src/retention/own-periods.ts), in both languages.
describe('the statement says how long requests, mail and the log are kept (Art. 13(2)(a), 5(1)(e) GDPR)', () => {
  const nl = sectionOf(render('nl').markdown, 'Welke persoonsgegevens gebruiken wij van u en waarom?');
  const en = sectionOf(render('en').markdown, 'Which personal data do we use, and why?');

  it('requests of data subjects: five years after the answer, questions and complaints as correspondence', () => {
    expect(nl).toContain('### Uw verzoeken, onze e-mails en ons logboek');
    expect(nl).toContain(
      'Een verzoek waarmee u een van uw rechten uitoefent, bewaren wij met de controle van uw identiteit, ons besluit en ons antwoord tot vijf jaar na ons antwoord.',
    );
    expect(nl).toContain('(art. 3:310 BW; art. 5:45 Awb)');
    expect(nl).toContain(
      'Een verzoek dat nog loopt, wissen wij niet. Een vraag of klacht bewaren wij even lang als andere correspondentie, gerekend vanaf ons antwoord.',
    );
    expect(en).toContain('### Your requests, our e-mails and our log');
    expect(en).toContain('until five years after our answer');
    expect(en).toContain('We keep a question or complaint as long as other correspondence, counted from our answer.');
  });

  it('mail: the text thirty days after delivery; who, what about, when and whether it arrived stay', () => {
    expect(nl).toContain(
      'Van een e-mail die wij u sturen, wissen wij de tekst dertig dagen nadat hij is bezorgd, of na de laatste poging als hij niet aankwam.',
    );
    expect(en).toContain('we erase the text thirty days after it was delivered, or after the last attempt if it did not arrive');
  });

  it('the processing log: eight years after the end of the year, a year past the longest period; legal holds', () => {
    expect(nl).toContain(
      'Wij bewaren elke regel acht jaar na afloop van het jaar waarin de verwerking plaatsvond: een jaar langer dan wij gegevens hierboven het langst bewaren',
    );
    expect(nl).toContain('(art. 17 lid 3 sub e AVG)');
    expect(en).toContain(
      'We keep each entry eight years after the end of the year in which the processing took place: a year longer than the longest period above',
    );
  });

  it('follows the policy: five years for the log when its periods are short, questions kept like rights without a rule for cases', () => {
    const text = fs
      .readFileSync(POLICY_PATH, 'utf8')
      .replaceAll('period: P7Y', 'period: P2Y')
      .replace(
        'records: [case, message]\n    period: P2Y\n    from: closed_at',
        'records: [agreement]\n    period: P2Y\n    from: end_date',
      );
    expect(text).not.toContain('records: [case, message]');
    const short = sectionOf(
      render('nl', parsePolicy(text, 'short.yaml')).markdown,
      'Welke persoonsgegevens gebruiken wij van u en waarom?',
    );
    expect(short).toContain(
      'Wij bewaren elke regel vijf jaar na afloop van het jaar waarin de verwerking plaatsvond: zolang u of de Autoriteit Persoonsgegevens ons op een verwerking kan aanspreken',
    );
    expect(short).toContain('Een vraag of klacht bewaren wij ook tot vijf jaar na ons antwoord.');
  });
});
