import type { Kysely } from 'kysely';
import type { DB, ProcessingLogRow } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import type { Actor } from './actor.ts';
import { listEntries } from './processing-log.repository.ts';
import { type LogEntry, type LogQuery, logQuerySchema } from './processing-log.schema.ts';
import { type ChainReport, verifyChain } from './verify-chain.ts';

/** Reading and checking the processing log (the `processing_log` capability, the dpo by default). */
export class ProcessingLogService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;

  constructor(db: Kysely<DB>, policy: Policy) {
    this.db = db;
    this.policy = policy;
  }

  async list(actor: Actor, input: LogQuery): Promise<{ entries: LogEntry[]; next: number | null }> {
    this.requireAuditor(actor);
    const q = parse(logQuerySchema, input, 'log query');
    const rows = await listEntries(this.db, { ...q, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { entries: page.map(presentEntry), next: rows.length > q.limit && last !== undefined ? last.seq : null };
  }

  async verify(actor: Actor): Promise<ChainReport> {
    this.requireAuditor(actor);
    return verifyChain(this.db);
  }

  private requireAuditor(actor: Actor): void {
    if (!this.policy.mayAdminister(actor.role, 'processing_log')) {
      throw forbidden(`The role ${actor.role} may not read the processing log`);
    }
  }
}

export function presentEntry(row: ProcessingLogRow): LogEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, role: row.actor_role },
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
