import fs from 'node:fs';
import path from 'node:path';
import { type Check, type DoctorContext, error, ok, unknown, warning } from '../check.ts';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** The files directly in the directory that others than the owner may read or write. */
function openFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(dir, entry.name);
    const mode = fs.statSync(file).mode;
    if ((mode & 0o077) !== 0) found.push(`${file} (${octal(mode)})`);
  }
  return found;
}

/**
 * BEVEILIGING: "de toegang tot uw persoonsgegevens afgeschermd": no other user of the machine may enter the
 * data directory (the SQLite database) or the backup directory. The directories' mode bits decide first:
 * whatever is inside a directory others cannot enter is out of their reach. Kluis also keeps every file in
 * them 0600 (src/db/private-files.ts), so one loosened directory does not open the data; a file that is more
 * open is a warning.
 */
export const dataDirectoryPrivate: Check = {
  id: 'data-directory-private',
  measure: 'access-control',
  async run({ settings }: DoctorContext) {
    const others: string[] = [];
    const group: string[] = [];
    const checked: string[] = [];
    const files: string[] = [];
    for (const dir of new Set([settings.dataDir, settings.backupDir])) {
      let mode: number;
      try {
        mode = fs.statSync(dir).mode;
      } catch {
        continue;
      }
      checked.push(`${dir} (${octal(mode)})`);
      files.push(...openFiles(dir));
      if ((mode & 0o007) !== 0) others.push(`${dir} (${octal(mode)})`);
      else if ((mode & 0o070) !== 0) group.push(`${dir} (${octal(mode)})`);
    }
    if (checked.length === 0)
      return unknown({
        nl: `de datamap ${settings.dataDir} bestaat niet`,
        en: `the data directory ${settings.dataDir} does not exist`,
      });
    if (others.length > 0) {
      return error({
        nl: `andere gebruikers van deze machine hebben toegang tot ${others.join(', ')}; zet de rechten met chmod 700`,
        en: `other users of this machine can enter ${others.join(', ')}; chmod 700 it`,
      });
    }
    if (group.length > 0) {
      return warning({
        nl: `de groep heeft toegang tot ${group.join(', ')}; zet de rechten met chmod 700, tenzij die groep de toegang nodig heeft`,
        en: `the group can enter ${group.join(', ')}; chmod 700 it unless that group needs it`,
      });
    }
    if (files.length > 0) {
      return warning({
        nl: `andere gebruikers mogen ${files.join(', ')} lezen zodra de map openstaat; zet de rechten met chmod 600 (Kluis doet dat bij de start voor de database)`,
        en: `other users may read ${files.join(', ')} once the directory is opened; chmod 600 it (Kluis does so for the database at start)`,
      });
    }
    return ok({
      nl: `alleen de eigenaar heeft toegang tot ${checked.join(', ')} en de bestanden erin`,
      en: `only the owner can enter ${checked.join(', ')} and read the files in it`,
    });
  },
};
