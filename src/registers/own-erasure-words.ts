import type { Policy } from '../policy/policy.ts';
import {
  MAIL_TEXT_DAYS,
  REQUEST_RETENTION_YEARS,
  type LogRetention,
  correspondenceUntil,
  logRetention,
} from '../retention/rules/own-periods.ts';
import { describePeriod } from '../retention/rules/period.ts';

type Text = { nl: string; en: string };

/** The periods of Kluis's own records under a policy, as the Art. 30 record says them. */
export interface OwnPeriods {
  log: LogRetention;
  /** Whether questions and complaints follow the policy's rule for a case (else they are kept as long as a right). */
  questionsByPolicy: boolean;
}

export const ownPeriods = (policy: Policy): OwnPeriods => ({
  log: logRetention(policy.document),
  questionsByPolicy: correspondenceUntil(policy, '2000-01-01', '2000-01-01') !== null,
});

const words = (years: number, days = 0): Text => ({
  nl: describePeriod({ years, months: 0, days }, 'nl'),
  en: describePeriod({ years, months: 0, days }, 'en'),
});

/** Art. 30(1)(f) for requests: what requestKeptUntil and the request-retention job do. */
export function requestErasure(p: OwnPeriods): Text {
  const y = words(REQUEST_RETENTION_YEARS);
  const questions = p.questionsByPolicy
    ? {
        nl: 'een vraag of klacht na de bewaartermijn van correspondentie, gerekend vanaf het antwoord',
        en: 'a question or complaint after the retention period of correspondence, counted from the answer',
      }
    : { nl: `een vraag of klacht ook ${y.nl} na het antwoord`, en: `a question or complaint also ${y.en} after the answer` };
  return {
    nl: `verzoek: gewist ${y.nl} na het antwoord (verjaring van een schadevordering, art. 3:310 BW; van een boete, art. 5:45 Awb), met de verificatie, het dossier, de inzagepakketten en de e-mails erover; ${questions.nl}; nooit een verzoek dat nog loopt, en niet zolang een bewaarplicht voor een rechtsvordering geldt (art. 17 lid 3 sub e AVG)`,
    en: `request: erased ${y.en} after the answer (limitation of a claim for damages, art. 3:310 BW; of a fine, art. 5:45 Awb), with its verification, file, access packages and the e-mails about it; ${questions.en}; never a request still open, nor while a legal hold applies (Art. 17(3)(e) GDPR)`,
  };
}

/** Art. 30(1)(f) for the outbox: the text goes after MAIL_TEXT_DAYS; `rest` says what happens to the details. */
export function mailErasure(rest: Text): Text {
  const d = words(0, MAIL_TEXT_DAYS);
  return {
    nl: `e-mail: de tekst gewist ${d.nl} na bezorging of na de laatste poging; adres, onderwerp, tijdstippen en status bewaard om te kunnen aantonen dat de persoon is geïnformeerd, ${rest.nl}`,
    en: `e-mail: its text erased ${d.en} after delivery or the last attempt; address, subject, times and status kept to show the person was informed, ${rest.en}`,
  };
}

/** Art. 30(1)(f) for the processing log: what the log-retention job does. */
export function logErasure(p: OwnPeriods): Text {
  const y = words(p.log.years);
  const why =
    p.log.basis === 'records'
      ? {
          nl: 'een jaar langer dan de langste bewaartermijn van het beleid, zodat het logboek de gegevens overleeft waarvoor het verantwoording aflegt',
          en: "a year longer than the policy's longest retention period, so the log outlives the records it accounts for",
        }
      : {
          nl: 'de termijn waarin vorderingen en boetes verjaren: art. 3:310 BW; art. 5:45 Awb',
          en: 'the period in which claims and fines lapse: art. 3:310 BW; art. 5:45 Awb',
        };
  return {
    nl: `logboek: regels verwijderd ${y.nl} na afloop van het jaar waarin ze zijn geschreven (${why.nl}), vanaf het begin van de keten; het vastgelegde controlepunt (volgnummer en hash van de laatste verwijderde regel) houdt de rest controleerbaar; regels over een persoon met een bewaarplicht voor een rechtsvordering blijven, met alles daarna`,
    en: `log: entries removed ${y.en} after the end of the year they were written in (${why.en}), from the start of the chain; the recorded checkpoint (sequence number and hash of the last entry removed) keeps the rest verifiable; entries about a person under a legal hold stay, with everything after them`,
  };
}
