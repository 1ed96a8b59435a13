import type { SelfCheckResultRow, SelfCheckRunRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

const RUN_COLUMNS = [
  'id',
  'started_at',
  'finished_at',
  'source',
  'ran_by',
  'errors',
  'warnings',
  'unknowns',
  'settings_digest',
] as const;
const RESULT_COLUMNS = ['run_id', 'position', 'check_id', 'severity', 'measure', 'message', 'message_nl'] as const;

export async function insertRun(db: Executor, run: SelfCheckRunRow, results: SelfCheckResultRow[]): Promise<void> {
  await db.insertInto('self_check_runs').values(run).execute();
  if (results.length > 0) await db.insertInto('self_check_results').values(results).execute();
}

/** The newest runs first. */
export const listRuns = (db: Executor, limit: number): Promise<SelfCheckRunRow[]> =>
  db.selectFrom('self_check_runs').select(RUN_COLUMNS).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

export const resultsOf = (db: Executor, runId: string): Promise<SelfCheckResultRow[]> =>
  db.selectFrom('self_check_results').select(RESULT_COLUMNS).where('run_id', '=', runId).orderBy('position').execute();

/** The newest run of the scheduled job (a run by `kluis doctor` reads the CLI's settings, not the server's). */
export const newestScheduledRun = (db: Executor) =>
  db
    .selectFrom('self_check_runs')
    .select(['id', 'started_at', 'settings_digest'])
    .where('source', '=', 'schedule')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
