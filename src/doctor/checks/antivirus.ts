import { throughSystemDoor } from '../../guard/door.ts';
import type { Lang } from '../../statement/statement-document.ts';
import { businessDate } from '../../shared/business-day.ts';
import { longDate } from '../../statement/dates.ts';
import { countQuarantined } from '../../scanner/quarantine.repository.ts';
import { type Check, type DoctorContext, error, ok, plural, warning } from '../check.ts';

const DAY = 86_400_000;
// freshclam looks for new signatures every two hours and ClamAV publishes them several times a day: two days old
// means freshclam is not running; past seven days ClamAV itself warns that its database is out of date.
const SIGNATURES_WARNING_DAYS = 2;
const SIGNATURES_ERROR_DAYS = 7;

/** A moment as a date written out in the scanner's (and so the machine's) own calendar: "3 december 2026". */
const writtenDay = (d: Date, lang: Lang) =>
  longDate(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`, lang);

/**
 * BEVEILIGING, "antivirusscanners": a scanner is configured (KLUIS_CLAMD_URL), answers, and has current signatures
 * (VERSION gives the date of its database, which freshclam keeps current). Without one the measure is not met.
 */
export const antivirusScanner: Check = {
  id: 'antivirus',
  measure: 'antivirus',
  async run({ scanner, now }: DoctorContext) {
    if (!scanner.configured) {
      return error({
        nl: 'er is geen virusscanner ingesteld (KLUIS_CLAMD_URL): bestanden worden ongescand opgeslagen, dus de maatregel wordt niet nagekomen; installeer clamav-daemon en stel KLUIS_CLAMD_URL in',
        en: 'no virus scanner is configured (KLUIS_CLAMD_URL): files are stored unscanned, so the measure is not met; install clamav-daemon and set KLUIS_CLAMD_URL',
      });
    }
    const probe = await scanner.probe();
    if (!probe.reachable) {
      return error({
        nl: `de virusscanner antwoordt niet (${probe.detail}): nieuwe bestanden gaan in quarantaine tot hij weer antwoordt; draait clamd?`,
        en: `the virus scanner does not answer (${probe.detail}): new files go to quarantine until it answers again; is clamd running?`,
      });
    }
    const engine = `ClamAV ${probe.version.engine} (${scanner.address ?? ''})`;
    const signatures = probe.version.signatures;
    if (signatures === null) {
      return warning({
        nl: `${engine} antwoordt, maar noemt geen datum van zijn virushandtekeningen: het heeft geen officiële database; draait freshclam?`,
        en: `${engine} answers but names no date for its virus signatures: it has no official database; is freshclam running?`,
      });
    }
    const days = Math.max(0, Math.floor((now.getTime() - signatures.date.getTime()) / DAY));
    const age = {
      nl: `zijn virushandtekeningen (versie ${signatures.version}) zijn van ${writtenDay(signatures.date, 'nl')}, ${plural(days, 'dag', 'dagen')} oud`,
      en: `its virus signatures (version ${signatures.version}) are of ${writtenDay(signatures.date, 'en')}, ${plural(days, 'day')} old`,
    };
    if (days > SIGNATURES_ERROR_DAYS)
      return error({
        nl: `${engine} antwoordt, maar ${age.nl}: nieuwe virussen worden niet herkend; zorg dat freshclam draait`,
        en: `${engine} answers, but ${age.en}: new viruses go unrecognised; make sure freshclam runs`,
      });
    if (days > SIGNATURES_WARNING_DAYS)
      return warning({
        nl: `${engine} antwoordt, maar ${age.nl}; draait freshclam?`,
        en: `${engine} answers, but ${age.en}; is freshclam running?`,
      });
    return ok({ nl: `${engine} antwoordt; ${age.nl}`, en: `${engine} answers; ${age.en}` });
  },
};

/** BEVEILIGING, "antivirusscanners": no file waits unscanned in quarantine (the `quarantine` job scans them again). */
export const quarantineEmpty: Check = {
  id: 'quarantine',
  measure: 'antivirus',
  async run({ db }: DoctorContext) {
    const waiting = await throughSystemDoor('self-check', () => countQuarantined(db));
    if (waiting.count === 0) return ok({ nl: 'er wachten geen bestanden in quarantaine', en: 'no files wait in quarantine' });
    const since = waiting.oldest === null ? null : businessDate(waiting.oldest);
    return error({
      nl: `${plural(waiting.count, 'bestand wacht', 'bestanden wachten')} sinds ${since === null ? '?' : longDate(since, 'nl')} in quarantaine op de virusscanner: ze worden niet getoond of meegegeven tot een scan ze vrijgeeft; de taak quarantine probeert het elke vijf minuten opnieuw`,
      en: `${plural(waiting.count, 'file waits', 'files wait')} in quarantine for the virus scanner since ${since === null ? '?' : longDate(since, 'en')}: they are not served or packaged until a scan clears them; the quarantine job tries again every five minutes`,
    });
  },
};
