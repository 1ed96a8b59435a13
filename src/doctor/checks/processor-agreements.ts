import { longDate } from '../../statement/dates.ts';
import { processorParties } from '../../registers/processor-parties.ts';
import { listRecipients } from '../../registers/recipient.repository.ts';
import { type Check, type DoctorContext, error, ok, plural, type Text, warning } from '../check.ts';
import { businessToday } from '../../shared/business-day.ts';

/** An agreement that ends sooner than this needs renewing now. */
export const EXPIRING_DAYS = 30;

/**
 * BEVEILIGING: "verwerkersovereenkomsten" (Art. 28(3) GDPR): every active processor has a valid agreement, the
 * storage provider (P6) and each processor company of a category included.
 */
export const processorAgreements: Check = {
  id: 'processor-agreements',
  measure: 'processor-agreements',
  async run({ db, now }: DoctorContext) {
    const today = businessToday(now);
    const soon = businessToday(new Date(now.getTime() + EXPIRING_DAYS * 86_400_000));
    const processors = processorParties(await listRecipients(db));
    const problems: Text[] = [];
    const expiring: Text[] = [];
    for (const p of processors) {
      const a = p.agreement;
      if (a === null)
        problems.push({ nl: `${p.label} heeft geen verwerkersovereenkomst`, en: `${p.label} has no processor agreement` });
      else if (a.expiresOn !== null && a.expiresOn < today) {
        problems.push({
          nl: `de overeenkomst ${a.documentReference} van ${p.label} is verlopen op ${longDate(a.expiresOn, 'nl')}`,
          en: `${p.label}'s agreement ${a.documentReference} expired on ${longDate(a.expiresOn, 'en')}`,
        });
      } else if (a.expiresOn !== null && a.expiresOn < soon) {
        expiring.push({
          nl: `de overeenkomst ${a.documentReference} van ${p.label} verloopt op ${longDate(a.expiresOn, 'nl')}`,
          en: `${p.label}'s agreement ${a.documentReference} expires on ${longDate(a.expiresOn, 'en')}`,
        });
      }
    }
    const join = (texts: Text[], lang: keyof Text) => texts.map((t) => t[lang]).join('; ');
    // Where a person records it: the back office's policy page, or the command line (the self-check is read by both).
    const path = 'on the policy page of the back office, at the recipient (or: kluis register agreement)';
    const pathNl = 'op de beleidspagina van de back office, bij de ontvanger (of: kluis register agreement)';
    if (problems.length > 0) {
      return error({
        nl: `${join(problems, 'nl')} (art. 28 lid 3 AVG); leg de overeenkomst vast ${pathNl}${expiring.length > 0 ? `; verder: ${join(expiring, 'nl')}` : ''}`,
        en: `${join(problems, 'en')} (Art. 28(3) GDPR); record it ${path}${expiring.length > 0 ? `; also ${join(expiring, 'en')}` : ''}`,
      });
    }
    if (expiring.length > 0) {
      return warning({
        nl: `${join(expiring, 'nl')}: binnen ${EXPIRING_DAYS} dagen; verleng de overeenkomst en leg haar vast ${pathNl}`,
        en: `${join(expiring, 'en')}: within ${EXPIRING_DAYS} days; renew it and record it ${path}`,
      });
    }
    if (processors.length === 0)
      return ok({ nl: 'het register bevat geen actieve verwerkers', en: 'the register has no active processors' });
    return ok({
      nl: `${processors.length === 1 ? 'de actieve verwerker heeft' : `alle ${processors.length} actieve verwerkers hebben`} een geldige overeenkomst`,
      en: `all ${plural(processors.length, 'active processor')} have a valid agreement`,
    });
  },
};
