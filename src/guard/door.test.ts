import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import type { Subject } from '../subjects/subject.schema.ts';
import { cliActor } from './actor.ts';
import {
  behindTheDoor,
  OutsideTheDoor,
  PERSONAL_DATA_TABLES,
  type PersonalDataTable,
  SYSTEM_DOORS,
  type SystemDoor,
  throughSystemDoor,
} from './door.ts';

const TABLES = Object.keys(PERSONAL_DATA_TABLES) as PersonalDataTable[];
const DOORS = Object.keys(SYSTEM_DOORS) as SystemDoor[];

/**
 * Tables with a `subject_id` that are not a customer's records: the privacy machinery itself, which keeps what
 * it must about a person to answer for the records (the log, the rights, holds, notices). Each is reached by
 * its own module, whose work is logged in its own way; a new table with a subject_id must be placed here or
 * behind the door.
 */
const PRIVACY_MACHINERY: Record<string, string> = {
  processing_log: 'the log of every processing itself (append-only, hash-chained)',
  processing_log_subjects: "the log's index of subjects",
  rights_requests: 'a request of the person, answered under Art. 12',
  restrictions: 'Art. 18: the restriction the guard enforces',
  objections: 'Art. 21: the objection the guard enforces',
  access_packages: 'Art. 15: the package handed to the person, after the processing that built it',
  recipient_notices: 'Art. 19: the notices to recipients',
  legal_holds: 'a hold that keeps records from deletion (Art. 17(3)(e))',
  erasure_ledger: 'what an erasure deleted, replayed after a restore (ids only)',
  disclosures: 'P8: what went to which recipient, the register of disclosures',
  outbox: 'mail queued to the person, sealed',
};

