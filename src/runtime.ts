import type { Config } from './config/env.ts';
import { scannerGate } from './mailbox/attachment-gate.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { sealLog } from './guard/log-sealer.ts';
import { loadMailKey } from './mail/mail-secrets.ts';
import { dnsResolver } from './mailbox/mail-authentication.ts';
import { loadPolicy } from './policy/policy.ts';
import { seedRecipientsFromPolicy } from './registers/recipient-seed.ts';
import { scannerFor } from './scanner/scanner.ts';
import { createServices, type Services } from './services.ts';
import { isoNow, systemClock } from './shared/clock.ts';
import { eraseUndeclaredGender } from './subjects/gender.ts';

export interface Runtime {
  services: Services;
  close(): Promise<void>;
}

/** Loads the policy, opens the database, brings its schema up to date and wires the services. */
export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const policy = loadPolicy(config.policyPath);
  const database: Database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // The process runs on the machine's time: the one clock of the seed, the services and the mailbox's gate.
  const clock = systemClock;
  try {
    if (options.migrate ?? true) {
      await migrateToLatest(database.db);
      await seedRecipientsFromPolicy(database.db, policy, isoNow(clock));
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const scanner = scannerFor(config.clamdUrl);
  const services = createServices(database, policy, {
    mail: { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, secretKey: loadMailKey(config), dkim: config.dkim },
    publicUrl: config.publicUrl,
    clock,
    disclosureNoticeLeadMs: config.disclosureNoticeLeadHours * 3_600_000,
    retentionBatch: config.retentionBatch,
    restrictionLiftNoticeDays: config.restrictionLiftNoticeDays,
    reminderDeadlineDays: config.reminderDeadlineDays,
    scanner,
    mailbox: {
      settings: config.imap,
      resolver: config.imap?.dnsServers === undefined ? undefined : dnsResolver(config.imap.dnsServers),
      gate: scannerGate(scanner, clock),
    },
    invoicing: config.invoicing,
  });
  if (options.migrate ?? true) {
    try {
      // Once per installation: gender stored before the policy stopped processing it (Art. 5(1)(c) GDPR).
      await eraseUndeclaredGender(database.db, services.guard);
    } catch (error) {
      services.mailDelivery.close();
      await database.close();
      throw error;
    }
  }
  return {
    services,
    close: async () => {
      services.mailDelivery.close();
      await services.mailbox.reader?.close();
      // What this process logged is chained before it exits, also where no `kluis serve` runs a sealer.
      await sealLog(database.db).catch(() => undefined);
      await database.close();
    },
  };
}
