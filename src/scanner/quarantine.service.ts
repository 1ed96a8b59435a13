import { throughSystemDoor } from '../guard/door.ts';
import type { Kysely } from 'kysely';
import type { DB, ScanProblem } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Guard } from '../guard/guard.ts';
import * as quarantine from './quarantine.repository.ts';
import type { ScanResult, Scanner } from './scanner.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';

/** The rescan job's actor: a system process with the dpo's rights over messages (release is `modify`, removal `erase`). */
export const QUARANTINE_ACTOR: Actor = { kind: 'system', id: 'quarantine', role: 'dpo' };

/** What one rescan did; `waiting`: files still in quarantine after it. */
export interface RescanReport {
  released: number;
  removed: number;
  waiting: number;
  /** Why the rescan stopped early: the scanner cannot be reached (null: every waiting file was tried). */
  stoppedBecause: string | null;
}

/** Problems of the scanner rather than of one file: the run stops at the first. */
const SCANNER_GONE = new Set<ScanProblem>(['not_configured', 'unreachable', 'timeout']);

/** Files read per kind and run; the job comes back every few minutes for the rest. */
const BATCH = 50;

/**
 * Files kept in quarantine while the scanner could not check them (stored, never served or packaged) are scanned
 * again by a scheduled job once the scanner is back: a clean one is released, an infected one deleted, and each
 * is logged (attachments through the guard, naming their person; breach evidence as administration). A file the
 * scanner still cannot scan stays and records the try; when the scanner itself is gone the run stops there.
 */
export class QuarantineService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly scanner: Scanner;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, guard: Guard, scanner: Scanner, clock: Clock = systemClock) {
    this.db = db;
    this.guard = guard;
    this.scanner = scanner;
    this.clock = clock;
  }

  /** Scans the waiting files again: releases the clean, removes the infected. Safe to run twice at once. */
  async rescan(): Promise<RescanReport> {
    return throughSystemDoor('quarantine', () => this.rescanWaiting());
  }

  private async rescanWaiting(): Promise<RescanReport> {
    const report: RescanReport = { released: 0, removed: 0, waiting: 0, stoppedBecause: null };
    const files = await quarantine.listQuarantined(this.db, BATCH);
    for (const file of files) {
      const result = await this.scanner.scan(file.content, file.filename);
      const at = this.clock.now().toISOString();
      if (result.verdict === 'unavailable') {
        await quarantine.noteAttempt(this.db, file.kind, file.id, at, result.reason);
        // A scanner that is gone fails every next file too; one that refuses this file (too large) may take the next.
        if (SCANNER_GONE.has(result.reason)) {
          report.stoppedBecause = result.detail;
          break;
        }
        continue;
      }
      if (await this.settle(file, result, at)) report[result.verdict === 'clean' ? 'released' : 'removed'] += 1;
    }
    report.waiting = (await quarantine.countQuarantined(this.db)).count;
    return report;
  }

  /** How many files wait in quarantine, and since when the oldest waits; for the self-check. */
  async waiting(): Promise<{ count: number; oldest: string | null }> {
    return throughSystemDoor('self-check', () => quarantine.countQuarantined(this.db));
  }

  private async settle(
    file: quarantine.QuarantinedFile,
    result: Exclude<ScanResult, { verdict: 'unavailable' }>,
    at: string,
  ): Promise<boolean> {
    const clean = result.verdict === 'clean';
    const reason = clean
      ? `virus scan: ${file.filename} released from quarantine`
      : `virus scan: ${file.filename} removed from quarantine, ${result.signature} found`;
    return this.db.transaction().execute(async (trx) => {
      const done = clean
        ? await quarantine.release(trx, file.kind, file.id, at)
        : await quarantine.remove(trx, file.kind, file.id);
      if (!done) return false;
      if (file.kind === 'attachment') {
        const processing = {
          actor: QUARANTINE_ACTOR,
          operation: clean ? ('modify' as const) : ('erase' as const),
          recordType: 'message' as const,
          note: reason,
        };
        await this.guard.recordDecided(trx, [
          {
            processing,
            subjectIds: file.subjectId === null ? [] : [file.subjectId],
            records: [`attachment:${file.id}`, `message:${file.ownerId}`],
          },
        ]);
      } else {
        await logAdministration(trx, QUARANTINE_ACTOR, {
          at: isoNow(this.clock),
          operation: clean ? 'modify' : 'erase',
          recordType: 'breach',
          records: [`breach:${file.ownerId}`, `breach_evidence:${file.id}`],
          reason,
        });
      }
      return true;
    });
  }
}
