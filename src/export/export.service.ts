import { strToU8, zipSync } from 'fflate';
import type { Actor } from '../guard/actor.ts';
import type { Guard } from '../guard/guard.ts';
import { businessDate } from '../shared/business-day.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { csvField } from '../shared/csv.ts';
import { EXPORT_TABLES } from './export-tables.ts';
import { readTable } from './export.repository.ts';

export type ExportFormat = 'json' | 'csv';

export interface ExportFile {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * Everything the business holds, for its own use or a move to another system (issue 20, part 3): JSON (one
 * document, a list per record type) or CSV (a zip with one file per record type, formula-safe). Only a role the
 * policy lets `export` every customer record type gets it (the dpo); it is one processing, logged, naming every
 * person it holds.
 */
export class ExportService {
  private readonly guard: Guard;
  private readonly clock: Clock;

  /** Reads the time from the guard's clock unless given one. */
  constructor(guard: Guard, clock: Clock = guard.clock) {
    this.guard = guard;
    this.clock = clock;
  }

  async export(actor: Actor, format: ExportFormat): Promise<ExportFile> {
    const at = isoNow(this.clock);
    const tables = await this.guard.process(
      {
        actor,
        operation: 'export',
        recordType: 'subject',
        includes: ['agreement', 'invoice', 'case', 'message', 'consent'],
        note: `export of everything held (${format})`,
      },
      async (ctx) => {
        const read: { name: string; columns: readonly string[]; rows: Record<string, unknown>[] }[] = [];
        for (const t of EXPORT_TABLES) {
          const rows = await readTable(ctx.trx, t);
          read.push({ name: t.name, columns: t.columns, rows });
          ctx.touch(t.name, `${rows.length} rows`);
        }
        for (const s of read.find((t) => t.name === 'subjects')?.rows ?? []) ctx.touch('subject', String(s.id), String(s.id));
        return read;
      },
    );
    const stamp = businessDate(at);
    if (format === 'json') {
      const document = { exportedAt: at, tables: Object.fromEntries(tables.map((t) => [t.name, t.rows])) };
      return {
        filename: `kluis-export-${stamp}.json`,
        contentType: 'application/json',
        content: strToU8(JSON.stringify(document, null, 2)),
      };
    }
    const files = Object.fromEntries(
      tables.map((t) => [
        `${t.name}.csv`,
        strToU8(
          [t.columns.join(','), ...t.rows.map((r) => t.columns.map((c) => csvField(cell(r[c]))).join(','))].join('\r\n') + '\r\n',
        ),
      ]),
    );
    // A fixed time in the zip's entries: the same data gives the same bytes.
    return {
      filename: `kluis-export-${stamp}.zip`,
      contentType: 'application/zip',
      content: zipSync(files, { mtime: new Date(at) }),
    };
  }
}

/** A cell's text: the database gives text, numbers and null; anything else is written as JSON. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value.toString();
  return JSON.stringify(value);
}
