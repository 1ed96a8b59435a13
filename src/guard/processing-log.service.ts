import type { Kysely } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';

import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import type { Actor } from './actor.ts';
import { csvField } from '../shared/csv.ts';
import { logAdministration } from './admin-log.ts';
import { actorNames, listEntries } from './processing-log.repository.ts';
import {
  type LogEntry,
  type LogExportQuery,
  type LogQuery,
  logExportQuerySchema,
  logQuerySchema,
} from './processing-log.schema.ts';
import { type ChainReport, verifyChain } from './verify-chain.ts';
import { requireCapability } from './capability.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { businessDate } from '../shared/business-day.ts';

/** Reading and checking the processing log (the `processing_log` capability, the dpo by default). */
export class ProcessingLogService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, clock: Clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  async list(actor: Actor, input: LogQuery): Promise<{ entries: LogEntry[]; next: number | null }> {
    this.requireAuditor(actor);
    const q = parse(logQuerySchema, input, 'log query');
    const rows = await listEntries(this.db, { ...q, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const names = await actorNames(this.db, page);
    return {
      entries: page.map((row) => presentEntry(row, names)),
      next: rows.length > q.limit && last !== undefined ? last.seq : null,
    };
  }

  /**
   * The entries the filters find, newest first (at most `EXPORT_LIMIT`), as CSV for a supervisor or an auditor.
   * The export is itself a processing of what the log names (Art. 5(2): who took the log out, and which part), so
   * it is logged in the transaction that reads it. Purposes are named in `lang`; every cell is formula-safe.
   */
  async exportCsv(
    actor: Actor,
    input: LogExportQuery,
    lang: 'nl' | 'en',
  ): Promise<{ csv: string; entries: number; day: string }> {
    this.requireAuditor(actor);
    const q = parse(logExportQuerySchema, input, 'log export');
    const at = isoNow(this.clock);
    return this.db.transaction().execute(async (trx) => {
      const rows = await listEntries(trx, { ...q, limit: EXPORT_LIMIT });
      const names = await actorNames(trx, rows);
      const filters = Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${String(v)}`);
      await logAdministration(trx, actor, {
        at,
        operation: 'export',
        recordType: 'processing_log',
        records: [],
        reason: `export of ${rows.length} entries${filters.length === 0 ? '' : ` (${filters.join(', ')})`}`,
      });
      const purposeName = (id: string) => this.policy.document.purposes[id]?.name[lang] ?? id;
      const lines = [
        EXPORT_COLUMNS.join(','),
        ...rows.map((r) =>
          [
            String(r.seq),
            r.at,
            r.actor_kind,
            r.actor_id,
            names.get(`${r.actor_kind}:${r.actor_id}`) ?? '',
            r.actor_role,
            r.operation,
            r.record_type,
            r.purpose,
            purposeName(r.purpose),
            (JSON.parse(r.subject_ids) as string[]).join(' '),
            (JSON.parse(r.records) as string[]).join(' '),
            r.outcome,
            r.reason ?? '',
            r.hash,
          ]
            .map(csvField)
            .join(','),
        ),
      ];
      return { csv: `${lines.join('\r\n')}\r\n`, entries: rows.length, day: businessDate(at) };
    });
  }

  async verify(actor: Actor): Promise<ChainReport> {
    this.requireAuditor(actor);
    return verifyChain(this.db, this.clock.now());
  }

  private requireAuditor(actor: Actor): void {
    requireCapability(this.policy, actor, 'processing_log', 'read the processing log');
  }
}

/** The most entries one export holds; narrow the filters (a period) for more. */
export const EXPORT_LIMIT = 50_000;

const EXPORT_COLUMNS = [
  'seq',
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'actor_role',
  'operation',
  'record_type',
  'purpose',
  'purpose_name',
  'subject_ids',
  'records',
  'outcome',
  'reason',
  'hash',
];

export function presentEntry(row: ProcessingLogRow, names: Map<string, string> = new Map()): LogEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: {
      kind: row.actor_kind,
      id: row.actor_id,
      role: row.actor_role,
      name: names.get(`${row.actor_kind}:${row.actor_id}`) ?? null,
    },
    operation: row.operation,
    purpose: row.purpose,
    recordType: row.record_type,
    subjectIds: JSON.parse(row.subject_ids) as string[],
    records: JSON.parse(row.records) as string[],
    outcome: row.outcome,
    reason: row.reason,
    hash: row.hash,
  };
}
