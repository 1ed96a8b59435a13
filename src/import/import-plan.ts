import type { ReadTable } from './csv-file.ts';
import { type ImportKind, type RowProblem, COLUMNS, ROW_SCHEMAS, columnOf, mapHeader, rowInput } from './import-kinds.ts';

/** What the import does with a row: creates it, leaves it (imported before: same reference), or cannot (problems). */
export type RowAction = 'create' | 'unchanged' | 'bad';

export interface PlannedRow {
  /** The line of the file the row starts on (the header is line 1), as a spreadsheet numbers it. */
  row: number;
  reference: string;
  /** The row's cells by column name, as read. */
  values: Record<string, string>;
  action: RowAction;
  problems: RowProblem[];
  /** The row as its schema parsed it, when it has no problems. */
  input?: unknown;
}

export interface FilePlan {
  rows: PlannedRow[];
  /** Problems of the file as a whole (a required column missing): no row can be imported. */
  fileProblems: RowProblem[];
  /** Header cells that are no column of this kind: read past, said in the answer. */
  ignoredColumns: string[];
}

/**
 * Checks every row of the file on its own: the columns it needs, each value against the schema the API uses, and
 * each external reference once. What needs the database (imported before, an organisation that exists) comes after.
 */
export function planFile(kind: ImportKind, table: ReadTable): FilePlan {
  const { mapped, missing, ignored } = mapHeader(kind, table.header);
  const fileProblems: RowProblem[] = missing.map((column) => ({
    row: 1,
    column,
    code: 'column_missing',
    message: `the file has no column ${column}`,
  }));
  const seen = new Map<string, number>();
  const rows = table.rows.map(({ line, cells }): PlannedRow => {
    const values: Record<string, string> = {};
    mapped.forEach((column, i) => {
      if (column !== undefined) values[column] = (cells[i] ?? '').trim();
    });
    const problems: RowProblem[] = [];
    for (const c of COLUMNS[kind]) {
      if (c.required === true && !missing.includes(c.name) && (values[c.name] ?? '') === '')
        problems.push({ row: line, column: c.name, code: 'missing', message: 'is empty' });
    }
    const parsed = ROW_SCHEMAS[kind].safeParse(rowInput(kind, values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = columnOf(issue.path);
        if (!problems.some((p) => p.column === column))
          problems.push({ row: line, column, code: 'invalid', message: issue.message });
      }
    }
    const reference = values.reference ?? '';
    const first = seen.get(reference);
    if (reference !== '' && first !== undefined)
      problems.push({ row: line, column: 'reference', code: 'duplicate', message: `also on line ${first}` });
    else seen.set(reference, line);
    return {
      row: line,
      reference,
      values,
      action: problems.length > 0 || fileProblems.length > 0 ? 'bad' : 'create',
      problems,
      ...(parsed.success && problems.length === 0 ? { input: parsed.data } : {}),
    };
  });
  return { rows, fileProblems, ignoredColumns: ignored };
}
