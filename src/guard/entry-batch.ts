import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { isPostgres } from '../db/bulk.ts';
import type { DB } from '../db/types.ts';
import { prepareOnEachConnection } from '../db/prepared.ts';
import { throughSystemDoor } from './door.ts';
import { appendEntries, appendEntry, type NewLogEntry } from './processing-log.repository.ts';

interface Waiting {
  entry: NewLogEntry;
  subjectIds: string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the entries of read-only processings (guard.ts, `readOnly`): the entries whose work ended in
 * the same turn of the event loop are appended together, in one statement on PostgreSQL and in one transaction
 * on SQLite, and each processing returns its result only once that append has committed. A page view reads
 * without a transaction, so its entry is all it commits; under load many views share one commit instead of
 * paying one each (the commit was the largest single cost of a view on SQLite: its WAL write). Alone, an entry
 * is appended as before, without waiting for company. If the append fails, every processing of the batch fails
 * and none returns what it read: no view without its entry.
 */
export class EntryBatch {
  private readonly db: Kysely<DB>;
  private pending: Waiting[] = [];

  constructor(db: Kysely<DB>) {
    this.db = db;
  }

  /** Appends the entry with the others of this turn; resolves once it is committed. */
  append(entry: NewLogEntry, subjectIds: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, subjectIds, resolve, reject });
      // The first entry of a turn schedules the append; setImmediate runs after the I/O callbacks of this turn,
      // which is when the other views served now have finished their reads.
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      // The guard's own write, wherever the first entry came from: a view served inside another processing's
      // work would otherwise carry that processing's door (a read-only one refuses every write).
      await throughSystemDoor('guard', () => this.write(batch));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (isPostgres(this.db)) {
      // One statement, committed on its own: the entries and their links (see PG_APPEND_MANY).
      const { entry, subjectIds } = batch[0]!;
      if (batch.length === 1) await this.db.connection().execute((c) => appendEntry(c as Transaction<DB>, entry, subjectIds));
      else await this.db.executeQuery(CompiledQuery.raw(PG_APPEND_MANY, columnsOf(batch)));
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      if (batch.length === 1) await appendEntry(trx, batch[0]!.entry, batch[0]!.subjectIds);
      else await appendEntries(trx, batch);
    });
  }
}

const FIELDS = [
  'at',
  'actor_kind',
  'actor_id',
  'actor_role',
  'operation',
  'purpose',
  'record_type',
  'subject_ids',
  'records',
  'outcome',
  'reason',
] as const satisfies readonly (keyof NewLogEntry)[];

/** One array a field, in the order of PG_APPEND_MANY's parameters. */
const columnsOf = (batch: Waiting[]): (string | null)[][] => FIELDS.map((f) => batch.map((w) => w.entry[f]));

// Numbered by the sequence as each row is inserted, while the insert holds the log's row-exclusive lock (what the
// sealer waits on, as for one entry); the links come from each entry's own list of subjects.
const PG_APPEND_MANY = `with e as (
  insert into processing_log (${FIELDS.join(', ')}, prev_hash, hash)
  select ${FIELDS.join(', ')}, '', '' from unnest(${FIELDS.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as t(${FIELDS.join(', ')})
  returning seq, subject_ids
),
l as (insert into processing_log_subjects (subject_id, log_seq) select s, e.seq from e, json_array_elements_text(e.subject_ids::json) s)
select count(*) from e`;
prepareOnEachConnection(PG_APPEND_MANY);
