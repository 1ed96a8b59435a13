import type { SelfCheckResultRow, SelfCheckRunRow } from '../db/types.ts';
import type { Policy } from '../policy/policy.ts';
import { measureOf } from './measures.ts';
import type { CheckResultView, RunSummary, SelfCheckRun } from './self-check.schema.ts';

export function presentRunSummary(row: SelfCheckRunRow): RunSummary {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    source: row.source === 'cli' ? 'cli' : 'schedule',
    ranBy: row.ran_by,
    errors: Number(row.errors),
    warnings: Number(row.warnings),
    unknowns: Number(row.unknowns),
  };
}

export function presentResult(
  policy: Policy,
  row: Pick<SelfCheckResultRow, 'check_id' | 'severity' | 'measure' | 'message' | 'message_nl'>,
): CheckResultView {
  return {
    id: row.check_id,
    severity: row.severity,
    message: row.message,
    // Results kept before the Dutch text was stored have only the English.
    messageNl: row.message_nl ?? row.message,
    measure: measureOf(policy, row.measure),
  };
}

export function presentRun(policy: Policy, row: SelfCheckRunRow, results: SelfCheckResultRow[]): SelfCheckRun {
  return { ...presentRunSummary(row), checks: results.map((r) => presentResult(policy, r)) };
}
