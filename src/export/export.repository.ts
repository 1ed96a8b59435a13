import { sql } from 'kysely';
import type { Executor } from '../db/executor.ts';
import type { ExportTable } from './export-tables.ts';

/** Every row of one table of the export, its named columns only, in the order of its first column (the id). */
export async function readTable(db: Executor, t: ExportTable): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<
    Record<string, unknown>
  >`select ${sql.join(t.columns.map((c) => sql.ref(c)))} from ${sql.table(t.table)} order by ${sql.ref(t.columns[0] ?? 'id')}`.execute(
    db,
  );
  return rows;
}
