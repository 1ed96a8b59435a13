import { type Letter, type Paragraph, letter } from '../mail/letters.ts';
import type { Policy } from '../policy/policy.ts';
import type { ExecutionOutcome, KeptData } from './executors/executor.ts';
import type { Decision } from './request.schema.ts';
import { complaintNotice, letterDate } from '../mail/letter-words.ts';
import { DECISION_WORDS, KIND_WORDS, type Lang } from './request-words.ts';
import type { RequestKind } from '../shared/request-kind.ts';

/** What every letter about a request says it is about. */
export interface AboutRequest {
  reference: string;
  kind: RequestKind;
  receivedOn: string;
}

const about = (r: AboutRequest, lang: Lang): string =>
  lang === 'nl'
    ? `Dit bericht gaat over uw verzoek ${r.reference} van ${letterDate(r.receivedOn, lang)}: ${KIND_WORDS[r.kind].nl}.`
    : `This message is about your request ${r.reference} of ${letterDate(r.receivedOn, lang)}: ${KIND_WORDS[r.kind].en}.`;

/** The code (and link) that proves the person controls the e-mail address we have on file (EDPB 01/2022). */
export function verificationLetter(
  policy: Policy,
  lang: Lang,
  r: AboutRequest,
  code: string,
  link: string | null,
  minutes: number,
): Letter {
  const nl = lang === 'nl';
  const paragraphs: Paragraph[] = [
    about(r, lang),
    nl
      ? 'Om zeker te weten dat het verzoek van u komt, vragen wij u deze code in te vullen op de pagina van uw verzoek:'
      : 'To be sure the request comes from you, please enter this code on the page of your request:',
    { code },
    ...(link === null ? [] : [{ link, label: nl ? 'Of bevestig met deze link' : 'Or confirm with this link' }]),
    nl
      ? `De code is ${minutes} minuten geldig en werkt één keer. Heeft u dit verzoek niet gedaan? Dan hoeft u niets te doen; wij doen niets met het verzoek.`
      : `The code is valid for ${minutes} minutes and works once. If you did not make this request, you need not do anything; we will not act on it.`,
  ];
  return letter(policy, lang, {
    title: nl ? `Uw verificatiecode voor verzoek ${r.reference}` : `Your verification code for request ${r.reference}`,
    paragraphs,
  });
}

/** To someone who is no customer: we hold nothing linked to the address (Art. 15(1): the confirmation itself). */
export function noDataLetter(policy: Policy, lang: Lang, r: AboutRequest, email: string): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl ? `Wij hebben geen gegevens over u (verzoek ${r.reference})` : `We hold no data about you (request ${r.reference})`,
    paragraphs: [
      about(r, lang),
      nl
        ? `Wij hebben geen persoonsgegevens over u vastgelegd die aan het e-mailadres ${email} zijn gekoppeld. Er is daarom niets in te zien, te corrigeren, te verwijderen of te beperken.`
        : `We hold no personal data about you linked to the e-mail address ${email}. There is therefore nothing to access, rectify, erase or restrict.`,
      nl
        ? 'Heeft u bij ons een ander e-mailadres of een andere naam gebruikt? Dien dan een nieuw verzoek in met dat adres, of neem contact op met onze functionaris voor de gegevensbescherming.'
        : 'Did you use another e-mail address or name with us? Then please file a new request with that address, or contact our data protection officer.',
    ],
  });
}

/** To someone who is no customer and asks a question or complains: it was received and will be answered. */
export function acknowledgementLetter(policy: Policy, lang: Lang, r: AboutRequest, dueOn: string): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl ? `Wij hebben uw bericht ontvangen (${r.reference})` : `We received your message (${r.reference})`,
    paragraphs: [
      about(r, lang),
      nl
        ? `Wij antwoorden u uiterlijk op ${letterDate(dueOn, lang)}.`
        : `We will answer you by ${letterDate(dueOn, lang)} at the latest.`,
    ],
  });
}

/** Art. 12(3): the extension, with its reasons, told within the first month. */
export function extensionLetter(policy: Policy, lang: Lang, r: AboutRequest, newDeadline: string, reason: string): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl ? `Wij hebben meer tijd nodig voor verzoek ${r.reference}` : `We need more time for request ${r.reference}`,
    paragraphs: [
      about(r, lang),
      nl
        ? `Wij hebben meer tijd nodig om uw verzoek zorgvuldig af te handelen. Wij verlengen de termijn daarom tot uiterlijk ${letterDate(newDeadline, lang)} (art. 12 lid 3 AVG).`
        : `We need more time to handle your request with care. We are therefore extending the period to ${letterDate(newDeadline, lang)} at the latest (Art. 12(3) GDPR).`,
      nl ? `De reden: ${reason}` : `The reason: ${reason}`,
    ],
  });
}

