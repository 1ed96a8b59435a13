import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import { QueryGate, type QueryShape } from '../db/query-gate.ts';
import type { DB } from '../db/types.ts';
import type { RecordType } from '../policy/policy.ts';

/**
 * The tables that hold personal data, by the record type of the policy they belong to (issue 18, part 3).
 * A query that reaches one of them runs only inside a processing of the guard that declared its record type,
 * or inside one of the system doors below. An organisation is a customer's record like a person (the policy's
 * `subject` record type, docs/organisations.md); an invoice's lines and payments are the invoice's.
 */
export const PERSONAL_DATA_TABLES = {
  subjects: 'subject',
  subject_addresses: 'subject',
  organisations: 'subject',
  organisation_addresses: 'subject',
  contact_roles: 'subject',
  agreements: 'agreement',
  invoices: 'invoice',
  invoice_lines: 'invoice',
  invoice_payments: 'invoice',
  cases: 'case',
  messages: 'message',
  attachments: 'message',
  consents: 'consent',
} as const satisfies Partial<Record<keyof DB, RecordType>>;

export type PersonalDataTable = keyof typeof PERSONAL_DATA_TABLES;

/** What a system door lets its process do: why it may pass, which record types it reaches, and whether it writes them. */
export interface SystemDoorFence {
  /** Why the law and the statement allow it, and how what it does is logged. */
  why: string;
  /** The record types (PERSONAL_DATA_TABLES) its queries may reach; any other is refused. */
  reaches: readonly RecordType[];
  /** Whether a query that reaches them may write (insert, update, delete); a read-only door refuses it. */
  writes: boolean;
}

/**
 * The processes that reach personal data without a processing of their own, each with why the law and the
 * statement allow it, fenced to the record types it needs and to reading where it only finds or counts
 * (issue 18). Each still logs what it does in its own way, named here. The backup and the restore do not pass
 * the services at all: they copy the database file or dump whole (src/backup/, door.test.ts lists them).
 */
export const SYSTEM_DOORS = {
  'retention-sweep': {
    why: 'deletes what retention makes due (Art. 5(1)(e)), with the messages and files of a case, and removes the contact details of a person only fiscal records keep; every deletion is decided by the policy and logged by Guard.recordDecided',
    reaches: ['subject', 'agreement', 'invoice', 'case', 'message', 'consent'],
    writes: true,
  },
  quarantine: {
    why: "scans the files that waited for the virus scanner again (Art. 32(1)(b)), and releases or removes each; a message's file is logged by Guard.recordDecided (breach evidence, no personal data, as administration)",
    reaches: ['message'],
    writes: true,
  },
  schedule: {
    why: 'a scheduled job (an overdue invoice by its due date and what is still owed), or the list of what the sweep will delete, finds which records are due by their ids and dates, reading none of their content; each due record is then processed (or named) through the guard',
    reaches: ['subject', 'agreement', 'invoice', 'case', 'consent'],
    writes: false,
  },
  'mail-routing': {
    why: 'the mailbox intake finds the open request or case a mail answers by its reference (the case row without its messages: ids, kind, state, title); the mail is then stored in a processing of the guard',
    reaches: ['case'],
    writes: false,
  },
  'self-check': {
    why: 'the self-check and the first-run checklist count records (files waiting in quarantine, whether there is a first customer) to report the state of the installation; they read no content',
    reaches: ['subject', 'message'],
    writes: false,
  },
  guard: {
    why: "the guard's own checks and follow-ups inside a processing (restriction, objection, hold, the retention dates stored on a person's records), whether a person exists and which language they read, and the log's appends; and the recomputation of every stored retention date after the rules changed, ahead of the dpo's forecast (retain-until.ts)",
    reaches: ['subject', 'agreement', 'invoice', 'case', 'consent'],
    writes: true,
  },
} as const satisfies Record<string, SystemDoorFence>;

export type SystemDoor = keyof typeof SYSTEM_DOORS;

type Scope =
  | { kind: 'processing'; recordTypes: ReadonlySet<RecordType>; name: string; readOnly: boolean }
  | { kind: 'system'; door: SystemDoor; readOnly: boolean };

const scope = new AsyncLocalStorage<Scope>();

/** A query reached personal data outside the door: a defect in the code, never a user's error. */
export class OutsideTheDoor extends Error {
  override readonly name = 'OutsideTheDoor';
}

