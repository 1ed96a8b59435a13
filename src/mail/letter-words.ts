import { calendarDay } from '../shared/business-day.ts';
import type { Language } from './letters.ts';
import type { Policy } from '../policy/policy.ts';

/** A date (or a moment, on its day where the business is) as the letter writes it: 3 maart 2026 / 3 March 2026. */
export function letterDate(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${calendarDay(date)}T00:00:00Z`));
}

/**
 * Art. 12(4): whoever is refused anything is told of the right to complain to the supervisory authority
 * (Art. 77) and of the Dutch court route (Art. 79 with UAVG art. 35: a petition to the district court within
 * six weeks of receiving the decision, no lawyer needed). The authority's name and website come from the policy.
 */
export function complaintNotice(policy: Policy, lang: Language): string {
  const ap = policy.document.controller.supervisoryAuthority;
  return lang === 'nl'
    ? `Bent u het niet eens met dit besluit? Dan kunt u een klacht indienen bij de ${ap.name} (${ap.website}; art. 77 AVG). U kunt ook binnen zes weken nadat u deze brief heeft ontvangen de rechtbank vragen ons te bevelen uw verzoek alsnog in te willigen (art. 35 UAVG en art. 79 AVG); daarvoor heeft u geen advocaat nodig. U kunt ook eerst contact opnemen met onze functionaris voor de gegevensbescherming, ${policy.document.controller.dpo.email}.`
    : `If you disagree with this decision, you may lodge a complaint with the ${ap.name}, the Dutch supervisory authority (${ap.website}; Art. 77 GDPR). You may also, within six weeks of receiving this letter, ask the district court (rechtbank) to order us to grant your request after all (Art. 35 of the Dutch GDPR Implementation Act and Art. 79 GDPR); you do not need a lawyer for this. You may also first contact our data protection officer at ${policy.document.controller.dpo.email}.`;
}
