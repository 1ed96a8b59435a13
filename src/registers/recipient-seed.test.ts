import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openSecondInstance, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import type { Database } from '../db/database.ts';
import { loadPolicy } from '../policy/policy.ts';
import { seedRecipientsFromPolicy } from './recipient-seed.ts';

describe.each(DIALECTS)('seeding the register from the policy on %s', (dialect) => {
  let database: TestDatabase;
  let second: Database;
  const policy = loadPolicy(POLICY_PATH);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    second = dialect === 'postgres' ? openSecondInstance(database) : database;
  });
  afterAll(async () => {
    if (second !== database) await second.close();
    await database.drop();
  });

  it('puts each recipient in once, with one history line, when instances start at the same moment', async () => {
    // Two instances starting at once (issue 5, point 7) both find the register empty; neither may fail.
    // (A second SQLite connection in this process would block the event loop on the first one's write lock;
    // SQLite serves one instance, so there the seeds race within one connection pool only.)
    const other = dialect === 'postgres' ? second.db : database.db;
    const added = await Promise.all([
      seedRecipientsFromPolicy(database.db, policy, new Date().toISOString()),
      seedRecipientsFromPolicy(other, policy, new Date().toISOString()),
      seedRecipientsFromPolicy(database.db, policy, new Date().toISOString()),
    ]);
    const ids = policy.document.recipients.map((r) => r.id).sort();
    expect(added.reduce((a, b) => a + b, 0)).toBe(ids.length);
    const rows = await database.db.selectFrom('recipients').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(ids);
    // The companies the policy names in a category (Microsoft's) are put in once too, each with a history line of its category.
    const companies = await database.db
      .selectFrom('recipient_companies')
      .select(['id', 'recipient_id', 'legal_name', 'role', 'active'])
      .execute();
    expect(companies).toEqual([
      {
        id: 'microsoft-ireland',
        recipient_id: 'microsoft',
        legal_name: 'Microsoft Ireland Operations Limited',
        role: 'processor',
        active: 1,
      },
    ]);
    const history = await database.db
      .selectFrom('recipient_history')
      .select(['recipient_id', 'change'])
      .orderBy('recipient_id')
      .orderBy('changed_at')
      .execute();
    expect(history.map((h) => h.recipient_id)).toEqual([...ids, 'microsoft'].sort());
    expect(history.filter((h) => h.change.startsWith('company'))).toEqual([
      {
        recipient_id: 'microsoft',
        change: 'company microsoft-ireland (Microsoft Ireland Operations Limited) seeded from the policy',
      },
    ]);
    expect(await seedRecipientsFromPolicy(database.db, policy, new Date().toISOString())).toBe(0);
  });
});
