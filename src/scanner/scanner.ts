import type { Readable } from 'node:stream';
import type { ScanProblem } from '../db/types.ts';
import { type ClamdAddress, describeClamdAddress, parseClamdUrl } from './clamd-address.ts';
import { ClamdFailure, type ClamdTimeouts, clamdCommand, clamdInstream } from './clamd-client.ts';
import { type ClamdVersion, parseClamdVersion } from './clamd-version.ts';

/** Why a file could not be scanned: each is a reason to keep it in quarantine, never a reason to call it clean. */
export const UNAVAILABLE_REASONS = [
  'not_configured',
  'unreachable',
  'timeout',
  'cut_off',
  'size_limit',
  'scanner_error',
  'garbage',
] as const satisfies readonly ScanProblem[];
export type UnavailableReason = ScanProblem;

/** The verdict on one file, with the name it was scanned under. */
export type ScanResult = { name: string } & (
  | { verdict: 'clean' }
  | { verdict: 'infected'; signature: string }
  | { verdict: 'unavailable'; reason: UnavailableReason; detail: string }
);

/** What the self-check learns from the scanner: whether it answers, and how old its signatures are. */
export type ScannerProbe = { reachable: true; version: ClamdVersion } | { reachable: false; detail: string };

/**
 * The virus scanner every file passes before it is stored (statement, BEVEILIGING: "antivirusscanners"). One
 * service for every way in (an upload, an .eml import, breach evidence, later the mailbox), so each decides
 * the same way: clean is stored, infected is refused, unavailable is kept in quarantine.
 */
export interface Scanner {
  /** False without KLUIS_CLAMD_URL: files are then stored unscanned and the self-check reports the measure as not met. */
  readonly configured: boolean;
  /** Where the scanner listens, for messages; null when none is configured. */
  readonly address: string | null;
  /** Scans bytes or a stream (read to its end once; keep the bytes yourself should it have to go to quarantine). */
  scan(content: Uint8Array | Readable | AsyncIterable<Uint8Array>, name: string): Promise<ScanResult>;
  probe(): Promise<ScannerProbe>;
}

export interface ClamdScannerOptions extends Partial<ClamdTimeouts> {
  /** Bytes per INSTREAM chunk; clamd's StreamMaxLength limits the whole, not the chunk. */
  chunkBytes?: number;
}

const CLEAN = /^stream: OK$/;
const CUT_OFF_RETRIES = 3;
const FOUND = /^stream: ([\x21-\x7e][\x20-\x7e]{0,199}) FOUND$/;
const SIZE_LIMIT = /size limit exceeded/i;

/** clamd's answer to INSTREAM as a verdict; anything but its two exact answers is not a verdict. */
export function verdictOf(name: string, reply: string): ScanResult {
  const text = reply.replace(/\n$/, '');
  if (CLEAN.test(text)) return { name, verdict: 'clean' };
  const found = FOUND.exec(text);
  if (found?.[1] !== undefined) return { name, verdict: 'infected', signature: found[1] };
  const shown = JSON.stringify(text.slice(0, 120));
  if (SIZE_LIMIT.test(text))
    return {
      name,
      verdict: 'unavailable',
      reason: 'size_limit',
      detail: `the file is larger than the scanner's StreamMaxLength (${shown})`,
    };
  if (/ ERROR$/.test(text))
    return { name, verdict: 'unavailable', reason: 'scanner_error', detail: `the scanner reported an error: ${shown}` };
  return {
    name,
    verdict: 'unavailable',
    reason: 'garbage',
    detail: `the scanner answered something that is no verdict: ${shown}`,
  };
}

/** ClamAV's daemon over INSTREAM (TCP or its local socket). */
export class ClamdScanner implements Scanner {
  readonly configured = true;
  readonly address: string;
  private readonly target: ClamdAddress;
  private readonly options: ClamdTimeouts & { chunkBytes: number };

  constructor(target: ClamdAddress, options: ClamdScannerOptions = {}) {
    this.target = target;
    this.address = describeClamdAddress(target);
    this.options = {
      connectMs: options.connectMs ?? 3_000,
      idleMs: options.idleMs ?? 30_000,
      chunkBytes: options.chunkBytes ?? 64 * 1024,
    };
  }

  async scan(content: Uint8Array | Readable | AsyncIterable<Uint8Array>, name: string): Promise<ScanResult> {
    let result = await this.scanOnce(content, name);
    // clamd hangs up at once on a stream over its StreamMaxLength, and its answer can be lost when that crosses
    // a write of ours (clamd-client.ts); bytes in hand get more tries, each of which nearly always reads the answer
    // (one retry was not enough once in CI, under load). Still cut off after them, the file goes to quarantine.
    for (
      let retry = 0;
      retry < CUT_OFF_RETRIES && result.verdict === 'unavailable' && result.reason === 'cut_off' && content instanceof Uint8Array;
      retry += 1
    ) {
      result = await this.scanOnce(content, name);
    }
    return result;
  }

  private async scanOnce(content: Uint8Array | Readable | AsyncIterable<Uint8Array>, name: string): Promise<ScanResult> {
    try {
      return verdictOf(name, await clamdInstream(this.target, content, this.options));
    } catch (error) {
      if (!(error instanceof ClamdFailure)) throw error;
      return { name, verdict: 'unavailable', reason: error.kind, detail: `${this.address}: ${error.message}` };
    }
  }

  async probe(): Promise<ScannerProbe> {
    try {
      const pong = await clamdCommand(this.target, 'PING', this.options);
      if (pong.trim() !== 'PONG')
        return { reachable: false, detail: `${this.address} answered PING with ${JSON.stringify(pong.slice(0, 80))}` };
      const reply = await clamdCommand(this.target, 'VERSION', this.options);
      const version = parseClamdVersion(reply);
      if (version === null)
        return { reachable: false, detail: `${this.address} answered VERSION with ${JSON.stringify(reply.slice(0, 80))}` };
      return { reachable: true, version };
    } catch (error) {
      if (!(error instanceof ClamdFailure)) throw error;
      return { reachable: false, detail: `${this.address}: ${error.message}` };
    }
  }
}

/** No scanner configured (no KLUIS_CLAMD_URL): nothing is scanned, and every caller can tell. */
export const NO_SCANNER: Scanner = {
  configured: false,
  address: null,
  scan: async (_content, name) => ({
    name,
    verdict: 'unavailable',
    reason: 'not_configured',
    detail: 'no virus scanner is configured (KLUIS_CLAMD_URL)',
  }),
  probe: async () => ({ reachable: false, detail: 'no virus scanner is configured (KLUIS_CLAMD_URL)' }),
};

/** The scanner of KLUIS_CLAMD_URL (already validated by the configuration), or none. */
export function scannerFor(url: string | undefined, options: ClamdScannerOptions = {}): Scanner {
  if (url === undefined) return NO_SCANNER;
  const address = parseClamdUrl(url);
  if (address === null) throw new Error(`KLUIS_CLAMD_URL is not tcp://host:port or unix:///path: ${url}`);
  return new ClamdScanner(address, options);
}
