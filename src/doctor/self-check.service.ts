import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, SelfCheckResultRow, SelfCheckRunRow } from '../db/types.ts';

import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import { NO_SCANNER, type Scanner } from '../scanner/scanner.ts';
import { parse } from '../shared/parse.ts';
import type { DoctorSettings } from './doctor-settings.ts';
import { lastChangeAffectingChecks } from './doctor.repository.ts';
import { runChecks } from './doctor.ts';
import { presentRun, presentRunSummary } from './self-check.presenter.ts';
import * as runs from './self-check.repository.ts';
import { type SelfCheckQuery, type SelfCheckRun, type SelfChecks, selfCheckQuerySchema } from './self-check.schema.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { requireCapability } from '../guard/capability.ts';

export interface RunOptions {
  source: 'schedule' | 'cli';
  /** The age identity to try the newest backup with (`kluis doctor --identity-file`); never stored. */
  identity?: string | undefined;
}

/** Why a scheduled run is due: none yet, the day is over, the settings or something the checks read changed. */
export type DueReason = 'first' | 'daily' | 'settings' | 'change';

/** A digest of the settings a run read: a backup key set, another address or release makes it differ. */
export const settingsDigest = (settings: DoctorSettings): string =>
  createHash('sha256').update(JSON.stringify(settings)).digest('hex');

/** The scheduled run's actor: the job, with the dpo's rights to keep its results. */
export const SELF_CHECK_ACTOR: Actor = { kind: 'system', id: 'self-check', role: 'dpo' };

/**
 * The self-check of the security measures (BEVEILIGING: "dat onze veiligheidsmaatregelen regelmatig
 * gecontroleerd worden"): runs every check, keeps each run and its findings, and shows them to whoever holds
 * the `self_checks` capability (the dpo). A kept run is an administrative entry of the processing log.
 */
export class SelfCheckService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly delivery: { readonly configured: boolean };
  private readonly clock: Clock;
  private readonly scanner: Scanner;

  constructor(
    db: Kysely<DB>,
    policy: Policy,
    delivery: { readonly configured: boolean },
    options: { clock?: Clock; scanner?: Scanner } = {},
  ) {
    this.db = db;
    this.policy = policy;
    this.delivery = delivery;
    this.clock = options.clock ?? systemClock;
    this.scanner = options.scanner ?? NO_SCANNER;
  }

  /** Runs every check and keeps the run; returns it as the API shows it. */
  async run(actor: Actor, settings: DoctorSettings, options: RunOptions): Promise<SelfCheckRun> {
    this.requireKeeper(actor);
    const started = this.clock.now();
    const results = await runChecks({
      db: this.db,
      policy: this.policy,
      settings,
      now: started,
      identity: options.identity,
      deliveryConfigured: this.delivery.configured,
      scanner: this.scanner,
    });
    const count = (severity: string) => results.filter((r) => r.severity === severity).length;
    const run: SelfCheckRunRow = {
      id: randomUUID(),
      started_at: started.toISOString(),
      finished_at: this.clock.now().toISOString(),
      source: options.source,
      ran_by: actor.id,
      errors: count('error'),
      warnings: count('warning'),
      unknowns: count('unknown'),
      settings_digest: settingsDigest(settings),
    };
    const rows: SelfCheckResultRow[] = results.map((r, position) => ({
      run_id: run.id,
      position,
      check_id: r.id,
      severity: r.severity,
      measure: r.measure,
      message: r.message,
      message_nl: r.messageNl,
    }));
    await this.db.transaction().execute(async (trx) => {
      await runs.insertRun(trx, run, rows);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'store',
        recordType: 'self_check',
        records: [`self_check:${run.id}`],
        reason: `self-check: ${run.errors} error(s), ${run.warnings} warning(s), ${run.unknowns} unknown`,
      });
    });
    return presentRun(this.policy, run, rows);
  }

  /**
   * Runs the checks when a scheduled run is due: none was made yet, the newest is `everyMs` old, the settings
   * changed since (the server restarted with a backup key), or the database changed something a check reads
   * since it started (the first dpo created, a second factor confirmed, a processor agreement registered), so
   * the start page is never a day behind. Null when nothing is due.
   */
  async runIfDue(
    actor: Actor,
    settings: DoctorSettings,
    everyMs: number,
  ): Promise<{ run: SelfCheckRun; reason: DueReason } | null> {
    this.requireKeeper(actor);
    const reason = await this.dueReason(settings, everyMs);
    if (reason === null) return null;
    return { run: await this.run(actor, settings, { source: 'schedule' }), reason };
  }

  private async dueReason(settings: DoctorSettings, everyMs: number): Promise<DueReason | null> {
    const newest = await runs.newestScheduledRun(this.db);
    if (newest === undefined) return 'first';
    if (this.clock.now().getTime() - Date.parse(newest.started_at) >= everyMs) return 'daily';
    if (newest.settings_digest !== settingsDigest(settings)) return 'settings';
    const changed = await lastChangeAffectingChecks(this.db);
    return changed !== null && changed >= newest.started_at ? 'change' : null;
  }

  /** The newest run in full, and the history of runs newest first. */
  async history(actor: Actor, input: SelfCheckQuery = {}): Promise<SelfChecks> {
    this.requireKeeper(actor);
    const q = parse(selfCheckQuerySchema, input, 'self-check query');
    const history = await runs.listRuns(this.db, q.limit);
    const newest = history[0];
    return {
      latest: newest === undefined ? null : presentRun(this.policy, newest, await runs.resultsOf(this.db, newest.id)),
      history: history.map(presentRunSummary),
    };
  }

  private requireKeeper(actor: Actor): void {
    requireCapability(this.policy, actor, 'self_checks', 'run or read the self-check');
  }
}