export interface AnswerContent {
  decision: Decision;
  ground: string | null;
  motivation: string | null;
  outcome: ExecutionOutcome | null;
  /** What staff wrote: what was done, when no executor did it, or the answer to a question. */
  text: string | null;
}

/**
 * The motivation recorded with a decision that keeps data despite the request (Art. 12(4)): what is kept, on
 * which ground and until when, in the request's language.
 */
export function keptMotivation(kept: KeptData[], lang: Lang): string {
  const nl = lang === 'nl';
  const items = kept.map((k) => {
    const until =
      k.until === null
        ? nl
          ? 'zolang de grond geldt'
          : 'as long as the ground applies'
        : nl
          ? `tot ${letterDate(k.until, lang)}`
          : `until ${letterDate(k.until, lang)}`;
    return `${k.category}: ${until} (${k.ground})`;
  });
  return nl
    ? `Wij hebben niet alles gewist, omdat de wet ons verplicht of toestaat deze gegevens te bewaren: ${items.join('; ')}. Wij bewaren ze afgeschermd, gebruiken ze nergens anders voor en wissen ze zodra de termijn voorbij is.`
    : `We have not erased everything, because the law obliges or allows us to keep these data: ${items.join('; ')}. We keep them locked away, use them for nothing else and erase them as soon as their period ends.`;
}

/** Whether the answer refuses anything, in the decision or in substance (data kept despite the request). */
export const answerRefuses = (a: AnswerContent): boolean => a.decision !== 'granted' || (a.outcome?.kept.length ?? 0) > 0;

/** The answer to a right: decision, what was done and kept, reasons; Art. 12(4)'s notice whenever anything is refused. */
export function answerLetter(policy: Policy, lang: Lang, r: AboutRequest, a: AnswerContent): Letter {
  const nl = lang === 'nl';
  const kept = a.outcome?.kept ?? [];
  const paragraphs: Paragraph[] = [
    about(r, lang),
    ...(a.outcome?.nothingToDo === true ? [] : [DECISION_WORDS[a.decision][lang]]),
    ...(a.outcome === null ? [] : [a.outcome.summary[lang]]),
    ...(a.text === null ? [] : [a.text]),
    ...(kept.length === 0
      ? []
      : [
          nl
            ? 'Deze gegevens bewaren wij nog, omdat de wet dat vereist of toestaat:'
            : 'We keep the following data, because the law requires or allows it:',
          {
            list: kept.map((k) => {
              const until =
                k.until === null
                  ? nl
                    ? 'zolang de grond geldt'
                    : 'as long as the ground applies'
                  : nl
                    ? `tot ${letterDate(k.until, lang)}`
                    : `until ${letterDate(k.until, lang)}`;
              return `${k.category}: ${k.ground}; ${until}`;
            }),
          },
        ]),
    ...(a.ground === null ? [] : [nl ? `Grondslag: ${a.ground}` : `Legal ground: ${a.ground}`]),
    ...(a.motivation === null ? [] : [nl ? `Motivering: ${a.motivation}` : `Reasons: ${a.motivation}`]),
    ...(answerRefuses(a) ? [complaintNotice(policy, lang)] : []),
  ];
  return letter(policy, lang, {
    title: nl ? `Antwoord op uw verzoek ${r.reference}` : `Answer to your request ${r.reference}`,
    paragraphs,
  });
}

/** The answer to a question or complaint; a complaint always names the supervisory authority (Art. 77). */
export function replyLetter(policy: Policy, lang: Lang, r: AboutRequest, text: string): Letter {
  const nl = lang === 'nl';
  const paragraphs: Paragraph[] = [about(r, lang), text, ...(r.kind === 'complaint' ? [complaintNotice(policy, lang)] : [])];
  return letter(policy, lang, {
    title: nl ? `Antwoord op uw bericht ${r.reference}` : `Answer to your message ${r.reference}`,
    paragraphs,
  });
}

/** Art. 11(2), 12(2) and 12(6): we could not establish who made the request, so we cannot act on it. */
export function unverifiableLetter(policy: Policy, lang: Lang, r: AboutRequest, note: string): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl
      ? `Wij konden uw identiteit niet vaststellen (${r.reference})`
      : `We could not establish your identity (${r.reference})`,
    paragraphs: [
      about(r, lang),
      nl
        ? 'Wij kunnen uw verzoek niet uitvoeren, omdat wij niet met zekerheid konden vaststellen dat het van u komt. Zo voorkomen wij dat uw gegevens bij de verkeerde persoon terechtkomen.'
        : 'We cannot act on your request, because we could not establish with certainty that it comes from you. This keeps your data from reaching the wrong person.',
      note,
      nl
        ? 'U kunt een nieuw verzoek indienen en daarbij extra gegevens geven waarmee wij u kunnen herkennen, zoals een factuurnummer of klantkenmerk.'
        : 'You may file a new request and include details by which we can recognise you, such as an invoice number or customer reference.',
      complaintNotice(policy, lang),
    ],
  });
}
