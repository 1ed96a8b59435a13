import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The EICAR test file (eicar.org): every virus scanner reports it, it does nothing. Kept in two halves so
 * that a scanner on a developer's machine does not flag this source file itself.
 */
export const EICAR = Buffer.from(`X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-` + `ANTIVIRUS-TEST-FILE!$H+H*`, 'latin1');

/** The name clamd reports for EICAR with our database: unsigned signatures get `.UNOFFICIAL` appended. */
export const EICAR_SIGNATURE = 'Kluis.Test.EICAR.UNOFFICIAL';

/** One file of a tar archive (POSIX ustar), as ClamAV's database containers hold them. */
function tarEntry(name: string, data: Buffer, mtime: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) =>
    header.write(value.padEnd(length, '\0').slice(0, length), offset, 'latin1');
  const octal = (value: number, length: number) => `${value.toString(8).padStart(length - 1, '0')}\0`;
  field(0, 100, name);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(data.length, 12));
  field(136, 12, octal(mtime, 12));
  field(148, 8, ' '.repeat(8));
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

/**
 * Writes a signature database of our own into `dir`: `daily.cud`, ClamAV's container for unsigned databases
 * (a CVD header, then a gzipped tar with `daily.info` listing each file's size and SHA-256, and the files),
 * holding one body signature (`.ndb`) that matches EICAR. Named daily so that clamd's VERSION reports its
 * version and date, as it does for the official database that freshclam keeps current: `signedAt` sets that
 * date. The public mirrors cannot be reached from here, and a test must not depend on them anyway.
 */
export function writeSignatureDatabase(dir: string, signedAt: Date = new Date()): void {
  const stime = Math.floor(signedAt.getTime() / 1000);
  // A body signature (`.ndb`: name, any file type, anywhere, the bytes in hex), as the official EICAR one is: it
  // also matches EICAR inside a mail's text or an archive, where a hash of the whole file would not.
  const ndb = Buffer.from(`Kluis.Test.EICAR:0:*:${EICAR.toString('hex')}\n`, 'latin1');
  // ClamAV-VDB:build time:version:signatures:functionality level:MD5:signature:builder:build time in seconds.
  // The fields are separated by colons, so the time of day is written with dashes, as ClamAV's own builder does.
  const built = signedAt.toUTCString().replace(/:/g, '-');
  const header = `ClamAV-VDB:${built}:${Math.floor(stime / 86_400)}:1:90:${'0'.repeat(32)}:unsigned:kluis-tests:${stime}`;
  const info = Buffer.from(`${header}\ndaily.ndb:${ndb.length}:${createHash('sha256').update(ndb).digest('hex')}\n`, 'latin1');
  const tar = Buffer.concat([tarEntry('daily.info', info, stime), tarEntry('daily.ndb', ndb, stime), Buffer.alloc(1024)]);
  fs.writeFileSync(path.join(dir, 'daily.cud'), Buffer.concat([Buffer.from(header.padEnd(512, ' '), 'latin1'), gzipSync(tar)]));
}