describe.each(DIALECTS)('the door to personal data on %s', (dialect) => {
  let t: TestApp;
  let subject: Subject;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    subject = await newSubject(t);
    await newInvoice(t, subject.id);
  });
  afterAll(async () => t.close());

  it('refuses every personal-data table outside a processing: read, write, raw SQL, in a transaction', async () => {
    const db = behindTheDoor(t.database.db);
    for (const table of TABLES) {
      await expect(
        db
          .selectFrom(table)
          .select(sql<number>`1`.as('one'))
          .execute(),
        table,
      ).rejects.toThrow(OutsideTheDoor);
      await expect(
        db
          .deleteFrom(table)
          .where(sql<boolean>`1 = 0`)
          .execute(),
        table,
      ).rejects.toThrow(OutsideTheDoor);
      await expect(sql.raw(`select count(*) from ${table}`).execute(db), table).rejects.toThrow(OutsideTheDoor);
      await expect(
        db.transaction().execute((trx) =>
          trx
            .selectFrom(table)
            .select(sql<number>`1`.as('one'))
            .execute(),
        ),
        table,
      ).rejects.toThrow(OutsideTheDoor);
    }
    // A join reaches the joined table too, and a table that holds no personal data stays open.
    await expect(
      db
        .selectFrom('processing_log_subjects')
        .innerJoin('subjects', 'subjects.id', 'processing_log_subjects.subject_id')
        .selectAll()
        .execute(),
    ).rejects.toThrow(OutsideTheDoor);
    await expect(db.selectFrom('processing_log_subjects').select('log_seq').limit(1).execute()).resolves.toBeDefined();
  });

  it('lets a processing reach its own record types and no other, and rolls its work back otherwise', async () => {
    const logged = async () =>
      (
        await t.database.db
          .selectFrom('processing_log')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('record_type', '=', 'invoice')
          .where('outcome', '=', 'allowed')
          .executeTakeFirstOrThrow()
      ).n;
    const before = await logged();
    const invoicing = { actor: cliActor(), operation: 'modify' as const, recordType: 'invoice' as const, subjectId: subject.id };
    await expect(
      t.services.guard.process(invoicing, async ({ trx }) => {
        await trx.updateTable('invoices').set({ billing_name: 'changed inside' }).where('subject_id', '=', subject.id).execute();
        return trx.selectFrom('subjects').select('last_name').where('id', '=', subject.id).execute();
      }),
    ).rejects.toThrow(/without declaring the record type subject/);
    // The update before the refused read is gone with the transaction, and no entry says it happened.
    const invoice = await t.database.db
      .selectFrom('invoices')
      .select('billing_name')
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(invoice.billing_name).not.toBe('changed inside');
    expect(await logged()).toBe(before);

    const names = await t.services.guard.process({ ...invoicing, operation: 'consult', includes: ['subject'] }, ({ trx }) =>
      trx
        .selectFrom('invoices')
        .innerJoin('subjects', 'subjects.id', 'invoices.subject_id')
        .select('subjects.last_name')
        .execute(),
    );
    expect(names[0]?.last_name).toBe(subject.lastName);
    expect(await logged()).toBe(before + 1);
  });

  it('lets a read-only processing read and log, and refuses its writes, personal data or not', async () => {
    const entries = async () =>
      (
        await t.database.db
          .selectFrom('processing_log_subjects')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('subject_id', '=', subject.id)
          .executeTakeFirstOrThrow()
      ).n;
    const before = await entries();
    const viewing = {
      actor: cliActor(),
      operation: 'consult' as const,
      recordType: 'subject' as const,
      subjectId: subject.id,
      readOnly: true,
    };
    const rows = await t.services.guard.process(viewing, ({ trx }) =>
      trx.selectFrom('subjects').select('last_name').where('id', '=', subject.id).execute(),
    );
    expect(rows[0]?.last_name).toBe(subject.lastName);
    // Its entry is committed (on PostgreSQL by itself, without a transaction around the reads) and names the person.
    expect(await entries()).toBe(before + 1);

    await expect(
      t.services.guard.process(viewing, ({ trx }) =>
        trx.updateTable('subjects').set({ last_name: 'written' }).where('id', '=', subject.id).execute(),
      ),
    ).rejects.toThrow(/declared that it only reads/);
    // A table without personal data is no way around it, nor is raw SQL.
    await expect(
      t.services.guard.process(viewing, ({ trx }) =>
        trx
          .deleteFrom('outbox')
          .where(sql<boolean>`1 = 0`)
          .execute(),
      ),
    ).rejects.toThrow(/declared that it only reads/);
    await expect(
      t.services.guard.process(viewing, ({ trx }) => sql`delete from outbox where 1 = 0`.execute(trx)),
    ).rejects.toThrow(/declared that it only reads/);
    // Nor a processing of the caller's transaction, which the read-only work does not have.
    await expect(
      t.services.guard.process(viewing, ({ trx }) =>
        t.services.guard.processIn(trx, { ...viewing, operation: 'modify', readOnly: false }, () => Promise.resolve()),
      ),
    ).rejects.toThrow(/needs the caller's transaction/);
    // Only a reading may say it reads.
    await expect(t.services.guard.process({ ...viewing, operation: 'modify' }, () => Promise.resolve())).rejects.toThrow(
      /cannot be read-only/,
    );
    const after = await t.database.db.selectFrom('subjects').select('last_name').where('id', '=', subject.id).executeTakeFirst();
    expect(after?.last_name).toBe(subject.lastName);
    expect(await entries()).toBe(before + 1);
  });

  it("refuses a write through the guard's own door when it serves a processing that only reads", async () => {
    const db = behindTheDoor(t.database.db);
    const writing = () =>
      db
        .updateTable('subjects')
        .set({ last_name: 'written' })
        .where(sql<boolean>`1 = 0`)
        .execute();
    // The guard's checks and follow-ups around a read-only work (guard.ts): nothing would commit a write with the entry.
    await expect(throughSystemDoor('guard', writing, { readOnly: true })).rejects.toThrow(
      /system door guard serves a processing that only reads, and wrote/,
    );
    await expect(
      throughSystemDoor('guard', () => sql`delete from outbox where 1 = 0`.execute(db), { readOnly: true }),
    ).rejects.toThrow(OutsideTheDoor);
    // Around a processing that writes, the same door lets the guard's follow-ups write (the retention dates).
    await expect(throughSystemDoor('guard', writing)).resolves.toBeDefined();
  });

  it('opens a system door only for the work run through it, and shuts it after', async () => {
    const db = behindTheDoor(t.database.db);
    const rows = await throughSystemDoor('retention-sweep', () => db.selectFrom('subjects').select('id').execute());
    expect(rows.map((r) => r.id)).toContain(subject.id);
    await expect(db.selectFrom('subjects').select('id').execute()).rejects.toThrow(OutsideTheDoor);
  });

  it.each(DOORS)('fences the system door %s to its record types, and to reading where it only reads', async (door) => {
    const fence = SYSTEM_DOORS[door];
    // Through the door around the work, as the services pass it, and as a whole handle, as the sweep gets it.
    const ways = [
      { db: behindTheDoor(t.database.db), pass: <T>(work: () => T) => throughSystemDoor(door, work) },
      { db: behindTheDoor(t.database.db, door), pass: <T>(work: () => T) => work() },
    ];
    for (const { db, pass } of ways) {
      for (const table of TABLES) {
        const type = PERSONAL_DATA_TABLES[table];
        const reading = () =>
          pass(() =>
            db
              .selectFrom(table)
              .select(sql<number>`1`.as('one'))
              .limit(1)
              .execute(),
          );
        const deleting = () =>
          pass(() =>
            db
              .deleteFrom(table)
              .where(sql<boolean>`1 = 0`)
              .execute(),
          );
        const rawDeleting = () => pass(() => sql.raw(`delete from ${table} where 1 = 0`).execute(db));
        if (!(fence.reaches as readonly string[]).includes(type)) {
          const outside = new RegExp(`system door ${door} reached ${table} \\(${type} records\\), outside its fence`);
          await expect(reading(), table).rejects.toThrow(outside);
          await expect(deleting(), table).rejects.toThrow(OutsideTheDoor);
          await expect(rawDeleting(), table).rejects.toThrow(OutsideTheDoor);
        } else if (!fence.writes) {
          await expect(reading(), table).resolves.toBeDefined();
          const readOnly = new RegExp(`system door ${door} only reads, and a query that writes reached ${table}`);
          await expect(deleting(), table).rejects.toThrow(readOnly);
          await expect(rawDeleting(), table).rejects.toThrow(readOnly);
        } else {
          await expect(reading(), table).resolves.toBeDefined();
          await expect(deleting(), table).resolves.toBeDefined();
          await expect(rawDeleting(), table).resolves.toBeDefined();
        }
      }
      // What holds no personal data is not the door's to fence, read-only or not.
      await expect(
        pass(() =>
          db
            .deleteFrom('outbox')
            .where(sql<boolean>`1 = 0`)
            .execute(),
        ),
      ).resolves.toBeDefined();
    }
    // The deletes matched no row: the customer is still there.
    expect(await t.database.db.selectFrom('subjects').select('id').where('id', '=', subject.id).execute()).toHaveLength(1);
  });

  it('places every table that names a person either behind the door or in the privacy machinery', async () => {
    const tables = await t.database.db.introspection.getTables();
    const naming = tables.filter((table) => table.columns.some((c) => c.name === 'subject_id')).map((table) => table.name);
    const placed = new Set<string>([...TABLES, ...Object.keys(PRIVACY_MACHINERY)]);
    expect(naming.filter((name) => !placed.has(name))).toEqual([]);
    expect(TABLES.filter((name) => !tables.some((table) => table.name === name))).toEqual([]);
  });
});