const TABLE_TYPES: ReadonlyMap<string, RecordType> = new Map(Object.entries(PERSONAL_DATA_TABLES));
// Raw SQL names tables in its text; `processing_log_subjects` is not `subjects` (`_` is part of a word).
const RAW_TABLE = new RegExp(`\\b(${Object.keys(PERSONAL_DATA_TABLES).join('|')})\\b`, 'gi');

function recordTypesOf(shape: QueryShape): Map<RecordType, string> {
  const found = new Map<RecordType, string>();
  for (const table of shape.tables) {
    const type = TABLE_TYPES.get(table);
    if (type !== undefined) found.set(type, table);
  }
  for (const text of shape.raw) {
    for (const match of text.matchAll(RAW_TABLE)) {
      const table = match[1]!.toLowerCase();
      found.set(TABLE_TYPES.get(table)!, table);
    }
  }
  return found;
}

/**
 * The door as a Kysely plugin on the database every service gets (src/services.ts): it sees the tables of
 * each query before it runs and refuses one that reaches personal data where no processing declared it, or
 * outside the fence of the system door it passes.
 */
export class PersonalDataDoor extends QueryGate {
  /** A system process whose whole database handle passes its door, within its fence (the retention sweep's, in services.ts). */
  private readonly system: SystemDoor | undefined;

  constructor(system?: SystemDoor) {
    super();
    this.system = system;
  }

  admit(shape: QueryShape): void {
    // A handle given to a system process passes its own door, whatever runs around it.
    if (this.system !== undefined) return withinFence(this.system, shape);
    const current = scope.getStore();
    // A processing that said it only reads runs without a transaction on PostgreSQL (guard.ts): a write there
    // would commit on its own, apart from the log entry.
    if (current?.kind === 'processing' && current.readOnly && shape.writes)
      throw new OutsideTheDoor(`The processing ${current.name} declared that it only reads, and wrote`);
    if (current?.kind === 'system' && current.readOnly && shape.writes)
      throw new OutsideTheDoor(`The system door ${current.door} serves a processing that only reads, and wrote`);
    if (current?.kind === 'system') return withinFence(current.door, shape);
    const reached = recordTypesOf(shape);
    if (reached.size === 0) return;
    if (current === undefined) {
      const tables = [...reached.values()].join(', ');
      throw new OutsideTheDoor(`A query reached personal data (${tables}) outside a processing of the guard`);
    }
    for (const [type, table] of reached) {
      if (!current.recordTypes.has(type))
        throw new OutsideTheDoor(
          `The processing ${current.name} reached ${table} (${type} records) without declaring the record type ${type}`,
        );
    }
  }
}

/**
 * Refuses a query that reaches personal data outside the door's fence: a record type it does not reach, or a
 * write where it only reads. What holds no personal data (the log, the outbox) is not the door's to fence.
 */
function withinFence(door: SystemDoor, shape: QueryShape): void {
  const fence: SystemDoorFence = SYSTEM_DOORS[door];
  const reached = recordTypesOf(shape);
  for (const [type, table] of reached) {
    if (!fence.reaches.includes(type))
      throw new OutsideTheDoor(
        `The system door ${door} reached ${table} (${type} records), outside its fence: it reaches only ${fence.reaches.join(', ')} records`,
      );
  }
  if (shape.writes && !fence.writes && reached.size > 0)
    throw new OutsideTheDoor(
      `The system door ${door} only reads, and a query that writes reached ${[...reached.values()].join(', ')} (${[...reached.keys()].join(', ')} records)`,
    );
}

/**
 * The database as every service gets it: behind the door. A system process that works on personal data
 * throughout (the retention sweep) gets its own handle through its named door instead.
 */
export function behindTheDoor(db: Kysely<DB>, system?: SystemDoor): Kysely<DB> {
  return db.withPlugin(new PersonalDataDoor(system));
}

/**
 * Runs the work of a processing: its queries may reach the tables of the record types it declared, and only
 * read when it declared `readOnly`.
 */
export function insideProcessing<T>(name: string, recordTypes: Iterable<RecordType>, readOnly: boolean, work: () => T): T {
  return scope.run({ kind: 'processing', recordTypes: new Set(recordTypes), name, readOnly }, work);
}

/**
 * Runs a system process through its door (SYSTEM_DOORS says which exist, why, and what each may reach).
 * `readOnly`: the door serves a processing that declared it only reads (the guard's checks around a read-only
 * work, guard.ts): any write is refused there too, for it would commit on its own, apart from the entry.
 */
export function throughSystemDoor<T>(door: SystemDoor, work: () => T, options: { readOnly?: boolean } = {}): T {
  return scope.run({ kind: 'system', door, readOnly: options.readOnly === true }, work);
}
