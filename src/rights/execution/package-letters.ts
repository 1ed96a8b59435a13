import { type Letter, letter } from '../../mail/letters.ts';
import type { Policy } from '../../policy/policy.ts';
import type { LiftReason } from '../../db/types.ts';
import { CODE_MINUTES } from '../challenges.ts';
import { complaintNotice } from '../request-letters.ts';
import { letterDate } from '../request-words.ts';
import type { PackageKind } from './package-store.ts';
import { secretLink } from './portability-letters.ts';

type Lang = 'nl' | 'en';

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
    nl: (reference) => `Uw verzoek om inzage ${reference} is afgehandeld: al uw gegevens staan klaar in één zip-bestand met een leesbaar overzicht, de gegevens zelf (JSON en CSV) en uw bijlagen.`,
    en: (reference) => `Your access request ${reference} has been handled: all your data are ready in one zip file with a readable overview, the data themselves (JSON and CSV) and your attachments.`,
  },
  portability: {
    nl: (reference) => `Uw verzoek om overdracht ${reference} is afgehandeld: de gegevens die u ons zelf gaf staan klaar in één zip-bestand, als JSON en CSV met een uitleg van elk veld (README.txt), met de bijlagen die u ons stuurde (art. 20 lid 1 AVG).`,
    en: (reference) => `Your portability request ${reference} has been handled: the data you gave us are ready in one zip file, as JSON and CSV with an explanation of every field (README.txt), with the attachments you sent us (Art. 20(1) GDPR).`,
  },
};

/** Art. 15 or 20(1): the link to the released package, which asks for a fresh code before it gives anything. */
export function packageLinkLetter(policy: Policy, lang: Lang, reference: string, token: string, publicUrl: string | undefined, expiresAt: string, kind: PackageKind = 'access'): Letter {
  const nl = lang === 'nl';
  // A link either way, so the token is a secret of the letter (kept sealed, never in the stored text).
  const link = secretLink(publicUrl, packagePath(token, lang), nl ? 'Download uw gegevens' : 'Download your data');
  return letter(policy, lang, {
    title: nl ? `Uw gegevens staan klaar (verzoek ${reference})` : `Your data are ready (request ${reference})`,
    paragraphs: [
      READY[kind][lang](reference),
      link,
      nl
        ? `De link werkt tot ${letterDate(expiresAt.slice(0, 10), lang)}. Om zeker te weten dat u het bent, sturen wij u bij het downloaden een code naar uw e-mailadres. Deel de link met niemand.`
        : `The link works until ${letterDate(expiresAt.slice(0, 10), lang)}. To be sure it is you, we send a code to your e-mail address when you download. Do not share the link.`,
    ],
  });
}

/**
 * The one-time code for a download (EDPB 01/2022: confirm through contact details on file), to the person, or to
 * the address of the organisation the person had the link sent to (Art. 20(2)).
 */
export function packageCodeLetter(policy: Policy, lang: Lang, reference: string, code: string, downloader: Downloader = 'person'): Letter {
  const nl = lang === 'nl';
  const own = downloader === 'person';
  return letter(policy, lang, {
    title: nl ? `${own ? 'Uw downloadcode' : 'Downloadcode'} (verzoek ${reference})` : `${own ? 'Your download code' : 'Download code'} (request ${reference})`,
    paragraphs: [
      nl ? `Vul deze code in om ${own ? 'uw' : 'de'} gegevens te downloaden:` : `Enter this code to download ${own ? 'your' : 'the'} data:`,
      { code },
      nl
        ? `De code is ${CODE_MINUTES} minuten geldig en werkt één keer. Heeft u niet om een code gevraagd? Dan heeft iemand anders uw link; neem contact met ons op.`
        : `The code is valid for ${CODE_MINUTES} minutes and works once. If you did not ask for a code, someone else has your link; please contact us.`,
    ],
  });
}

/** What the person reads about why their restriction ends (Art. 18(3), Art. 12(1): in plain words). */
const LIFT_REASON_WORDS: Record<LiftReason, { nl: string; en: string }> = {
  accuracy_verified: {
    nl: 'Wij hebben gecontroleerd of uw gegevens juist zijn (art. 18 lid 1 sub a AVG).',
    en: 'We have checked whether your data are accurate (Art. 18(1)(a) GDPR).',
  },
  grounds_override: {
    nl: 'Wij hebben uw bezwaar gewogen: onze gerechtvaardigde gronden wegen zwaarder dan uw belangen (art. 18 lid 1 sub d en art. 21 lid 1 AVG).',
    en: 'We have weighed your objection: our legitimate grounds override your interests (Art. 18(1)(d) and Art. 21(1) GDPR).',
  },
  claims_ended: {
    nl: 'U heeft de gegevens niet langer nodig voor een rechtsvordering (art. 18 lid 1 sub c AVG).',
    en: 'You no longer need the data for a legal claim (Art. 18(1)(c) GDPR).',
  },
  person_asked: { nl: 'U heeft ons gevraagd de beperking op te heffen.', en: 'You asked us to lift the restriction.' },
};

/** The announcement that a restriction will be lifted. */
export interface LiftAnnouncement {
  purposeText: string;
  reason: LiftReason;
  motivation: string;
  /** The first day it may be lifted: the lead time after this message is delivered. */
  notBefore: string;
}

/**
 * Art. 18(3): the person is told before a restriction is lifted: from which day, why, and what they can do
 * about it (Art. 12(4): the complaint to the supervisory authority and the court). Until this message was
 * delivered and the lead time passed, the restriction stands.
 */
export function liftAnnouncementLetter(policy: Policy, lang: Lang, a: LiftAnnouncement): Letter {
  const nl = lang === 'nl';
  const day = letterDate(a.notBefore, lang);
  return letter(policy, lang, {
    title: nl ? 'Wij gaan de beperking van de verwerking van uw gegevens opheffen' : 'We are going to lift the restriction of the processing of your data',
    paragraphs: [
      nl
        ? `U heeft gevraagd de verwerking van uw gegevens voor ${a.purposeText} te beperken. Wij laten u vooraf weten dat wij die beperking opheffen, niet eerder dan op ${day} (art. 18 lid 3 AVG). Tot dan blijft de beperking gelden.`
        : `You asked us to restrict the processing of your data for ${a.purposeText}. We are telling you in advance that we will lift that restriction, not before ${day} (Art. 18(3) GDPR). Until then the restriction stays in force.`,
      LIFT_REASON_WORDS[a.reason][lang],
      a.motivation,
      nl
        ? 'Na het opheffen verwerken wij uw gegevens weer zoals onze privacyverklaring beschrijft.'
        : 'Once it is lifted, we process your data again as our privacy statement describes.',
      complaintNotice(policy, lang),
    ],
  });
}
