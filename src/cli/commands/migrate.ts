import { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description('Bring the database schema up to date').action(async () => {
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length === 0 ? 'The schema is current.' : `Applied: ${applied.join(', ')}`);
    } finally {
      await database.close();
    }
  });
}
