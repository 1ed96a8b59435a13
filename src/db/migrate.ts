import { withCurrentSchemaIntrospection } from './schema-introspector.ts';
import { type Kysely, type Migration, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import * as createAccounts from './migrations/2026-11-25T0900-create-accounts.ts';
import * as createProcessingLog from './migrations/2026-11-25T0910-create-processing-log.ts';
import * as createRecords from './migrations/2026-11-25T0920-create-records.ts';
import * as consentsInForce from './migrations/2026-11-25T1200-consents-in-force.ts';
import * as createRegisters from './migrations/2026-11-25T1300-create-registers.ts';
import * as indexAttachmentsBySubject from './migrations/2026-11-25T1400-index-attachments-by-subject.ts';
import * as createRights from './migrations/2026-11-25T1500-create-rights.ts';
import * as outboxClaims from './migrations/2026-11-25T1600-outbox-claims.ts';
import * as requestEvidenceAndNotes from './migrations/2026-11-25T1720-request-evidence-and-notes.ts';
import * as indexPerPersonPaths from './migrations/2026-11-25T1800-index-per-person-paths.ts';
import * as legalHoldsAndErasureLedger from './migrations/2026-11-25T1900-create-legal-holds-and-erasure-ledger.ts';
import * as secondFactorAndTokens from './migrations/2026-11-26T1100-second-factor-and-tokens.ts';
import * as retainUntil from './migrations/2026-11-26T0900-retain-until.ts';
import * as createDisclosures from './migrations/2026-11-26T1000-create-disclosures.ts';
import * as breachesAndSelfChecks from './migrations/2026-11-26T1200-create-breaches-and-self-checks.ts';
import * as selfCheckMessagesNl from './migrations/2026-11-26T1300-self-check-messages-nl.ts';
import * as logLinksWithoutForeignKey from './migrations/2026-11-26T1400-log-links-without-foreign-key.ts';
import * as ledgerRecordsWith from './migrations/2026-11-26T1500-ledger-records-with.ts';
import * as oneTimeJobs from './migrations/2026-12-02T1500-one-time-jobs.ts';
import * as outboxSealedSecrets from './migrations/2026-12-02T1800-outbox-sealed-secrets.ts';
import * as restrictionLiftAnnouncement from './migrations/2026-12-02T1800-restriction-lift-announcement.ts';
import * as requestAttachmentsDropped from './migrations/2026-12-02T1900-request-attachments-dropped.ts';
import * as accessAwaitingRelease from './migrations/2026-12-02T1910-access-awaiting-release.ts';
import * as subjectSource from './migrations/2026-12-02T2000-subject-source.ts';
import * as retentionOfConsentsAndContactDetails from './migrations/2026-12-03T0900-retention-of-consents-and-contact-details.ts';
import * as retentionOfMailAndLog from './migrations/2026-12-03T0910-retention-of-mail-and-log.ts';
import * as portability from './migrations/2026-12-03T0920-portability.ts';
import * as recipientCompanies from './migrations/2026-12-03T0930-recipient-companies.ts';
import * as fileScans from './migrations/2026-12-03T0950-file-scans.ts';
import * as createMailbox from './migrations/2026-12-03T1000-create-mailbox.ts';
import * as logSealedLater from './migrations/2026-12-03T1410-log-sealed-later.ts';
import * as invoicesThatGoOut from './migrations/2026-12-03T1420-invoices-that-go-out.ts';
import * as organisations from './migrations/2026-12-03T1430-organisations.ts';
import * as accountInvitations from './migrations/2026-12-03T1500-account-invitations.ts';
import * as reminders from './migrations/2026-12-04T1050-reminders.ts';
import * as importSources from './migrations/2026-12-04T1100-import-sources.ts';
import * as importedInvoices from './migrations/2026-12-05T2200-imported-invoices.ts';

// Listed here rather than read from the folder, so the set of migrations is part of the code that ships.
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-25T0900-create-accounts': createAccounts,
  '2026-11-25T0910-create-processing-log': createProcessingLog,
  '2026-11-25T0920-create-records': createRecords,
  '2026-11-25T1200-consents-in-force': consentsInForce,
  '2026-11-25T1300-create-registers': createRegisters,
  '2026-11-25T1400-index-attachments-by-subject': indexAttachmentsBySubject,
  '2026-11-25T1500-create-rights': createRights,
  '2026-11-25T1600-outbox-claims': outboxClaims,
  '2026-11-25T1720-request-evidence-and-notes': requestEvidenceAndNotes,
  '2026-11-25T1800-index-per-person-paths': indexPerPersonPaths,
  '2026-11-25T1900-create-legal-holds-and-erasure-ledger': legalHoldsAndErasureLedger,
  '2026-11-26T1100-second-factor-and-tokens': secondFactorAndTokens,
  '2026-11-26T0900-retain-until': retainUntil,
  '2026-11-26T1000-create-disclosures': createDisclosures,
  '2026-11-26T1200-create-breaches-and-self-checks': breachesAndSelfChecks,
  '2026-11-26T1300-self-check-messages-nl': selfCheckMessagesNl,
  '2026-11-26T1400-log-links-without-foreign-key': logLinksWithoutForeignKey,
  '2026-11-26T1500-ledger-records-with': ledgerRecordsWith,
  '2026-12-02T1500-one-time-jobs': oneTimeJobs,
  '2026-12-02T1800-outbox-sealed-secrets': outboxSealedSecrets,
  '2026-12-02T1800-restriction-lift-announcement': restrictionLiftAnnouncement,
  '2026-12-02T1900-request-attachments-dropped': requestAttachmentsDropped,
  '2026-12-02T1910-access-awaiting-release': accessAwaitingRelease,
  '2026-12-02T2000-subject-source': subjectSource,
  '2026-12-03T0900-retention-of-consents-and-contact-details': retentionOfConsentsAndContactDetails,
  '2026-12-03T0910-retention-of-mail-and-log': retentionOfMailAndLog,
  '2026-12-03T0920-portability': portability,
  '2026-12-03T0930-recipient-companies': recipientCompanies,
  '2026-12-03T0950-file-scans': fileScans,
  '2026-12-03T1000-create-mailbox': createMailbox,
  '2026-12-03T1410-log-sealed-later': logSealedLater,
  '2026-12-03T1420-invoices-that-go-out': invoicesThatGoOut,
  '2026-12-03T1430-organisations': organisations,
  '2026-12-03T1500-account-invitations': accountInvitations,
  '2026-12-04T1050-reminders': reminders,
  '2026-12-04T1100-import-sources': importSources,
  '2026-12-05T2200-imported-invoices': importedInvoices,
};

async function migrator(db: Kysely<any>): Promise<Migrator> {
  // On PostgreSQL, name the schema: without it Kysely takes migration tables in any schema on the server
  // for its own, and a second Kluis (or a test) in another schema of the same database would skip creating them.
  // And let it read only that schema's catalog (see CurrentSchemaIntrospector for what reading all of them broke).
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    const migrationTableSchema = result.rows[0]?.schema;
    return new Migrator({
      db: withCurrentSchemaIntrospection(db),
      migrationTableSchema,
      provider: { getMigrations: async () => MIGRATIONS },
    });
  }
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await (await migrator(db)).migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `Migration ${failed} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`,
      { cause: result.error },
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Brings the schema to a named migration, no further: a restore first rebuilds the schema a backup was made
 * under, loads its rows, and only then migrates to the newest.
 */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  if (!(name in MIGRATIONS)) throw new Error(`Unknown migration ${name}: the backup was made by a newer Kluis`);
  const result = await (await migrator(db)).migrateTo(name);
  if (result.error !== undefined)
    throw new Error(
      `Migration to ${name} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`,
      { cause: result.error },
    );
}

/** The names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
