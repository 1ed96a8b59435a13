import { type Letter, type Paragraph, letter } from '../../mail/letters.ts';
import type { Policy } from '../../policy/policy.ts';
import { letterDate } from '../../mail/letter-words.ts';
import { PACKAGE_DAYS } from './package-store.ts';
import type { Lang } from '../../shared/lang.ts';

/** Where the person confirms the organisation's address, in each language. */
export const TRANSFER_PATHS: Record<Lang, string> = { nl: '/privacy/request/transfer', en: '/en/privacy/request/transfer' };

/** The path of the confirmation page; the token is the only part of it that is secret. */
export const transferPath = (reference: string, token: string, lang: Lang): string =>
  `${TRANSFER_PATHS[lang]}?${new URLSearchParams({ reference, token }).toString()}`;

/** A secret link of a letter: absolute with the public address, else the path (the reader adds our address). */
export function secretLink(publicUrl: string | undefined, path: string, label: string): Paragraph {
  return publicUrl === undefined ? { link: path } : { link: `${publicUrl.replace(/\/+$/, '')}${path}`, label };
}

/** The organisation the person named (Art. 20(2)). */
export interface NamedOrganisation {
  name: string;
  email: string;
}

/**
 * Art. 20(2), to the person at the address we hold for them: confirm the organisation and its address before
 * anything goes there. What the form said is not enough: whoever filed it may have mistyped, or not be the person.
 */
export function transferConfirmationLetter(
  policy: Policy,
  lang: Lang,
  reference: string,
  to: NamedOrganisation,
  link: Paragraph,
  until: string,
): Letter {
  const nl = lang === 'nl';
  const dpo = policy.document.controller.dpo.email;
  return letter(policy, lang, {
    title: nl
      ? `Bevestig naar wie wij uw gegevens sturen (verzoek ${reference})`
      : `Confirm where we send your data (request ${reference})`,
    paragraphs: [
      nl
        ? `U vroeg ons met verzoek ${reference} de gegevens die u ons zelf gaf rechtstreeks naar een andere organisatie te sturen (art. 20 lid 2 AVG):`
        : `With request ${reference} you asked us to send the data you gave us directly to another organisation (Art. 20(2) GDPR):`,
      {
        list: nl
          ? [`organisatie: ${to.name}`, `e-mailadres: ${to.email}`]
          : [`organisation: ${to.name}`, `e-mail address: ${to.email}`],
      },
      nl
        ? `Klopt dit? Bevestig het dan met de link hieronder. Pas daarna sturen wij die organisatie een downloadlink, ${PACKAGE_DAYS} dagen geldig. Zolang u niet bevestigt, sturen wij niets.`
        : `Is this right? Then confirm it with the link below. Only then do we send that organisation a download link, valid for ${PACKAGE_DAYS} days. As long as you do not confirm, we send nothing.`,
      link,
      nl
        ? `De link werkt tot ${letterDate(until, lang)}. Klopt het niet, of heeft u dit niet gevraagd? Bevestig dan niet en laat het onze functionaris voor de gegevensbescherming weten: ${dpo}.`
        : `The link works until ${letterDate(until, lang)}. Is it not right, or did you not ask for this? Then do not confirm, and tell our data protection officer: ${dpo}.`,
    ],
  });
}

/** Art. 20(2), to the organisation the person named and confirmed: the link to the package. */
export function transferLinkLetter(
  policy: Policy,
  lang: Lang,
  reference: string,
  person: string,
  link: Paragraph,
  expiresAt: string,
): Letter {
  const nl = lang === 'nl';
  const controller = policy.document.controller.name;
  const dpo = policy.document.controller.dpo.email;
  return letter(policy, lang, {
    title: nl
      ? `Persoonsgegevens van ${person}, op diens verzoek (art. 20 AVG)`
      : `Personal data of ${person}, at their request (Art. 20 GDPR)`,
    paragraphs: [
      nl
        ? `Op verzoek van ${person} sturen wij, ${controller}, u de persoonsgegevens die deze persoon ons zelf heeft gegeven (art. 20 lid 2 AVG). ${person} heeft ons uw e-mailadres daarvoor bevestigd. Ons kenmerk: ${reference}.`
        : `At the request of ${person}, we, ${controller}, send you the personal data this person gave us (Art. 20(2) GDPR). ${person} confirmed your e-mail address to us for this. Our reference: ${reference}.`,
      link,
      nl
        ? `Het pakket bevat de gegevens als JSON en als CSV; README.txt legt elk veld uit. De link werkt tot ${letterDate(expiresAt, lang)}. Bij het downloaden sturen wij een code naar dit e-mailadres.`
        : `The package holds the data as JSON and as CSV; README.txt explains every field. The link works until ${letterDate(expiresAt, lang)}. When you download, we send a code to this e-mail address.`,
      nl
        ? `Met de ontvangst bent u zelf verantwoordelijk voor deze gegevens. Is dit bericht niet voor u bedoeld? Download dan niets en laat het ons weten: ${dpo}.`
        : `Once you receive them, you are responsible for these data yourself. Is this message not meant for you? Then download nothing and let us know: ${dpo}.`,
    ],
  });
}

/** Art. 12(3) with 20(2), to the person: the link went to the organisation they confirmed; the request is answered. */
export function transferSentLetter(
  policy: Policy,
  lang: Lang,
  reference: string,
  to: NamedOrganisation,
  expiresAt: string,
): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl
      ? `Wij hebben uw gegevens naar ${to.name} gestuurd (verzoek ${reference})`
      : `We have sent your data to ${to.name} (request ${reference})`,
    paragraphs: [
      nl
        ? `U bevestigde dat wij uw gegevens naar ${to.name} (${to.email}) mogen sturen. Wij hebben die organisatie een downloadlink gestuurd, geldig tot ${letterDate(expiresAt, lang)} (art. 20 lid 2 AVG). Daarmee is uw verzoek ${reference} afgehandeld.`
        : `You confirmed that we may send your data to ${to.name} (${to.email}). We have sent that organisation a download link, valid until ${letterDate(expiresAt, lang)} (Art. 20(2) GDPR). This completes your request ${reference}.`,
      nl
        ? 'Wij hebben vastgelegd dat deze organisatie uw gegevens op uw verzoek kreeg; een verzoek om inzage noemt haar. Wat die organisatie met de gegevens doet, valt onder haar eigen privacyverklaring.'
        : 'We have recorded that this organisation received your data at your request; a request for access names it. What that organisation does with the data falls under its own privacy statement.',
    ],
  });
}
