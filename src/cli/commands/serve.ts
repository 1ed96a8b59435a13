import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { buildApp } from '../../app.ts';
import { standardJobs } from '../../jobs/jobs.ts';
import { smtpServerOf } from '../../mail/settings.ts';
import { Scheduler } from '../../jobs/scheduler.ts';
import { openRuntime } from '../../runtime.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the API (migrating the database first); PORT, HOST and DATABASE_URL configure it')
    .action(async () => {
      const config = loadConfig();
      const runtime = await openRuntime(config);
      const app = await buildApp(runtime.services, {
        logLevel: config.logLevel,
        trustProxy: config.trustProxy,
        publicUrl: config.publicUrl,
        secureCookies: config.publicUrl?.startsWith('https:') ?? false,
      });
      // Outbox delivery (and later retention and the self-check), each on one instance at a time.
      const scheduler = new Scheduler(
        runtime.services.database.db,
        standardJobs(
          runtime.services,
          app.log,
          { mailboxMs: config.imap === undefined ? undefined : config.imap.pollSeconds * 1000 },
          config,
        ),
        { clock: runtime.services.guard.clock, log: app.log },
      );
      const stop = async () => {
        await scheduler.stop();
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      const address = await app.listen({ port: config.port, host: config.host });
      scheduler.start();
      const { database } = runtime.services;
      const userCount = await database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      console.log(`Kluis is listening on ${address}  (database: ${database.dialect}, ${database.location})`);
      console.log(`  Back office: ${address}/app   Privacy statement: ${address}/privacy   Requests: ${address}/privacy/request`);
      console.log(`  API documentation: ${address}/api/docs`);
      console.log(
        config.smtpUrl === undefined
          ? '  Mail: no SMTP_URL, so nothing is sent; messages wait in the outbox (GET /api/outbox)'
          : `  Mail: delivered through ${smtpServerOf(config.smtpUrl)}`,
      );
      console.log(
        config.imap === undefined
          ? '  Mailbox: no KLUIS_IMAP_URL, so mail reaches Kluis only as an .eml import'
          : `  Mailbox: ${smtpServerOf(config.imap.url)}, folder ${config.imap.inbox}, every ${config.imap.pollSeconds} s and at once on new mail`,
      );
      if (Number(userCount.n) === 0) {
        console.log('  No accounts yet. Create the first one, the privacy officer, in another terminal:');
        console.log('    npx kluis user add --email you@example.com --name "Your Name" --role dpo --generate-password');
      }
    });
}
