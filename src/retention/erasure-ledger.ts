import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/types.ts';

import type { Actor } from '../guard/actor.ts';
import type { Policy } from '../policy/policy.ts';
import { parse } from '../shared/parse.ts';
import type { Executor } from '../db/executor.ts';
import { requireCapability } from '../guard/capability.ts';
import * as ledger from './erasure-ledger.repository.ts';

/**
 * One deleted record, as opaque ids only: never a name, an address or any content. A restore replays these
 * (issue 5, point 6), so a backup made before an erasure never brings the person back.
 */
export interface ErasureEntry {
  kind: 'erasure' | 'retention';
  recordType: string;
  recordId: string;
  subjectId: string;
  /** The erasure request behind it; null for the retention sweep. */
  requestId?: string | null;
  /** Records that went with it and have no row of their own (a subject removed by the sweep: its records). */
  recordsWith?: number;
}

/** Writes the ledger rows in the caller's transaction (the one that deletes the records), in one statement. */
export async function recordErasures(trx: Executor, entries: ErasureEntry[], at: string): Promise<void> {
  const rows = entries.map((e) => ({
    at,
    kind: e.kind,
    record_type: e.recordType,
    record_id: e.recordId,
    subject_id: e.subjectId,
    request_id: e.requestId ?? null,
    records_with: e.recordsWith ?? 0,
  }));
  await ledger.insertEntries(trx, rows);
}

export const ledgerQuerySchema = z.strictObject({
  /** Entries after this sequence number (the last one of the previous page). */
  after: z.coerce.number().int().min(0).default(0),
  /** Only entries at or after this moment (the time a backup was made). */
  since: z.iso
    .datetime({ offset: true })
    .transform((t) => new Date(t).toISOString())
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type LedgerQuery = z.input<typeof ledgerQuerySchema>;

export const ledgerEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  kind: z.enum(['erasure', 'retention']),
  recordType: z.string(),
  recordId: z.string(),
  subjectId: z.string(),
  requestId: z.string().nullable(),
  /** Records that went with this one without a row of their own (a subject the retention sweep removed). */
  recordsWith: z.number(),
});
export const ledgerPageSchema = z.object({
  entries: z.array(ledgerEntrySchema),
  /** Pass as `after` for the next page; null when this was the last. */
  next: z.number().nullable(),
});
export type LedgerPage = z.infer<typeof ledgerPageSchema>;

/**
 * The erasure ledger, oldest first, by sequence: for the backup restore, which replays it. Holds no
 * personal data beyond opaque ids, so reading it passes no guard; it is the dpo's (capability
 * `processing_log`: like the log, it is the record of what was done).
 */
export class ErasureLedgerService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;

  constructor(db: Kysely<DB>, policy: Policy) {
    this.db = db;
    this.policy = policy;
  }

  async list(actor: Actor, input: LedgerQuery): Promise<LedgerPage> {
    requireCapability(this.policy, actor, 'processing_log', 'read the erasure ledger');
    const q = parse(ledgerQuerySchema, input, 'ledger query');
    // One more than the page, to know whether another follows.
    const rows = await ledger.listAfter(this.db, q.after, q.since, q.limit + 1);
    const page = rows.slice(0, q.limit).map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      kind: r.kind,
      recordType: r.record_type,
      recordId: r.record_id,
      subjectId: r.subject_id,
      requestId: r.request_id,
      recordsWith: Number(r.records_with),
    }));
    return { entries: page, next: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null };
  }
}
