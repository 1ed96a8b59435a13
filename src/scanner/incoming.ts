import type { Clock } from '../shared/clock.ts';
import type { ScanProblem, ScanStatus } from '../db/types.ts';
import type { InfectedFile } from '../errors.ts';
import type { ScanResult, Scanner } from './scanner.ts';

/** What a stored file carries of its scan. */
export interface ScanColumns {
  scan_status: ScanStatus;
  scanned_at: string | null;
  scan_problem: ScanProblem | null;
}

/** A file about to be stored: its name (for the record of a refusal) and its bytes. */
export interface IncomingFile {
  name: string;
  content: Uint8Array;
}

/** The scanner's word on files about to be stored: the ones to refuse, and the columns of each. */
export interface IncomingScan {
  infected: InfectedFile[];
  columns: ScanColumns[];
}

/**
 * The columns of a file the scanner has spoken about: clean, or kept in quarantine (never served or packaged)
 * when it could not say. Unscanned only when no scanner is configured, which the self-check reports.
 */
export function scanColumns(result: ScanResult, at: string): ScanColumns {
  switch (result.verdict) {
    case 'clean':
      return { scan_status: 'clean', scanned_at: at, scan_problem: null };
    case 'infected':
      throw new Error(`${result.name} is infected and must not be stored`);
    case 'unavailable':
      return result.reason === 'not_configured'
        ? { scan_status: 'unscanned', scanned_at: null, scan_problem: null }
        : { scan_status: 'quarantined', scanned_at: at, scan_problem: result.reason };
  }
}

/** Scans each file before anything is stored (all at once: clamd scans in parallel). */
export async function scanIncoming(scanner: Scanner, files: IncomingFile[], clock: Clock): Promise<IncomingScan> {
  const results = await Promise.all(files.map((f) => scanner.scan(f.content, f.name)));
  const at = clock.now().toISOString();
  const infected = results.flatMap((r) => (r.verdict === 'infected' ? [{ name: r.name, signature: r.signature }] : []));
  return { infected, columns: infected.length > 0 ? [] : results.map((r) => scanColumns(r, at)) };
}

/**
 * Scans an e-mail as received: clamd reads its MIME parts (attachments, nested mails, the text) in one pass,
 * so a clean mail has clean attachments. Only when it finds something are the attachments scanned one by one,
 * to say which file it was; if none of them alone is, it was the mail's own text (name null).
 */
export async function scanMail(
  scanner: Scanner,
  raw: Uint8Array,
  attachments: IncomingFile[],
  clock: Clock,
): Promise<IncomingScan> {
  const whole = await scanner.scan(raw, 'e-mail');
  if (whole.verdict !== 'infected') {
    const columns = scanColumns(whole, clock.now().toISOString());
    return { infected: [], columns: attachments.map(() => columns) };
  }
  const parts = await scanIncoming(scanner, attachments, clock);
  return { infected: parts.infected.length > 0 ? parts.infected : [{ name: null, signature: whole.signature }], columns: [] };
}
