import { type Check, type DoctorContext, error, ok, unknown, warning } from '../check.ts';
import { letterDate } from '../../mail/letter-words.ts';
import { NODE_END_OF_LIFE } from '../release.ts';

const DAY = 86_400_000;
// Past half a year a release has missed the fixes of its dependencies' own releases; past a year it is neglect.
const RELEASE_WARNING_DAYS = 183;
const RELEASE_ERROR_DAYS = 365;
// Time enough to plan the move to the next Node.js line before its predecessor gets no more security fixes.
const NODE_WARNING_DAYS = 90;

const daysBetween = (from: string, to: Date) => Math.floor((to.getTime() - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** BEVEILIGING, "programma's worden regelmatig bijgewerkt": how old the installed release of Kluis is. */
export const releaseAge: Check = {
  id: 'release-age',
  measure: 'updates',
  async run({ settings, now }: DoctorContext) {
    const date = settings.releaseDate;
    const days = daysBetween(date, now);
    const nl = `deze versie van Kluis (${settings.version}) is van ${letterDate(date, 'nl')}, ${days} dagen geleden`;
    const en = `this release of Kluis (${settings.version}) is of ${letterDate(date, 'en')}, ${days} days ago`;
    if (days > RELEASE_ERROR_DAYS)
      return error({
        nl: `${nl}; installeer een nieuwe versie: de programma's worden niet meer bijgewerkt`,
        en: `${en}; install a newer release: the software is no longer being updated`,
      });
    if (days > RELEASE_WARNING_DAYS)
      return warning({ nl: `${nl}; installeer binnenkort een nieuwe versie`, en: `${en}; install a newer release soon` });
    return ok({ nl, en });
  },
};

/** BEVEILIGING, "programma's worden regelmatig bijgewerkt": whether the running Node.js line still gets security fixes. */
export const nodeSupported: Check = {
  id: 'nodejs-supported',
  measure: 'updates',
  async run({ settings, now }: DoctorContext) {
    const major = Number(settings.nodeVersion.split('.')[0]);
    const end = NODE_END_OF_LIFE[major];
    const running = `Node.js ${settings.nodeVersion}`;
    if (end === undefined) {
      return unknown({
        nl: `van ${running} kent deze versie van Kluis het einde van de ondersteuning niet; kijk op nodejs.org`,
        en: `this release of Kluis does not know when ${running} reaches its end of life; see nodejs.org`,
      });
    }
    const left = Math.floor((Date.parse(`${end}T00:00:00Z`) - now.getTime()) / DAY);
    if (left <= 0) {
      return error({
        nl: `${running} krijgt sinds ${letterDate(end, 'nl')} geen beveiligingsupdates meer; stap over op een ondersteunde versie`,
        en: `${running} has had no security updates since ${letterDate(end, 'en')}; move to a supported Node.js line`,
      });
    }
    const nl = `${running} krijgt beveiligingsupdates tot ${letterDate(end, 'nl')}`;
    const en = `${running} gets security updates until ${letterDate(end, 'en')}`;
    if (left <= NODE_WARNING_DAYS)
      return warning({ nl: `${nl}, nog ${left} dagen; plan de overstap`, en: `${en}, ${left} days from now; plan the move` });
    return ok({ nl, en });
  },
};
