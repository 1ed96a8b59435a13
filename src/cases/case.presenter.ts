import type { CaseRow, MessageRow } from '../db/types.ts';
import type { AttachmentSummaryRow } from './case.repository.ts';
import type { Case, CaseSummary, FileScan, Message } from './case.schema.ts';

/** A stored file's scan, as the API shows it (attachments and breach evidence alike). */
export const presentScan = (row: {
  scan_status: FileScan['status'];
  scanned_at: string | null;
  scan_problem: FileScan['problem'];
}): FileScan => ({
  status: row.scan_status,
  scannedAt: row.scanned_at,
  problem: row.scan_problem,
});

export function presentMessage(row: MessageRow, attachments: AttachmentSummaryRow[]): Message {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    direction: row.direction,
    occurredAt: row.occurred_at,
    from: row.from_address,
    to: row.to_address,
    title: row.title,
    body: row.body,
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      sizeBytes: Number(a.size_bytes),
      sha256: a.sha256,
      scan: presentScan(a),
    })),
    createdAt: row.created_at,
  };
}

/** A case without its messages, for lists and for answers to a change of status. */
export function presentCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    subjectId: row.subject_id,
    kind: row.kind,
    title: row.title,
    reference: row.reference,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A case with its messages; `messages` and `attachments` may hold rows of other cases, they are filtered. */
export function presentCase(row: CaseRow, messages: MessageRow[], attachments: AttachmentSummaryRow[]): Case {
  return {
    ...presentCaseSummary(row),
    messages: messages
      .filter((m) => m.case_id === row.id)
      .map((m) =>
        presentMessage(
          m,
          attachments.filter((a) => a.message_id === m.id),
        ),
      ),
  };
}
