import { z } from 'zod';
import { importKind } from './import-kinds.ts';

/** The largest import file read: 10 MiB, some 50,000 rows of a customer list; larger lists go in several files. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const importQuery = z.strictObject({
  kind: importKind,
  /** The file's name as uploaded: it is recorded on every record ("import: <file name>, <date>"). */
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\u0000-\u001f]+$/, 'must be a file name without folders'),
  dryRun: flag.optional(),
  skipBadRows: flag.optional(),
  purpose: z.string().max(50).optional(),
});

const problem = z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() });

export const importResultSchema = z.object({
  kind: importKind,
  filename: z.string(),
  source: z.string(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  separator: z.enum([',', ';', '\t']),
  dryRun: z.boolean(),
  imported: z.boolean(),
  counts: z.object({ rows: z.number(), create: z.number(), unchanged: z.number(), bad: z.number() }),
  created: z.number(),
  batches: z.number(),
  ignoredColumns: z.array(z.string()),
  fileProblems: z.array(problem),
  rows: z.array(
    z.object({
      row: z.number(),
      reference: z.string(),
      values: z.record(z.string(), z.string()),
      action: z.enum(['create', 'unchanged', 'bad']),
      problems: z.array(problem),
      /**
       * Of an invoice's line that could be read: its invoice date, the day it was paid (when the file says), and its
       * amount and VAT as Kluis computes them.
       */
      line: z
        .object({ invoiceDate: z.string(), paidOn: z.string().optional(), amountCents: z.number(), vatCents: z.number() })
        .optional(),
    }),
  ),
});
