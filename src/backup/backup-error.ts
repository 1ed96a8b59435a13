/** Stable codes of the backup commands; scripts may rely on them. */
export type BackupErrorCode =
  | 'backup_no_recipient'
  | 'backup_wrong_dialect'
  | 'backup_newer_than_code'
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
