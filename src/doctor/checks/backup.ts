import { newestBackup } from '../../backup/backup-files.ts';
import { BackupError } from '../../backup/backup-error.ts';
import { verifyBackup } from '../../backup/backup.ts';
import { type Check, type DoctorContext, error, ok, unknown, warning } from '../check.ts';

/** The daily backup job plus a margin: newer is recent. */
export const FRESH_HOURS = 36;
/** Older than a week: the copies no longer protect much. */
export const STALE_HOURS = 7 * 24;

const hoursSince = (moment: string, now: Date) => Math.round(((now.getTime() - Date.parse(moment)) / 3_600_000) * 10) / 10;

/** BEVEILIGING: "kopieën die ook weer beveiligd zijn (encrypted)": the newest encrypted backup is recent. */
export const backupRecent: Check = {
  id: 'backup-recent',
  measure: 'encrypted-backups',
  async run({ settings, now }: DoctorContext) {
    const newest = newestBackup(settings.backupDir, now);
    if (newest === null) {
      return settings.backupRecipient === undefined
        ? error({
            nl: 'er worden geen versleutelde back-ups gemaakt: KLUIS_BACKUP_RECIPIENT is niet ingesteld (kluis backup keygen maakt het sleutelpaar)',
            en: 'no encrypted backups are made: KLUIS_BACKUP_RECIPIENT is not set (kluis backup keygen makes the key pair)',
          })
        : error({
            nl: `er staat nog geen back-up in ${settings.backupDir}; kluis serve maakt er dagelijks een, kluis backup create maakt er nu een`,
            en: `there is no backup in ${settings.backupDir} yet; kluis serve makes one daily, kluis backup create one now`,
          });
    }
    const age = hoursSince(newest.createdAt, now);
    const what = {
      nl: `de nieuwste back-up, ${newest.file}, is ${age} uur oud`,
      en: `the newest backup, ${newest.file}, is ${age} hours old`,
    };
    if (age <= FRESH_HOURS) return ok(what);
    if (age <= STALE_HOURS) {
      return warning({
        nl: `${what.nl}: de dagelijkse back-up is niet gemaakt; draait kluis serve met KLUIS_BACKUP_RECIPIENT?`,
        en: `${what.en}: the daily backup did not run; is kluis serve running with KLUIS_BACKUP_RECIPIENT?`,
      });
    }
    return error({ nl: `${what.nl}: al meer dan een week geen back-up`, en: `${what.en}: no backup for more than a week` });
  },
};

/** The newest backup decrypts and passes its checks; only with the key, which is deliberately not kept here. */
export const backupDecrypts: Check = {
  id: 'backup-decrypts',
  measure: 'encrypted-backups',
  async run({ settings, identity, now }: DoctorContext) {
    const newest = newestBackup(settings.backupDir, now);
    if (newest === null)
      return unknown({
        nl: 'niet gecontroleerd: er is geen back-up om te ontsleutelen',
        en: 'not checked: there is no backup to decrypt',
      });
    if (identity === undefined) {
      return unknown({
        nl: 'niet gecontroleerd: de sleutel is hier niet (de privésleutel wordt offline bewaard; controleer met kluis doctor --identity-file BESTAND)',
        en: 'not checked: no key here (the private identity is kept offline; run kluis doctor --identity-file FILE to check)',
      });
    }
    try {
      const verified = await verifyBackup(newest.file, identity);
      if (verified.ok) {
        return ok({
          nl: `${newest.file} is te ontsleutelen en doorstaat de controles (integriteit, tabellen, een logketen van ${verified.chain.entries} regels)`,
          en: `${newest.file} decrypts and passes its checks (integrity, tables, a log chain of ${verified.chain.entries} entries)`,
        });
      }
      const broken = verified.chain.firstBroken?.seq ?? '?';
      const problems = {
        nl: [
          ...(verified.integrity === 'ok' ? [] : [`integriteit: ${verified.integrity}`]),
          ...(verified.missingTables.length === 0 ? [] : [`ontbrekende tabellen: ${verified.missingTables.join(', ')}`]),
          ...(verified.chain.ok ? [] : [`logketen verbroken bij regel ${broken}`]),
        ],
        en: [
          ...(verified.integrity === 'ok' ? [] : [`integrity: ${verified.integrity}`]),
          ...(verified.missingTables.length === 0 ? [] : [`missing tables: ${verified.missingTables.join(', ')}`]),
          ...(verified.chain.ok ? [] : [`log chain broken at entry ${broken}`]),
        ],
      };
      return error({
        nl: `${newest.file} is te ontsleutelen maar doorstaat de controles niet: ${problems.nl.join('; ')}`,
        en: `${newest.file} decrypts but fails its checks: ${problems.en.join('; ')}`,
      });
    } catch (e) {
      if (e instanceof BackupError) {
        // The error's own text is English; its stable code names it in both.
        return error({
          nl: `${newest.file} is met deze sleutel niet te ontsleutelen [${e.code}]: ${e.message}`,
          en: `${newest.file} does not decrypt with this key [${e.code}]: ${e.message}`,
        });
      }
      throw e;
    }
  },
};
