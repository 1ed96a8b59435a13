import { type Language, type Letter, letter } from '../mail/letters.ts';
import type { Policy } from '../policy/policy.ts';
import { businessDate } from '../shared/business-day.ts';
import { longDate } from '../statement/dates.ts';
import type { LetterText } from './breach.schema.ts';

const WORDS = {
  nl: {
    title: (controller: string) => `Datalek bij ${controller}: uw persoonsgegevens`,
    opening: (controller: string, date: string) =>
      `Wij moeten u helaas laten weten dat er bij ${controller} een datalek is geweest waarbij uw persoonsgegevens betrokken zijn. ` +
      `Wij ontdekten het op ${date}. De wet (artikel 34 AVG) verplicht ons u dit te laten weten, omdat het datalek voor u een hoog risico kan meebrengen.`,
    whatHappened: 'Wat er is gebeurd:',
    data: 'Om welke gegevens het gaat:',
    consequences: 'Wat de gevolgen voor u kunnen zijn:',
    measures: 'Wat wij hebben gedaan:',
    advice: 'Wat u zelf kunt doen:',
    contact: (dpo: string, authority: string, website: string) =>
      `Hebt u vragen, neem dan contact op met onze functionaris voor de gegevensbescherming: ${dpo}. ` +
      `U hebt ook het recht een klacht in te dienen bij de ${authority} (${website}).`,
  },
  en: {
    title: (controller: string) => `Data breach at ${controller}: your personal data`,
    opening: (controller: string, date: string) =>
      `We are sorry to tell you that ${controller} has had a data breach involving your personal data. ` +
      `We discovered it on ${date}. The law (Article 34 GDPR) requires us to tell you, because the breach may put you at high risk.`,
    whatHappened: 'What happened:',
    data: 'Which data is involved:',
    consequences: 'What this may mean for you:',
    measures: 'What we have done:',
    advice: 'What you can do yourself:',
    contact: (dpo: string, authority: string, website: string) =>
      `If you have questions, please contact our data protection officer: ${dpo}. ` +
      `You also have the right to lodge a complaint with the ${authority}, the Dutch supervisory authority (${website}).`,
  },
} as const;

/**
 * The Art. 34 letter to a person affected by a breach with a high risk, in their language: in clear and plain
 * language the nature of the breach, the contact of the DPO, the likely consequences and the measures taken
 * (Art. 34(2), referring to Art. 33(3)(b)-(d)), and the data it concerns. Sender and DPO close it (letters.ts).
 */
export function breachLetter(
  policy: Policy,
  lang: Language,
  becameAwareAt: string,
  dataCategories: string[],
  words: LetterText,
): Letter {
  const w = WORDS[lang];
  const { controller } = policy.document;
  const categories = dataCategories.map((id) => policy.document.categories[id]?.[lang] ?? id);
  return letter(policy, lang, {
    title: w.title(controller.name),
    paragraphs: [
      w.opening(controller.name, longDate(businessDate(becameAwareAt), lang)),
      `${w.whatHappened}\n${words.whatHappened}`,
      w.data,
      { list: categories },
      `${w.consequences}\n${words.consequences}`,
      `${w.measures}\n${words.measures}`,
      ...(words.advice === undefined ? [] : [`${w.advice}\n${words.advice}`]),
      w.contact(controller.dpo.email, controller.supervisoryAuthority.name, controller.supervisoryAuthority.website),
    ],
  });
}
