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
};

async function migrator(db: Kysely<any>): Promise<Migrator> {
  // On PostgreSQL, name the schema: without it Kysely takes migration tables in any schema on the server
  // for its own, and a second Kluis (or a test) in another schema of the same database would skip creating them.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = result.rows[0]?.schema;
  }
  return new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => MIGRATIONS } });
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await (await migrator(db)).migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${result.error instanceof Error ? result.error.message : JSON.stringify(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
