import type { StatementVersionRow } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

export const SUMMARY_COLUMNS = [
  'version',
  'published_at',
  'published_by',
  'content_hash',
  'material_change',
  'change_summary',
  'customer_notice',
] as const;
export const CONTENT_COLUMNS = ['markdown_nl', 'markdown_en', 'html_nl', 'html_en'] as const;

export type StatementVersionSummaryRow = Pick<StatementVersionRow, (typeof SUMMARY_COLUMNS)[number]>;

/** Every published version, newest first, without its content. */
export const list = (db: Executor): Promise<StatementVersionSummaryRow[]> =>
  db.selectFrom('statement_versions').select(SUMMARY_COLUMNS).orderBy('version', 'desc').execute();

export const latest = (db: Executor): Promise<StatementVersionRow | undefined> =>
  db
    .selectFrom('statement_versions')
    .select([...SUMMARY_COLUMNS, ...CONTENT_COLUMNS])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const getByVersion = (db: Executor, version: number): Promise<StatementVersionRow | undefined> =>
  db
    .selectFrom('statement_versions')
    .select([...SUMMARY_COLUMNS, ...CONTENT_COLUMNS])
    .where('version', '=', version)
    .executeTakeFirst();

export async function insert(db: Executor, row: StatementVersionRow): Promise<void> {
  await db.insertInto('statement_versions').values(row).execute();
}
