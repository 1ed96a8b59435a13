import { Command } from 'commander';
import { conflict } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { seedDemo } from '../../demo/seed.ts';
import { withRuntime } from '../output.ts';

export function demoCommand(): Command {
  const demo = new Command('demo').description('Demonstration data');
  demo
    .command('seed')
    .description('Fill the database with a realistic Sen ICT data set (50 customers), logged like real work')
    .option('--customers <n>', 'how many customers', '50')
    .action(async (o: { customers: string }) => {
      const count = Number(o.customers);
      if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new Error('--customers must be a whole number from 1 to 10000');
      const summary = await withRuntime(async ({ services }) => {
        // Through the guard like every read of personal data: the check itself is logged.
        const existing = await services.subjects.search(cliActor(), { reference: 'DEMO-001' });
        if (existing.length > 0) throw conflict('The demo data is already there (customer DEMO-001 exists)');
        return seedDemo(services, cliActor(), count);
      });
      console.log(`Seeded ${summary.subjects} customers, ${summary.agreements} agreements and quotes, ${summary.invoices} invoices, ${summary.cases} cases, ${summary.consents} consents.`);
    });
  return demo;
}
