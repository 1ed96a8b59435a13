import { wordsOfCheck } from '../doctor/check-words.ts';
import { type Language as Lang, type Letter, type Paragraph, letter } from '../mail/letters.ts';
import type { Policy } from '../policy/policy.ts';
import { longDate } from '../statement/dates.ts';
import type { ReminderKind } from './reminder-kinds.ts';

/** Something that needs doing, as a reminder tells it. No personal data: references, dates and links only. */
export type Occasion =
  | { kind: 'request_received'; key: string; requestId: string; reference: string; requestKind: string; deadline: string }
  | { kind: 'deadline_near'; key: string; requestId: string; reference: string; requestKind: string; deadline: string }
  | { kind: 'package_waiting'; key: string; requestId: string; reference: string; since: string }
  | { kind: 'hold_review'; key: string; subjectId: string; reviewOn: string }
  | { kind: 'breach_clock'; key: string; breachId: string; description: string; deadline: string }
  | { kind: 'self_check_error'; key: string; checks: string[] };

/** What a request is, as staff say it. */
const REQUEST_WORDS: Record<string, { nl: string; en: string }> = {
  access: { nl: 'inzageverzoek', en: 'access request' },
  rectification: { nl: 'verzoek om correctie', en: 'rectification request' },
  erasure: { nl: 'verzoek om verwijdering', en: 'erasure request' },
  restriction: { nl: 'verzoek om beperking', en: 'restriction request' },
  portability: { nl: 'verzoek om overdracht', en: 'portability request' },
  objection: { nl: 'bezwaar', en: 'objection' },
  withdraw_consent: { nl: 'intrekking van toestemming', en: 'withdrawal of consent' },
  question: { nl: 'vraag', en: 'question' },
  complaint: { nl: 'klacht', en: 'complaint' },
};
const requestWords = (kind: string, lang: Lang) => REQUEST_WORDS[kind]?.[lang] ?? kind;

/**
 * A failed check as the privacy officer reads it: the measure, what is wrong and what to do, in the account's
 * language (src/doctor/check-words.ts). Never the check's own message, which names settings and commands, and is
 * English where the check had no Dutch (issue 19).
 */
function checkInWords(checkId: string, lang: Lang): string {
  const words = wordsOfCheck(checkId);
  return `${words.measure[lang]}: ${words.problem[lang]} ${words.action[lang]}`;
}

/** A moment written out where the business is: "6 december 2026 om 14:00". */
export function longMoment(moment: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(moment));
}

/** The back-office page where the reminded person acts. */
function pageOf(o: Occasion): string {
  switch (o.kind) {
    case 'request_received':
    case 'deadline_near':
    case 'package_waiting':
      return `/app/requests/${o.requestId}`;
    case 'hold_review':
      return `/app/customers/${o.subjectId}`;
    case 'breach_clock':
      return `/app/breaches/${o.breachId}`;
    case 'self_check_error':
      return '/app/';
  }
}

