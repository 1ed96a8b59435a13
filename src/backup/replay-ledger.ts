import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import { DELETED_TABLES, type DeletedType, deleteRecords } from '../retention/deleter.ts';
import { BackupError } from './backup-error.ts';

/** One row of the current erasure ledger, as read before the database is replaced. */
export interface LedgerRow {
  seq: number;
  at: string;
  kind: 'erasure' | 'retention';
  record_type: string;
  record_id: string;
  subject_id: string;
  request_id: string | null;
  records_with: number;
}

const SPECIAL = new Set(['subject', 'subject_contact_details', 'organisation', 'organisation_contact_details', 'rights_request']);

/** The ledger rows after a backup's high-water mark, oldest first. */
export async function ledgerAfter(db: Kysely<DB>, seq: number): Promise<LedgerRow[]> {
  const rows = await db
    .selectFrom('erasure_ledger')
    .select(['seq', 'at', 'kind', 'record_type', 'record_id', 'subject_id', 'request_id', 'records_with'])
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), records_with: Number(r.records_with) }));
}

/** Refuses before anything is replaced when the ledger names a record type this code cannot delete again. */
export function assertReplayable(rows: LedgerRow[]): void {
  const unknown = [...new Set(rows.map((r) => r.record_type).filter((t) => !(t in DELETED_TABLES) && !SPECIAL.has(t)))];
  if (unknown.length > 0)
    throw new BackupError(
      'backup_unknown_ledger_record',
      `The erasure ledger names record types the restore cannot re-apply: ${unknown.join(', ')}. Nothing was changed.`,
    );
}

export interface ReplaySummary {
  entries: number;
  erasures: number;
  retention: number;
  subjects: number;
}

/**
 * Deletes again, in the restored copy and in one transaction, every record the current ledger says was
 * erased or swept after the backup; copies those ledger rows into the copy's ledger, and logs one summary.
 */
export async function replayLedger(
  db: Kysely<DB>,
  rows: LedgerRow[],
  actor: Actor,
  backupName: string,
  at: string,
): Promise<ReplaySummary> {
  assertReplayable(rows);
  const summary: ReplaySummary = {
    entries: rows.length,
    erasures: rows.filter((r) => r.kind === 'erasure').length,
    retention: rows.filter((r) => r.kind === 'retention').length,
    subjects: new Set(rows.map((r) => r.subject_id)).size,
  };
  await db.transaction().execute(async (trx) => {
    for (const row of rows) await deleteAgain(trx, row);
    for (const row of rows) {
      await trx
        .insertInto('erasure_ledger')
        .values({
          at: row.at,
          kind: row.kind,
          record_type: row.record_type,
          record_id: row.record_id,
          subject_id: row.subject_id,
          request_id: row.request_id,
          records_with: row.records_with,
        })
        .execute();
    }
    await logAdministration(trx, actor, {
      at,
      operation: 'erase',
      recordType: 'backup',
      records: [`backup:${backupName}`],
      reason: `Restored ${backupName}; re-applied ${summary.entries} deletion(s) from the erasure ledger made after it (${summary.erasures} by erasure, ${summary.retention} by retention, ${summary.subjects} subject(s)).`,
    });
  });
  return summary;
}

async function deleteAgain(trx: Transaction<DB>, row: LedgerRow): Promise<void> {
  // Through the deleter the erasure and the sweep used, so the copy loses exactly what they deleted; deleting
  // what a replay already deleted changes nothing, so a restore may be run again.
  if (row.record_type === 'subject') {
    // A `subject` row stands for the subject with everything it had: the retention sweep writes no rows of
    // its own for the records of a subject it removes.
    await deleteRecords(trx, { subjects: [row.record_id] }, row.at);
    return;
  }
  if (row.record_type === 'subject_contact_details') {
    await deleteRecords(trx, { minimised: [row.record_id] }, row.at);
    return;
  }
  // A sole trader or partnership removed, or reduced to its name, with its owner (docs/organisations.md, Retention).
  if (row.record_type === 'organisation') {
    await deleteRecords(trx, { organisations: [row.record_id] }, row.at);
    return;
  }
  if (row.record_type === 'organisation_contact_details') {
    await deleteRecords(trx, { minimisedOrganisations: [row.record_id] }, row.at);
    return;
  }
  if (row.record_type === 'rights_request') {
    // A request deleted after its retention period (src/rights/request-retention.ts) goes with the mail about it
    // and about its access packages, read before the packages cascade with it.
    const packages = await trx.selectFrom('access_packages').select('id').where('request_id', '=', row.record_id).execute();
    await trx
      .deleteFrom('outbox')
      .where((eb) =>
        eb.or([
          eb.and([eb('related_type', '=', 'rights_request'), eb('related_id', '=', row.record_id)]),
          ...(packages.length === 0
            ? []
            : [
                eb.and([
                  eb('related_type', '=', 'access_package'),
                  eb(
                    'related_id',
                    'in',
                    packages.map((p) => p.id),
                  ),
                ]),
              ]),
        ]),
      )
      .execute();
    await trx.deleteFrom('rights_requests').where('id', '=', row.record_id).execute();
    return;
  }
  await deleteRecords(trx, { records: { [row.record_type as DeletedType]: [row.record_id] } }, row.at);
}
