import type { LiftReason } from '../db/types.ts';
import { type Letter, letter } from '../mail/letters.ts';
import type { Policy } from '../policy/policy.ts';
import { complaintNotice, letterDate } from '../mail/letter-words.ts';
import type { Lang } from '../shared/lang.ts';

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
    title: nl
      ? 'Wij gaan de beperking van de verwerking van uw gegevens opheffen'
      : 'We are going to lift the restriction of the processing of your data',
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
