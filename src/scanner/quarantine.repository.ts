import type { ScanProblem } from '../db/types.ts';
import type { Executor } from '../db/executor.ts';

/** The two kinds of file that can wait in quarantine: a message's attachment, and evidence of a breach. */
export type QuarantinedKind = 'attachment' | 'breach_evidence';

/** A file waiting in quarantine, with its content for the next scan. */
export interface QuarantinedFile {
  kind: QuarantinedKind;
  id: string;
  filename: string;
  content: Uint8Array;
  /** attachment: the message and the person; breach_evidence: the breach. */
  ownerId: string;
  subjectId: string | null;
}

/** The oldest files in quarantine, at most `limit` of each kind. */
export async function listQuarantined(db: Executor, limit: number): Promise<QuarantinedFile[]> {
  const [attachments, evidence] = await Promise.all([
    db
      .selectFrom('attachments')
      .select(['id', 'filename', 'content', 'message_id', 'subject_id'])
      .where('scan_status', '=', 'quarantined')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('breach_evidence')
      .select(['id', 'filename', 'content', 'breach_id'])
      .where('scan_status', '=', 'quarantined')
      .orderBy('added_at')
      .orderBy('id')
      .limit(limit)
      .execute(),
  ]);
  return [
    ...attachments.map((a) => ({
      kind: 'attachment' as const,
      id: a.id,
      filename: a.filename,
      content: a.content,
      ownerId: a.message_id,
      subjectId: a.subject_id,
    })),
    ...evidence.map((e) => ({
      kind: 'breach_evidence' as const,
      id: e.id,
      filename: e.filename,
      content: e.content,
      ownerId: e.breach_id,
      subjectId: null,
    })),
  ];
}

const table = (kind: QuarantinedKind) => (kind === 'attachment' ? 'attachments' : 'breach_evidence');

/** Marks a file clean, if it still waits in quarantine; true when it did (another instance may have been first). */
export async function release(db: Executor, kind: QuarantinedKind, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable(table(kind))
    .set({ scan_status: 'clean', scanned_at: at, scan_problem: null })
    .where('id', '=', id)
    .where('scan_status', '=', 'quarantined')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a file the scanner found infected, if it still waits in quarantine; true when it did. */
export async function remove(db: Executor, kind: QuarantinedKind, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom(table(kind))
    .where('id', '=', id)
    .where('scan_status', '=', 'quarantined')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Records the last try on a file the scanner still could not scan. */
export async function noteAttempt(
  db: Executor,
  kind: QuarantinedKind,
  id: string,
  at: string,
  problem: ScanProblem,
): Promise<void> {
  await db
    .updateTable(table(kind))
    .set({ scanned_at: at, scan_problem: problem })
    .where('id', '=', id)
    .where('scan_status', '=', 'quarantined')
    .execute();
}

/** How many files wait in quarantine, of both kinds, and since when the oldest waits. */
export async function countQuarantined(db: Executor): Promise<{ count: number; oldest: string | null }> {
  const [a, e] = await Promise.all([
    db
      .selectFrom('attachments')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('scan_status', '=', 'quarantined')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('breach_evidence')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('added_at').as('oldest')])
      .where('scan_status', '=', 'quarantined')
      .executeTakeFirstOrThrow(),
  ]);
  const oldest = [a.oldest, e.oldest].filter((d): d is string => typeof d === 'string').sort()[0] ?? null;
  return { count: Number(a.n) + Number(e.n), oldest };
}
