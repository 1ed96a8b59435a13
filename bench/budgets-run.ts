import { Command } from 'commander';
import {
  type BudgetServer,
  judge,
  measureBackOffice,
  measurePublicPages,
  publicPagePaths,
  startBudgetServer,
  writeBudgetsSection,
} from './budgets.ts';

// `npm run budgets`: issue 8's page-weight budgets, against a server of its own (or `--url` of a running one,
// with `--reference` of a request filed there); writes its section of BENCHMARKS.md; exits 1 when one is exceeded.
const program = new Command('npm run budgets --')
  .description('Measure the back office JavaScript on first load and each public page; writes its section of BENCHMARKS.md')
  .option('--url <url>', 'a running Kluis to fetch the public pages from (default: one started here on a scratch database)')
  .option('--reference <reference>', 'with --url: a request reference for the verify and status pages', 'V-2026-AAAAAA')
  .action(async (options: { url?: string; reference: string }) => {
    const backOffice = measureBackOffice();
    const server: BudgetServer | undefined = options.url === undefined ? await startBudgetServer() : undefined;
    try {
      const baseUrl = server?.baseUrl ?? options.url ?? '';
      const pages = await measurePublicPages(
        baseUrl,
        publicPagePaths(server?.reference ?? options.reference, server?.token ?? 'A'.repeat(43)),
      );
      const report = judge(backOffice, pages);
      writeBudgetsSection(report);
      console.log(
        `back office JavaScript, first load: ${(backOffice.jsGzip / 1024).toFixed(1)} KB gzipped in ${backOffice.scripts.length} files`,
      );
      for (const p of pages) console.log(`${(p.bytes / 1024).toFixed(1).padStart(6)} KB  ${p.status}  ${p.path}`);
      for (const line of report.exceeded) console.error(`EXCEEDED  ${line}`);
      process.exitCode = report.exceeded.length === 0 ? 0 : 1;
    } finally {
      await server?.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});
