import { type Letter, letter } from '../../mail/letters.ts';
import type { Policy } from '../../policy/policy.ts';
import { CODE_MINUTES } from '../challenges.ts';
import { letterDate } from '../../mail/letter-words.ts';
import type { PackageKind } from './package-store.ts';
import { secretLink } from './portability-letters.ts';
import type { Lang } from '../../shared/lang.ts';

/** Where the download page lives in each language. */
export const DOWNLOAD_PATHS: Record<Lang, string> = { nl: '/privacy/request/package', en: '/en/privacy/request/package' };

/** Who downloads through a link: the person, or the organisation they had their data sent to (Art. 20(2)). */
export type Downloader = 'person' | 'recipient';

/** The path of the download page in the language; the token is the only part of it that is secret. */
export const packagePath = (token: string, lang: Lang = 'nl', downloader: Downloader = 'person'): string =>
  `${DOWNLOAD_PATHS[lang]}?token=${encodeURIComponent(token)}${downloader === 'recipient' ? '&for=recipient' : ''}`;

/** What the link mail says the package holds, by the right it answers. */
const READY: Record<PackageKind, { nl: (reference: string) => string; en: (reference: string) => string }> = {
  access: {
    nl: (reference) =>
      `Uw verzoek om inzage ${reference} is afgehandeld: al uw gegevens staan klaar in één zip-bestand met een leesbaar overzicht, de gegevens zelf (JSON en CSV) en uw bijlagen.`,
    en: (reference) =>
      `Your access request ${reference} has been handled: all your data are ready in one zip file with a readable overview, the data themselves (JSON and CSV) and your attachments.`,
  },
  portability: {
    nl: (reference) =>
      `Uw verzoek om overdracht ${reference} is afgehandeld: de gegevens die u ons zelf gaf staan klaar in één zip-bestand, als JSON en CSV met een uitleg van elk veld (README.txt), met de bijlagen die u ons stuurde (art. 20 lid 1 AVG).`,
    en: (reference) =>
      `Your portability request ${reference} has been handled: the data you gave us are ready in one zip file, as JSON and CSV with an explanation of every field (README.txt), with the attachments you sent us (Art. 20(1) GDPR).`,
  },
};

/** Art. 15 or 20(1): the link to the released package, which asks for a fresh code before it gives anything. */
export function packageLinkLetter(
  policy: Policy,
  lang: Lang,
  reference: string,
  token: string,
  publicUrl: string | undefined,
  expiresAt: string,
  kind: PackageKind = 'access',
): Letter {
  const nl = lang === 'nl';
  // A link either way, so the token is a secret of the letter (kept sealed, never in the stored text).
  const link = secretLink(publicUrl, packagePath(token, lang), nl ? 'Download uw gegevens' : 'Download your data');
  return letter(policy, lang, {
    title: nl ? `Uw gegevens staan klaar (verzoek ${reference})` : `Your data are ready (request ${reference})`,
    paragraphs: [
      READY[kind][lang](reference),
      link,
      nl
        ? `De link werkt tot ${letterDate(expiresAt, lang)}. Om zeker te weten dat u het bent, sturen wij u bij het downloaden een code naar uw e-mailadres. Deel de link met niemand.`
        : `The link works until ${letterDate(expiresAt, lang)}. To be sure it is you, we send a code to your e-mail address when you download. Do not share the link.`,
    ],
  });
}

/**
 * The one-time code for a download (EDPB 01/2022: confirm through contact details on file), to the person, or to
 * the address of the organisation the person had the link sent to (Art. 20(2)).
 */
export function packageCodeLetter(
  policy: Policy,
  lang: Lang,
  reference: string,
  code: string,
  downloader: Downloader = 'person',
): Letter {
  const nl = lang === 'nl';
  const own = downloader === 'person';
  return letter(policy, lang, {
    title: nl
      ? `${own ? 'Uw downloadcode' : 'Downloadcode'} (verzoek ${reference})`
      : `${own ? 'Your download code' : 'Download code'} (request ${reference})`,
    paragraphs: [
      nl
        ? `Vul deze code in om ${own ? 'uw' : 'de'} gegevens te downloaden:`
        : `Enter this code to download ${own ? 'your' : 'the'} data:`,
      { code },
      nl
        ? `De code is ${CODE_MINUTES} minuten geldig en werkt één keer. Heeft u niet om een code gevraagd? Dan heeft iemand anders uw link; neem contact met ons op.`
        : `The code is valid for ${CODE_MINUTES} minutes and works once. If you did not ask for a code, someone else has your link; please contact us.`,
    ],
  });
}
