import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { buildApp } from '../../http/app.ts';
import { openRuntime } from '../../runtime.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the API (migrating the database first); PORT, HOST and DATABASE_URL configure it')
    .action(async () => {
      const config = loadConfig();
      const runtime = await openRuntime(config);
      const app = await buildApp(runtime.services, { logLevel: config.logLevel });
      const stop = async () => {
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      const address = await app.listen({ port: config.port, host: config.host });
      const { database } = runtime.services;
      const userCount = await database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      console.log(`Kluis is listening on ${address}  (database: ${database.dialect}, ${database.location})`);
      console.log(`  API documentation: ${address}/api/docs`);
      if (Number(userCount.n) === 0) {
        console.log('  No accounts yet. Create the first one, the privacy officer, in another terminal:');
        console.log('    npx kluis user add --email you@example.com --name "Your Name" --role dpo --generate-password');
      }
    });
}
