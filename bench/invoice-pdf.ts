import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvoiceLineRow, InvoiceRow } from '../src/db/types.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { cliActor } from '../src/guard/actor.ts';
import { renderInvoicePdf } from '../src/invoices/invoice-pdf.ts';
import type { InvoiceLineInput } from '../src/invoices/invoice.schema.ts';
import { invoicingSettings } from '../src/invoices/invoicing-settings.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { createServices } from '../src/services.ts';
import type { Log } from './datasets.ts';

const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
const START = '<!-- bench:invoice-pdf -->';
const END = '<!-- /bench:invoice-pdf -->';
/** Issue 20: the PDF of an invoice with 20 lines renders in at most 50 ms at the median. */
const MAX_MEDIAN_MS = 50;
const LINES = 20;
const WARMUP = 10;
const ROUNDS = 200;
const SELLER = { kvk: '30123456', vatNumber: 'NL123456789B01', iban: 'NL91ABNA0417164300' };

export interface InvoicePdfRun {
  /** renderInvoicePdf alone: the invoice in memory to the PDF's bytes. */
  renderMs: { median: number; p90: number; max: number };
  /** GET /api/invoices/:id/pdf's work without HTTP: the guard's transaction, the reads, the rendering, the log entry (SQLite). */
  serviceMs: { median: number; p90: number; max: number };
  bytes: number;
  pages: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round2(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
  return { median: at(0.5), p90: at(0.9), max: round2(s[s.length - 1] ?? 0) };
};

async function timed(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

const lines: InvoiceLineInput[] = Array.from({ length: LINES }, (_, i) => ({
  description:
    i % 4 === 0
      ? `Werkplekbeheer ${i + 1}: beheer en updates van laptops en telefoons, inclusief monitoring en back-up van de gebruikers`
      : `Dienst ${i + 1}`,
  quantity: 1 + (i % 5) * 0.25,
  unitPriceCents: 2500 + i * 1375,
  vatRate: i % 3 === 0 ? 9 : 21,
}));

/** Times the PDF of a 20-line invoice, rendered alone and through the service; writes its section of BENCHMARKS.md. */
export async function runInvoicePdfBenchmark(log: Log): Promise<InvoicePdfRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-bench-invoice-'));
  const database = openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    const policy = loadPolicy(POLICY_PATH);
    await seedRecipientsFromPolicy(database.db, policy, new Date().toISOString());
    const services = createServices(database, policy, { invoicing: SELLER });
    const actor = cliActor();
    const subject = await services.subjects.create(actor, {
      firstName: 'Anna',
      lastName: 'de Vries',
      email: 'anna@example.nl',
      addresses: [{ kind: 'billing', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' }],
    });
    const draft = await services.invoices.create(actor, subject.id, { reference: 'K-1042', lines });
    const issued = await services.invoices.issue(actor, draft.id, { completedOn: '2026-11-30' });
    const invoice = await database.db.selectFrom('invoices').selectAll().where('id', '=', issued.id).executeTakeFirstOrThrow();
    const lineRows = await database.db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', '=', issued.id)
      .orderBy('position')
      .execute();
    const input = {
      invoice: invoice as InvoiceRow,
      lines: lineRows as InvoiceLineRow[],
      creditForNumber: null,
      seller: invoicingSettings(policy, SELLER).seller,
      language: 'nl' as const,
    };
    const pdf = await renderInvoicePdf(input);
    const render = stats(await timed(() => renderInvoicePdf(input)));
    const service = stats(await timed(() => services.invoiceMail.pdf(actor, issued.id)));
    services.mailDelivery.close();
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    const run: InvoicePdfRun = { renderMs: render, serviceMs: service, bytes: pdf.length, pages };
    log(
      `invoice PDF (${LINES} lines, ${pages} page(s), ${pdf.length} bytes): render median ${render.median} ms, p90 ${render.p90} ms; through the service ${service.median} ms`,
    );
    log(
      `${render.median <= MAX_MEDIAN_MS ? 'met    ' : 'NOT MET'}  the PDF of a ${LINES}-line invoice renders in at most ${MAX_MEDIAN_MS} ms at the median (${render.median} ms)`,
    );
    writeSection(run);
    return run;
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeSection(run: InvoicePdfRun): void {
  const section = [
    START,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} (\`npm run bench\`, or \`npm run bench:invoice-pdf\` alone): the PDF of an issued invoice with ${LINES} lines`,
    `(two VAT rates, some descriptions over two lines; ${run.pages} page(s), ${run.bytes} bytes), rendered ${ROUNDS} times after ${WARMUP} warm-up rounds by`,
    "`renderInvoicePdf` (pdfkit, in process), and the same through `InvoiceMailService.pdf` on SQLite: the guard's transaction, the reads and the log entry.",
    `Load average at the end of the run: ${os.loadavg()[0]?.toFixed(1) ?? '?'} on ${os.cpus().length} cores.`,
    '',
    `| Measured | Median | p90 | Max | Target: median ≤ ${MAX_MEDIAN_MS} ms |`,
    '|---|---|---|---|---|',
    `| rendering the PDF | ${run.renderMs.median} ms | ${run.renderMs.p90} ms | ${run.renderMs.max} ms | ${run.renderMs.median <= MAX_MEDIAN_MS ? 'met' : '**not met**'} |`,
    `| through the service (SQLite) | ${run.serviceMs.median} ms | ${run.serviceMs.p90} ms | ${run.serviceMs.max} ms | – |`,
    '',
    END,
  ].join('\n');
  const file = path.resolve(import.meta.dirname, '../BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## Invoice PDF (issue 20)\n\n${section}\n`;
  fs.writeFileSync(file, next);
  fs.writeFileSync(path.resolve(import.meta.dirname, 'invoice-pdf-results.json'), `${JSON.stringify(run, null, 2)}\n`);
}
