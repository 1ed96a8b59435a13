import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { POLICY_PATH } from '../../test/harness.ts';
import { parsePolicy } from '../policy/policy.ts';
import { DEFAULT_POLICY, recipientsOf } from '../../test/support/statements.ts';
import { buildProcessingActivities } from './processing-activities.ts';

const erasureOf = (policy = DEFAULT_POLICY) => {
  const register = buildProcessingActivities(policy, recipientsOf(policy), new Date());
  return (purpose: string, recordType: string) =>
    register.activities.find((a) => a.purpose === purpose)?.erasure.find((e) => e.recordType === recordType)?.text;
};

describe('the Art. 30 record says how long Kluis keeps its own records (Art. 30(1)(f), 5(1)(e) GDPR)', () => {
  const erasure = erasureOf();

  it('requests: five years after the answer with what hangs on them, questions as correspondence, never an open one', () => {
    expect(erasure('data-subject-requests', 'rights_request')?.nl).toBe(
      'verzoek: gewist vijf jaar na het antwoord (verjaring van een schadevordering, art. 3:310 BW; van een boete, art. 5:45 Awb), met de verificatie, het dossier, de inzagepakketten en de e-mails erover; een vraag of klacht na de bewaartermijn van correspondentie, gerekend vanaf het antwoord; nooit een verzoek dat nog loopt, en niet zolang een bewaarplicht voor een rechtsvordering geldt (art. 17 lid 3 sub e AVG)',
    );
    expect(erasure('data-subject-requests', 'rights_request')?.en).toContain('request: erased five years after the answer');
    expect(erasure('data-subject-requests', 'access_package')?.en).toBe(
      'access or portability package: erased once its download link has expired; one never released, with the request',
    );
  });

  it('mail: the text thirty days after delivery or the last attempt; the details with the request or the breach', () => {
    expect(erasure('data-subject-requests', 'outbox')?.nl).toBe(
      'e-mail: de tekst gewist dertig dagen na bezorging of na de laatste poging; adres, onderwerp, tijdstippen en status bewaard om te kunnen aantonen dat de persoon is geïnformeerd, die van een verzoek gewist met het verzoek; die van andere berichten nog zonder bewaarregel',
    );
    expect(erasure('breach-register', 'outbox')?.en).toBe(
      'e-mail: its text erased thirty days after delivery or the last attempt; address, subject, times and status kept to show the person was informed, as long as the breach is in the register',
    );
  });

  it('the processing log: eight years after the end of its year, a year past the longest period, from a checkpoint; five at least', () => {
    expect(erasure('processing-log', 'processing_log')?.en).toBe(
      "log: entries removed eight years after the end of the year they were written in (a year longer than the policy's longest retention period, so the log outlives the records it accounts for), from the start of the chain; the recorded checkpoint (sequence number and hash of the last entry removed) keeps the rest verifiable; entries about a person under a legal hold stay, with everything after them",
    );
    // A policy whose longest period is two years (the linter would refuse it for invoices): the five years of claims decide.
    const short = erasureOf(
      parsePolicy(fs.readFileSync(POLICY_PATH, 'utf8').replaceAll('period: P7Y', 'period: P2Y'), 'short.yaml'),
    );
    expect(short('processing-log', 'processing_log')?.nl).toContain(
      'logboek: regels verwijderd vijf jaar na afloop van het jaar waarin ze zijn geschreven (de termijn waarin vorderingen en boetes verjaren: art. 3:310 BW; art. 5:45 Awb)',
    );
  });
});
