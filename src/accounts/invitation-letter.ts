import { type Letter, letter } from '../mail/letters.ts';
import type { Policy } from '../policy/policy.ts';
import { businessDate } from '../shared/business-day.ts';
import { letterDate } from '../mail/letter-words.ts';

const ROLE_WORDS: Record<string, { nl: string; en: string }> = {
  dpo: { nl: 'functionaris voor de gegevensbescherming', en: 'data protection officer' },
  staff: { nl: 'medewerker', en: 'staff member' },
  accountant: { nl: 'administratiekantoor', en: 'accountant' },
};

/** The mail that invites a colleague: a link to choose their own password, valid until the date it names. */
export function invitationLetter(
  policy: Policy,
  lang: 'nl' | 'en',
  invite: { name: string; role: string; link: string; expiresAt: string; invitedBy: string },
): Letter {
  const nl = lang === 'nl';
  const organisation = policy.document.controller.name;
  const role = ROLE_WORDS[invite.role]?.[lang] ?? invite.role;
  const until = letterDate(businessDate(invite.expiresAt), lang);
  return letter(policy, lang, {
    title: nl ? `Uitnodiging voor Kluis van ${organisation}` : `Invitation to Kluis of ${organisation}`,
    salutation: nl ? `Beste ${invite.name},` : `Dear ${invite.name},`,
    paragraphs: [
      nl
        ? `${invite.invitedBy} nodigt u uit om als ${role} te werken in Kluis, waarin ${organisation} de gegevens van haar klanten bijhoudt.`
        : `${invite.invitedBy} invites you to work in Kluis as ${role}; ${organisation} keeps its customers' data there.`,
      nl
        ? 'Kies met deze link uw eigen wachtwoord. Daarna meldt u zich aan met uw e-mailadres en dat wachtwoord.'
        : 'Choose your own password with this link. Then sign in with your e-mail address and that password.',
      { link: invite.link, label: nl ? 'Wachtwoord kiezen' : 'Choose a password' },
      nl
        ? `De link werkt één keer en is geldig tot en met ${until}. Verwachtte u deze uitnodiging niet? Dan kunt u deze mail negeren.`
        : `The link works once and is valid until ${until}. If you did not expect this invitation, you can ignore this mail.`,
    ],
  });
}
