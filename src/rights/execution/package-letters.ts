import { type Letter, type Paragraph, letter } from '../../mail/letters.ts';
import type { Policy } from '../../policy/policy.ts';
import { CODE_MINUTES } from '../challenges.ts';

type Lang = 'nl' | 'en';

/** Where the download page lives in each language. */
export const DOWNLOAD_PATHS: Record<Lang, string> = { nl: '/privacy/request/package', en: '/en/privacy/request/package' };

/** The path of the download page in the language; the token is the only part of it that is secret. */
export const packagePath = (token: string, lang: Lang = 'nl'): string => `${DOWNLOAD_PATHS[lang]}?token=${encodeURIComponent(token)}`;

/** Art. 15: the link to the released package, which asks for a fresh code before it gives anything. */
export function packageLinkLetter(policy: Policy, lang: Lang, reference: string, token: string, publicUrl: string | undefined, expiresAt: string): Letter {
  const nl = lang === 'nl';
  const path = packagePath(token, lang);
  // A link either way, so the token is a secret of the letter (kept sealed, never in the stored text).
  const link: Paragraph = publicUrl === undefined ? { link: path } : { link: `${publicUrl.replace(/\/+$/, '')}${path}`, label: nl ? 'Download uw gegevens' : 'Download your data' };
  return letter(policy, lang, {
    title: nl ? `Uw gegevens staan klaar (verzoek ${reference})` : `Your data are ready (request ${reference})`,
    paragraphs: [
      nl
        ? `Uw verzoek om inzage ${reference} is afgehandeld: al uw gegevens staan klaar in één zip-bestand met een leesbaar overzicht, de gegevens zelf (JSON en CSV) en uw bijlagen.`
        : `Your access request ${reference} has been handled: all your data are ready in one zip file with a readable overview, the data themselves (JSON and CSV) and your attachments.`,
      link,
      nl
        ? `De link werkt tot ${expiresAt.slice(0, 10)}. Om zeker te weten dat u het bent, sturen wij u bij het downloaden een code naar uw e-mailadres. Deel de link met niemand.`
        : `The link works until ${expiresAt.slice(0, 10)}. To be sure it is you, we send a code to your e-mail address when you download. Do not share the link.`,
    ],
  });
}

/** The one-time code for a download (EDPB 01/2022: confirm through contact details on file). */
export function packageCodeLetter(policy: Policy, lang: Lang, reference: string, code: string): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl ? `Uw downloadcode (verzoek ${reference})` : `Your download code (request ${reference})`,
    paragraphs: [
      nl ? 'Vul deze code in om uw gegevens te downloaden:' : 'Enter this code to download your data:',
      { code },
      nl
        ? `De code is ${CODE_MINUTES} minuten geldig en werkt één keer. Heeft u niet om een code gevraagd? Dan heeft iemand anders uw link; neem contact met ons op.`
        : `The code is valid for ${CODE_MINUTES} minutes and works once. If you did not ask for a code, someone else has your link; please contact us.`,
    ],
  });
}

/** Art. 18(3): the person is told before a restriction is lifted. */
export function liftNoticeLetter(policy: Policy, lang: Lang, purposeText: string): Letter {
  const nl = lang === 'nl';
  return letter(policy, lang, {
    title: nl ? 'De beperking van de verwerking van uw gegevens wordt opgeheven' : 'The restriction of the processing of your data is being lifted',
    paragraphs: [
      nl
        ? `Wij heffen de beperking van de verwerking van uw gegevens voor ${purposeText} op (art. 18 lid 3 AVG). Vanaf nu verwerken wij uw gegevens weer zoals onze privacyverklaring beschrijft.`
        : `We are lifting the restriction of the processing of your data for ${purposeText} (Art. 18(3) GDPR). From now on we process your data again as our privacy statement describes.`,
      nl
        ? `Bent u het daar niet mee eens, dan kunt u bezwaar maken of opnieuw om beperking vragen bij ${policy.document.controller.dpo.email}.`
        : `If you disagree, you may object or ask for a restriction again at ${policy.document.controller.dpo.email}.`,
    ],
  });
}
