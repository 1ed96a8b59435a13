import fs from 'node:fs';
import { type Check, type DoctorContext, error, ok, unknown, warning } from '../check.ts';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * BEVEILIGING: "de toegang tot uw persoonsgegevens afgeschermd": no other user of the machine may enter the
 * data directory (the SQLite database) or the backup directory. The directories' mode bits decide: whatever is
 * inside a directory others cannot enter is out of their reach, whatever the files' own modes.
 */
export const dataDirectoryPrivate: Check = {
  id: 'data-directory-private',
  measure: 'access-control',
  async run({ settings }: DoctorContext) {
    const others: string[] = [];
    const group: string[] = [];
    const checked: string[] = [];
    for (const dir of new Set([settings.dataDir, settings.backupDir])) {
      let mode: number;
      try {
        mode = fs.statSync(dir).mode;
      } catch {
        continue;
      }
      checked.push(`${dir} (${octal(mode)})`);
      if ((mode & 0o007) !== 0) others.push(`${dir} (${octal(mode)})`);
      else if ((mode & 0o070) !== 0) group.push(`${dir} (${octal(mode)})`);
    }
    if (checked.length === 0) return unknown({ nl: `de datamap ${settings.dataDir} bestaat niet`, en: `the data directory ${settings.dataDir} does not exist` });
    if (others.length > 0) {
      return error({ nl: `andere gebruikers van deze machine hebben toegang tot ${others.join(', ')}; zet de rechten met chmod 700`, en: `other users of this machine can enter ${others.join(', ')}; chmod 700 it` });
    }
    if (group.length > 0) {
      return warning({
        nl: `de groep heeft toegang tot ${group.join(', ')}; zet de rechten met chmod 700, tenzij die groep de toegang nodig heeft`,
        en: `the group can enter ${group.join(', ')}; chmod 700 it unless that group needs it`,
      });
    }
    return ok({ nl: `alleen de eigenaar heeft toegang tot ${checked.join(', ')}`, en: `only the owner can enter ${checked.join(', ')}` });
  },
};
