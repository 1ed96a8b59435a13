import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sha256Hex, decodeAttachments } from '../cases/attachment.ts';
import type { AttachmentDownload } from '../cases/case.service.ts';
import { presentScan } from '../cases/case.presenter.ts';
import type { DB } from '../db/types.ts';
import { fileInfected, fileQuarantined, notFound } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { logAdministration } from '../guard/admin-log.ts';
import type { Policy } from '../policy/policy.ts';
import { scanIncoming } from '../scanner/incoming.ts';
import type { Scanner } from '../scanner/scanner.ts';
import { parse } from '../shared/parse.ts';
import * as evidence from './breach-evidence.repository.ts';
import { type Evidence, type NewEvidence, newEvidenceSchema } from './breach-evidence.schema.ts';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { requireCapability } from '../guard/capability.ts';

const present = (row: evidence.EvidenceSummaryRow): Evidence => ({
  id: row.id,
  breachId: row.breach_id,
  filename: row.filename,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
  scan: presentScan(row),
  addedAt: row.added_at,
  addedBy: row.added_by,
});

/**
 * Files that document a breach (Art. 33(5): "the facts relating to the personal data breach"), kept with the
 * register by whoever keeps it (the `breaches` capability). Like every file that enters Kluis, each passes the
 * virus scanner first: infected is refused, unscannable kept in quarantine. The register is not personal data,
 * so additions and refusals are administrative entries of the processing log.
 */
export class BreachEvidenceService {
  private readonly db: Kysely<DB>;
  private readonly policy: Policy;
  private readonly scanner: Scanner;
  private readonly clock: Clock;

  constructor(db: Kysely<DB>, policy: Policy, scanner: Scanner, clock: Clock = systemClock) {
    this.db = db;
    this.policy = policy;
    this.scanner = scanner;
    this.clock = clock;
  }

  async add(actor: Actor, breachId: string, input: NewEvidence): Promise<Evidence> {
    this.requireKeeper(actor);
    const data = parse(newEvidenceSchema, input, 'evidence');
    if (!(await evidence.breachExists(this.db, breachId))) throw notFound('Breach', breachId);
    const [file] = decodeAttachments([data]);
    if (file === undefined) throw new Error('no file decoded');
    const scan = await scanIncoming(this.scanner, [{ name: file.filename, content: file.content }], this.clock);
    if (scan.infected.length > 0) {
      const refusal = fileInfected(scan.infected);
      await this.db.transaction().execute((trx) =>
        logAdministration(trx, actor, {
          at: isoNow(this.clock),
          operation: 'store',
          recordType: 'breach',
          records: [`breach:${breachId}`],
          outcome: 'denied',
          reason: `${refusal.code}: ${refusal.message}`,
        }),
      );
      throw refusal;
    }
    const [columns] = scan.columns;
    if (columns === undefined) throw new Error('no scan columns');
    const row = {
      id: randomUUID(),
      breach_id: breachId,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256: sha256Hex(file.content),
      content: file.content,
      ...columns,
      added_at: this.clock.now().toISOString(),
      added_by: actor.id,
    };
    await this.db.transaction().execute(async (trx) => {
      await evidence.insert(trx, row);
      await logAdministration(trx, actor, {
        at: isoNow(this.clock),
        operation: 'store',
        recordType: 'breach',
        records: [`breach:${breachId}`, `breach_evidence:${row.id}`],
        reason: `evidence added: ${row.filename} (virus scan: ${row.scan_status})`,
      });
    });
    return present(row);
  }

  async list(actor: Actor, breachId: string): Promise<Evidence[]> {
    this.requireKeeper(actor);
    if (!(await evidence.breachExists(this.db, breachId))) throw notFound('Breach', breachId);
    return (await evidence.listByBreach(this.db, breachId)).map(present);
  }

  /** The content, never while it waits in quarantine. */
  async download(actor: Actor, id: string): Promise<AttachmentDownload> {
    this.requireKeeper(actor);
    const row = await evidence.getWithContent(this.db, id);
    if (row === undefined) throw notFound('Evidence', id);
    if (row.scan_status === 'quarantined') throw fileQuarantined(row.filename);
    return {
      filename: row.filename,
      contentType: row.content_type,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
    };
  }

  private requireKeeper(actor: Actor): void {
    requireCapability(this.policy, actor, 'breaches', 'keep the breach register');
  }
}
