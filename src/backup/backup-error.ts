/** Stable codes of the backup commands; scripts may rely on them. */
export type BackupErrorCode =
  | 'backup_no_recipient'
  | 'backup_postgres_unsupported'
  | 'backup_confirmation_required'
  | 'backup_database_in_use'
  | 'backup_wrong_key'
  | 'backup_not_ours'
  | 'backup_damaged'
  | 'backup_unknown_ledger_record';

export class BackupError extends Error {
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string) {
    super(message);
    this.name = 'BackupError';
    this.code = code;
  }
}

export const postgresUnsupported = () =>
  new BackupError('backup_postgres_unsupported', 'Encrypted backups support the SQLite database only for now; back up PostgreSQL with pg_dump and encrypt the copy.');
