import { objectionApplies } from '../restrictions-objections/objection-check.ts';
import { type Language, type Letter, letter } from '../mail/letters.ts';
import { countryWords } from '../registers/eea.ts';
import type { Policy } from '../policy/policy.ts';
import { joinWords } from '../shared/words.ts';

type Text = { nl: string; en: string };

/** What the person is told before their data goes out (P9). */
export interface NoticeFacts {
  /**
   * The company that gets the data: its legal name (and KvK number) where the register names the company, else the
   * register's name of the recipient, or the authority of a legal demand.
   */
  company: Text;
  /** The company's number in the Dutch trade register, when it has one. */
  kvkNumber?: string | null | undefined;
  /** The recipient category the company belongs to, as the statement names it; only with a named company. */
  category?: Text | undefined;
  /** Where the company is established (ISO code); only with a named company. */
  country?: string | undefined;
  /** The company's (or recipient's) role in the register; undefined for a legal demand. */
  role?: string | undefined;
  purpose: string;
  categories: readonly string[];
  /** A demand of an authority: the law it rests on and its reference. */
  legalDemand?: { legalGround: string; reference: string } | undefined;
  /** The lead time between this message and the data going out, in hours; 0: right after it is sent. */
  leadHours: number;
}

/** The data categories in words, as the statement names them (policy categories). */
export function categoryWords(policy: Policy, categories: readonly string[], lang: Language): string {
  return joinWords(
    categories.map((c) => policy.document.categories[c]?.[lang] ?? c),
    lang,
  );
}

/**
 * The advance notice of P9 ("Wij melden u vooraf welke andere bedrijven uw gegevens krijgen"): names the
 * company, the purpose and the data in words the statement uses, in the person's language (Art. 12(1)).
 */
export function disclosureNotice(policy: Policy, lang: Language, facts: NoticeFacts): Letter {
  const company = facts.company[lang];
  const data = categoryWords(policy, facts.categories, lang);
  const purpose = policy.document.purposes[facts.purpose]?.name[lang] ?? facts.purpose;
  const controller = policy.document.controller.name;
  const hours =
    facts.leadHours > 0
      ? [
          lang === 'nl'
            ? `Wij geven uw gegevens niet eerder door dan ${facts.leadHours} uur na dit bericht.`
            : `We will not pass your data on until ${facts.leadHours} hours after this message.`,
        ]
      : [];
  // A demand of an authority rests on Art. 6(1)(c): the right to object (Art. 21(1)) does not reach it.
  const contact = noticeRemedies(lang, facts.legalDemand === undefined && objectionApplies(policy, facts.purpose));
  if (facts.legalDemand !== undefined) {
    const { legalGround, reference } = facts.legalDemand;
    return letter(policy, lang, {
      title: lang === 'nl' ? `${company} vraagt om uw gegevens` : `${company} demands your data`,
      paragraphs: [
        lang === 'nl'
          ? `${company} heeft ${controller} gevraagd om gegevens van u (kenmerk ${reference}). De wet verplicht ons die te geven: ${legalGround}. Wij laten u dat vooraf weten, zoals onze privacyverklaring belooft.`
          : `${company} has demanded data about you from ${controller} (reference ${reference}). The law obliges us to give them: ${legalGround}. We tell you in advance, as our privacy statement promises.`,
        lang === 'nl' ? `Wij geven: ${data}.` : `We will give: ${data}.`,
        ...hours,
        contact,
      ],
    });
  }
  const role =
    facts.role === 'processor'
      ? [
          lang === 'nl'
            ? `${company} werkt in onze opdracht en mag uw gegevens alleen daarvoor gebruiken; dat is vastgelegd in een verwerkersovereenkomst (art. 28 AVG).`
            : `${company} works on our behalf and may use your data only for that; this is laid down in a data processing agreement (Art. 28 GDPR).`,
        ]
      : facts.role === 'controller'
        ? [
            lang === 'nl'
              ? `${company} is zelf verantwoordelijk voor wat het met uw gegevens doet.`
              : `${company} is itself responsible for what it does with your data.`,
          ]
        : [];
  const kvk =
    facts.kvkNumber === null || facts.kvkNumber === undefined
      ? ''
      : lang === 'nl'
        ? ` (KvK-nummer ${facts.kvkNumber})`
        : ` (Dutch Chamber of Commerce number ${facts.kvkNumber})`;
  const established =
    facts.country === undefined
      ? ''
      : lang === 'nl'
        ? `, gevestigd in ${countryWords(facts.country, lang)},`
        : `, established in ${countryWords(facts.country, lang)},`;
  const category =
    facts.category === undefined
      ? []
      : [
          lang === 'nl'
            ? `Dit bedrijf hoort bij de ontvangers die onze privacyverklaring noemt als ‘${facts.category.nl}’.`
            : `This company is one of the recipients our privacy statement calls ‘${facts.category.en}’.`,
        ];
  return letter(policy, lang, {
    title: lang === 'nl' ? `Wij geven uw gegevens aan ${company}` : `We are giving your data to ${company}`,
    paragraphs: [
      lang === 'nl'
        ? `In onze privacyverklaring beloven wij u vooraf te laten weten welke andere bedrijven uw gegevens krijgen. Daarom dit bericht: ${controller} geeft ${company}${kvk}${established} de volgende gegevens van u: ${data}.`
        : `In our privacy statement we promise to tell you in advance which other companies receive your data. Hence this message: ${controller} is giving ${company}${kvk}${established} the following data about you: ${data}.`,
      ...category,
      lang === 'nl' ? `Het doel: ${purpose}.` : `The purpose: ${purpose}.`,
      ...role,
      ...hours,
      contact,
    ],
  });
}

/**
 * What the person can do about a disclosure. Art. 21(1) gives a right to object only to processing on Art. 6(1)(e)
 * or (f) (and to direct marketing, Art. 21(2)); a notice about processing on a contract or a legal obligation offers
 * questions to the DPO and the complaint to the Autoriteit Persoonsgegevens (Art. 77), never an objection.
 */
function noticeRemedies(lang: Language, mayObject: boolean): string {
  if (mayObject) {
    return lang === 'nl'
      ? 'Hebt u vragen, of wilt u dit niet? Neem dan contact op met onze functionaris voor de gegevensbescherming (hieronder). U hebt het recht hiertegen bezwaar te maken (art. 21 AVG) en een klacht in te dienen bij de Autoriteit Persoonsgegevens.'
      : 'Do you have questions, or do you not want this? Please contact our data protection officer (below). You have the right to object to this (Art. 21 GDPR) and to lodge a complaint with the Autoriteit Persoonsgegevens.';
  }
  return lang === 'nl'
    ? 'Hebt u vragen hierover? Neem dan contact op met onze functionaris voor de gegevensbescherming (hieronder). U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.'
    : 'Do you have questions about this? Please contact our data protection officer (below). You may also lodge a complaint with the Autoriteit Persoonsgegevens.';
}
