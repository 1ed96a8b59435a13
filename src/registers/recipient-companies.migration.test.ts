import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import { migrateTo, migrateToLatest } from '../db/migrate.ts';
import { loadPolicy } from '../policy/policy.ts';
import { presentChange } from './recipient.presenter.ts';
import { seedRecipientsFromPolicy } from './recipient-seed.ts';

/** The migration that gives recipients several purposes and their companies (P9, Art. 13(1)(e), 28(3)). */
describe.each(DIALECTS)('the migration to companies within a recipient category, on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  it('turns each recipient’s one purpose into a list, and back; a company’s agreements go with it on the way down', async () => {
    // Typed loosely: the rows are written in the shape the schema has before this migration.
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await seedRecipientsFromPolicy(database.db, loadPolicy(POLICY_PATH), new Date().toISOString());
    const now = '2026-12-01T10:00:00.000Z';
    await database.db
      .insertInto('processor_agreements')
      .values([
        {
          id: 'own',
          recipient_id: 'leveranciers',
          company_id: null,
          signed_on: '2026-01-01',
          expires_on: null,
          document_reference: 'VWO-LEV',
          created_at: now,
          created_by: 'test',
          superseded_at: null,
        },
        {
          id: 'company',
          recipient_id: 'microsoft',
          company_id: 'microsoft-ireland',
          signed_on: '2026-01-01',
          expires_on: null,
          document_reference: 'MS-DPA',
          created_at: now,
          created_by: 'test',
          superseded_at: null,
        },
      ])
      .execute();

    await migrateTo(db, '2026-12-02T2000-subject-source');
    const before = await db.selectFrom('recipients').select(['id', 'purpose']).orderBy('id').execute();
    // Before, a recipient had one purpose: the storage provider keeps its first.
    expect(before).toEqual([
      { id: 'administratiekantoor', purpose: 'invoicing' },
      { id: 'leveranciers', purpose: 'contract' },
      { id: 'microsoft', purpose: 'contract' },
    ]);
    expect((await db.selectFrom('processor_agreements').select('id').execute()).map((a) => a.id)).toEqual(['own']);
    await db
      .insertInto('recipients')
      .values({
        id: 'drukkerij',
        name_nl: 'Drukkerij',
        name_en: 'Printer',
        role: 'processor',
        purpose: 'invoicing',
        categories: '["user.name"]',
        country: 'NL',
        transfer_mechanism: null,
        notice_per_disclosure: 1,
        contact_email: null,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();

    await migrateToLatest(database.db);
    const after = await database.db.selectFrom('recipients').select(['id', 'purposes']).orderBy('id').execute();
    expect(after).toEqual([
      { id: 'administratiekantoor', purposes: '["invoicing"]' },
      { id: 'drukkerij', purposes: '["invoicing"]' },
      { id: 'leveranciers', purposes: '["contract"]' },
      { id: 'microsoft', purposes: '["contract"]' },
    ]);
    expect(await database.db.selectFrom('recipient_companies').select('id').execute()).toEqual([]);
    expect(await database.db.selectFrom('processor_agreements').select(['id', 'company_id']).execute()).toEqual([
      { id: 'own', company_id: null },
    ]);
    const disclosureColumns = await database.db.selectFrom('disclosures').select(['company_id']).execute();
    expect(disclosureColumns).toEqual([]);
  });

  it('reads a history line written before the migration, whose snapshot names one purpose', () => {
    const old = {
      id: 'drukkerij',
      name_nl: 'Drukkerij',
      name_en: 'Printer',
      role: 'processor',
      purpose: 'invoicing',
      categories: '["user.name"]',
      country: 'NL',
      transfer_mechanism: null,
      notice_per_disclosure: 1,
      contact_email: null,
      active: 1,
      created_at: 'x',
      updated_at: 'x',
    };
    const change = presentChange({
      id: 'h1',
      recipient_id: 'drukkerij',
      changed_at: 'x',
      changed_by: 'policy',
      change: 'seeded from the policy',
      snapshot: JSON.stringify(old),
    });
    expect(change.state).toMatchObject({ id: 'drukkerij', purposes: ['invoicing'], categories: ['user.name'] });
  });
});