describe('the raw database', () => {
  // Only these files reach the database without the door: the schema, the backup and the log's own upkeep.
  const ALLOWED: Record<string, string> = {
    'src/runtime.ts': 'opens the database and hands it to createServices, which puts it behind the door',
    'src/services.ts': 'puts the database behind the door',
    'src/cli/commands/migrate.ts': 'the schema, not its rows',
    'src/cli/commands/policy.ts': 'the register of recipients, no personal data',
    'src/cli/commands/serve.ts': 'counts the users and seals the log at start',
    'src/cli/commands/log.ts': 'seals the processing log',
    'src/jobs/jobs.ts': 'seals the processing log',
    'src/http/health.routes.ts': 'asks whether the database answers and its schema is current',
    'src/cli/commands/mail-inbox.ts': "takes the mailbox job's lease",
    'src/backup/backup.ts': 'copies the whole database, encrypted (Art. 32(1)(c)), logged as an export',
    'src/backup/postgres-backup.ts': 'copies the whole database, encrypted (Art. 32(1)(c)), logged as an export',
  };

  it('is reached only by the files that must, never by a service', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const users: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['db', 'migrations'].includes(entry.name)) visit(file);
        } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const text = readFileSync(file, 'utf8');
          if (/\bdatabase\.db\b|\bopenDatabase\(|services\.database\b/.test(text)) users.push(path.relative(root, file));
        }
      }
    };
    visit(path.join(root, 'src'));
    expect(users.filter((file) => !(file in ALLOWED)).sort()).toEqual([]);
  });
});
