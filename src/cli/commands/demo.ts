import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { demoMisfits } from '../../demo/demo-fit.ts';
import { loadPolicy } from '../../policy/policy.ts';
import { conflict } from '../../errors.ts';
import { cliActor } from '../../guard/actor.ts';
import { seedDemo } from '../../demo/seed.ts';
import { withRuntime } from '../output.ts';

export function demoCommand(): Command {
  const demo = new Command('demo').description('Demonstration data');
  demo
    .command('seed')
    .description(
      'Fill the database with a realistic Sen ICT data set (50 customers), logged like real work; refused, before anything is written, under a policy the data does not fit',
    )
    .option('--customers <n>', 'how many customers', '50')
    .action(async (o: { customers: string }) => {
      const count = Number(o.customers);
      if (!Number.isInteger(count) || count < 1 || count > 10_000)
        throw new Error('--customers must be a whole number from 1 to 10000');
      // Before the runtime, which migrates and seeds the register: a policy the data does not fit writes nothing.
      const policy = loadPolicy(loadConfig().policyPath);
      const misfits = demoMisfits(policy, cliActor());
      if (misfits.length > 0)
        throw conflict(
          `The demo data does not fit the policy ${policy.source}; nothing was written: ${misfits.join('; ')}`,
          misfits,
        );
      const summary = await withRuntime(async ({ services }) => {
        // Through the guard like every read of personal data: the check itself is logged.
        const existing = await services.subjects.search(cliActor(), { reference: 'DEMO-001' });
        if (existing.length > 0) throw conflict('The demo data is already there (customer DEMO-001 exists)');
        return seedDemo(services, cliActor(), count);
      });
      const consents = summary.consents === 0 ? '' : `, ${summary.consents} consents`;
      console.log(
        `Seeded ${summary.subjects} customers, ${summary.agreements} agreements and quotes, ${summary.invoices} invoices, ${summary.cases} cases${consents}.`,
      );
      if (summary.organisations > 0)
        console.log(
          `Of them, ${summary.contactPersons} are contact persons of ${summary.organisations} organisations, each with an agreement and an invoice.`,
        );
    });
  return demo;
}