function body(o: Occasion, lang: Lang): { title: string; paragraphs: Paragraph[] } {
  const nl = lang === 'nl';
  switch (o.kind) {
    case 'request_received': {
      const what = requestWords(o.requestKind, lang);
      return {
        title: nl ? `Nieuw ${what}: ${o.reference}` : `New ${what}: ${o.reference}`,
        paragraphs: [
          nl
            ? `Er is een ${what} binnengekomen met kenmerk ${o.reference}. De termijn loopt tot en met ${longDate(o.deadline, lang)} (art. 12 lid 3 AVG).`
            : `A ${what} has arrived with reference ${o.reference}. It must be answered by ${longDate(o.deadline, lang)} (Art. 12(3) GDPR).`,
        ],
      };
    }
    case 'deadline_near': {
      const what = requestWords(o.requestKind, lang);
      return {
        title: nl
          ? `Termijn van ${o.reference} loopt af op ${longDate(o.deadline, lang)}`
          : `${o.reference} is due on ${longDate(o.deadline, lang)}`,
        paragraphs: [
          nl
            ? `Het ${what} ${o.reference} moet uiterlijk ${longDate(o.deadline, lang)} beantwoord zijn (art. 12 lid 3 AVG). Beantwoord het, of verleng de termijn met redenen binnen de eerste maand.`
            : `The ${what} ${o.reference} must be answered by ${longDate(o.deadline, lang)} (Art. 12(3) GDPR). Answer it, or extend the deadline with reasons within the first month.`,
        ],
      };
    }
    case 'package_waiting':
      return {
        title: nl ? `Inzagepakket van ${o.reference} wacht op vrijgave` : `The package of ${o.reference} waits for release`,
        paragraphs: [
          nl
            ? `Het pakket voor ${o.reference} staat sinds ${longDate(o.since, lang)} klaar. Bekijk het en geef het vrij; pas dan krijgt de persoon de link (art. 15 lid 4 AVG).`
            : `The package for ${o.reference} has been ready since ${longDate(o.since, lang)}. Review and release it; only then does the person get the link (Art. 15(4) GDPR).`,
        ],
      };
    case 'hold_review':
      return {
        title: nl
          ? `Juridische blokkade herzien op ${longDate(o.reviewOn, lang)}`
          : `Legal hold to review on ${longDate(o.reviewOn, lang)}`,
        paragraphs: [
          nl
            ? `Een juridische blokkade moest uiterlijk ${longDate(o.reviewOn, lang)} opnieuw bekeken worden. Is het bewijs nog nodig (art. 17 lid 3 onder e AVG)? Laat de blokkade staan met een nieuwe datum, of hef haar op.`
            : `A legal hold was due for review on ${longDate(o.reviewOn, lang)}. Is the evidence still needed (Art. 17(3)(e) GDPR)? Keep the hold with a new date, or release it.`,
        ],
      };
    case 'breach_clock':
      return {
        title: nl
          ? `Datalek: melden vóór ${longMoment(o.deadline, lang)}`
          : `Data breach: notify before ${longMoment(o.deadline, lang)}`,
        paragraphs: [
          nl
            ? `Van de 72 uur om een datalek bij de Autoriteit Persoonsgegevens te melden (art. 33 lid 1 AVG) zijn er meer dan 48 verstreken. De termijn eindigt ${longMoment(o.deadline, lang)}.`
            : `More than 48 of the 72 hours to notify the Autoriteit Persoonsgegevens of a breach (Art. 33(1) GDPR) have passed. The time ends ${longMoment(o.deadline, lang)}.`,
          { list: [o.description.length > 200 ? `${o.description.slice(0, 200)}…` : o.description] },
        ],
      };
    case 'self_check_error':
      return {
        title: nl ? 'De zelfcontrole vond een fout' : 'The self-check found an error',
        paragraphs: [
          nl
            ? 'De zelfcontrole van de beveiligingsmaatregelen vond wat niet in orde is:'
            : 'The self-check of the security measures found what is not in order:',
          { list: o.checks.map((id) => checkInWords(id, lang)) },
          nl
            ? 'In Kluis staat bij de zelfcontrole ook een technische toelichting voor de beheerder van de server.'
            : 'In Kluis, the self-check also has a technical note for whoever runs the server.',
        ],
      };
  }
}

/** The reminder mail in the account's language, with a link to where to act when the public address is known. */
export function reminderLetter(
  policy: Policy,
  lang: Lang,
  o: Occasion,
  to: { name: string },
  publicUrl: string | undefined,
): Letter {
  const nl = lang === 'nl';
  const { title, paragraphs } = body(o, lang);
  const link: Paragraph[] =
    publicUrl === undefined
      ? []
      : [{ link: new URL(pageOf(o), publicUrl).toString(), label: nl ? 'Openen in Kluis' : 'Open in Kluis', public: true }];
  return letter(policy, lang, {
    title,
    salutation: nl ? `Beste ${to.name},` : `Dear ${to.name},`,
    paragraphs: [
      ...paragraphs,
      ...link,
      nl
        ? 'U krijgt deze herinnering één keer. Welke herinneringen u krijgt, kiest u in Kluis onder Mijn account.'
        : 'You get this reminder once. Which reminders you get, you choose in Kluis under My account.',
    ],
  });
}

export const MAIL_KIND: Record<ReminderKind, string> = {
  request_received: 'reminder_request_received',
  deadline_near: 'reminder_deadline_near',
  package_waiting: 'reminder_package_waiting',
  hold_review: 'reminder_hold_review',
  breach_clock: 'reminder_breach_clock',
  self_check_error: 'reminder_self_check_error',
};
