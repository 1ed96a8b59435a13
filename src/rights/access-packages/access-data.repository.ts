import type { Executor } from '../../db/executor.ts';

// The queries of the access package (access-data.ts) beyond the person's records (subject-records.ts): their
// entries of the processing log and the content of their attachments.

/** A person's own entry of the processing log, as the access package shows it. */
export interface OwnLogEntry {
  seq: number;
  at: string;
  actor_kind: string;
  actor_role: string;
  operation: string;
  purpose: string;
  record_type: string;
  records: string;
  outcome: string;
  reason: string | null;
}

/**
 * The person's entries of the processing log, oldest first, through the index of subjects per entry. The
 * staff member's id is left out: the person learns what was done, when, by which role and why; the identity
 * of employees is not part of the right of access (CJEU C-579/21, Pankki S).
 */
export async function listOwnLogEntries(db: Executor, subjectId: string): Promise<OwnLogEntry[]> {
  const rows = await db
    .selectFrom('processing_log')
    .innerJoin('processing_log_subjects', 'processing_log_subjects.log_seq', 'processing_log.seq')
    .select([
      'processing_log.seq',
      'processing_log.at',
      'processing_log.actor_kind',
      'processing_log.actor_role',
      'processing_log.operation',
      'processing_log.purpose',
      'processing_log.record_type',
      'processing_log.records',
      'processing_log.outcome',
      'processing_log.reason',
    ])
    .where('processing_log_subjects.subject_id', '=', subjectId)
    .orderBy('processing_log.seq', 'asc')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** The attachments' content, for the attachments/ folder of the package; never a file in quarantine (src/scanner/). */
export const listAttachmentContents = (db: Executor, subjectId: string) =>
  db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'filename', 'content'])
    .where('subject_id', '=', subjectId)
    .where('scan_status', '!=', 'quarantined')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
