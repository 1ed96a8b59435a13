import { Command } from 'commander';
import { runInvoicePdfBenchmark } from './invoice-pdf.ts';

// `npm run bench:invoice-pdf`: the invoice PDF part of `npm run bench` alone.
const program = new Command('npm run bench:invoice-pdf --')
  .description('Time the PDF of a 20-line invoice; writes its section of BENCHMARKS.md')
  .action(async () => {
    await runInvoicePdfBenchmark((m) => console.log(m));
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});
