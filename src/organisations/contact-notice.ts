import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { letter } from '../mail/letters.ts';
import { enqueueMail } from '../mail/outbox.repository.ts';
import type { Policy } from '../policy/policy.ts';

/**
 * Art. 14: a person whose data we did not get from them is told, within a month and at the latest with the first
 * message (Art. 14(3)(a)-(b)), who we are, what we hold, why, and where it came from (14(2)(f)). A new contact
 * person with an e-mail address gets this letter in the transaction that records them; one without an address
 * learns it from the statement and at the first contact (Art. 14(5)(b) does not apply: telling them is easy).
 */
export async function sendContactNotice(
  trx: Transaction<DB>,
  policy: Policy,
  person: { id: string; email: string | null; language: string; firstName: string; lastName: string },
  organisation: { id: string; name: string },
  role: string,
  at: string,
): Promise<string | null> {
  if (person.email === null) return null;
  const lang = person.language === 'en' ? 'en' : 'nl';
  const { controller } = policy.document;
  const nl = [
    `${organisation.name} heeft ons uw naam, uw functie (${role}) en uw zakelijke contactgegevens gegeven, omdat u contactpersoon bent voor de zaken die ${organisation.name} met ${controller.name} doet.`,
    'Wij gebruiken deze gegevens alleen om die zaken met u af te handelen: offertes, overeenkomsten, facturen en correspondentie. Wij bewaren ze zolang u contactpersoon bent en wij die zaken met uw werkgever doen, en daarna zo lang als onze privacyverklaring zegt.',
    `U mag deze gegevens inzien, laten verbeteren of laten verwijderen, en u kunt bezwaar maken. Hoe, en wat wij verder met persoonsgegevens doen, leest u in onze privacyverklaring. Vragen? Mail ons op ${controller.dpo.email}.`,
  ];
  const en = [
    `${organisation.name} gave us your name, your role (${role}) and your business contact details, because you are the contact person for the business ${organisation.name} does with ${controller.name}.`,
    'We use these details only to handle that business with you: quotes, agreements, invoices and correspondence. We keep them while you are the contact person and we do business with your employer, and after that as long as our privacy statement says.',
    `You may see these details, have them corrected or erased, and you can object. How, and what else we do with personal data, is in our privacy statement. Questions? E-mail us at ${controller.dpo.email}.`,
  ];
  const title =
    lang === 'nl'
      ? `Uw gegevens als contactpersoon van ${organisation.name}`
      : `Your details as contact person of ${organisation.name}`;
  const mail = letter(policy, lang, { title, paragraphs: lang === 'nl' ? nl : en });
  return enqueueMail(trx, {
    createdAt: at,
    ...mail,
    kind: 'contact_notice',
    to: person.email,
    language: lang,
    related: { type: 'organisation', id: organisation.id },
    subjectId: person.id,
  });
}
