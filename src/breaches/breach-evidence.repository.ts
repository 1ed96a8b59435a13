import type { BreachEvidenceRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

/** Everything about a piece of evidence but its content, which is only read when downloaded. */
const SUMMARY_COLUMNS = [
  'id',
  'breach_id',
  'filename',
  'content_type',
  'size_bytes',
  'sha256',
  'scan_status',
  'scanned_at',
  'scan_problem',
  'added_at',
  'added_by',
] as const;
export type EvidenceSummaryRow = Omit<BreachEvidenceRow, 'content'>;

export async function insert(db: Executor, row: BreachEvidenceRow): Promise<void> {
  await db.insertInto('breach_evidence').values(row).execute();
}

/** A breach's evidence, oldest first, without the content. */
export const listByBreach = (db: Executor, breachId: string): Promise<EvidenceSummaryRow[]> =>
  db
    .selectFrom('breach_evidence')
    .select(SUMMARY_COLUMNS)
    .where('breach_id', '=', breachId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();

/** The one query that reads the content: the download. */
export const getWithContent = (db: Executor, id: string): Promise<BreachEvidenceRow | undefined> =>
  db
    .selectFrom('breach_evidence')
    .select([...SUMMARY_COLUMNS, 'content'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Whether the breach exists. */
export async function breachExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('breaches').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
