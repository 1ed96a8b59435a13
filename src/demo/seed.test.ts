import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { verifyChain } from '../guard/verify-chain.ts';

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t.close());

  const count = async (table: 'subjects' | 'agreements' | 'invoices' | 'cases' | 'messages' | 'consents') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('fills the database with 50 customers and their records, every one logged', () => {
    const result = runCli(t.database, ['demo', 'seed']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Seeded 50 customers, 100 agreements and quotes, \d+ invoices, \d+ cases\.$/m);
  });

  it('wrote agreements, issued invoices and correspondence through the guard, and no consents: no purpose of Sen ICT rests on consent (Art. 6(1)(a))', async () => {
    expect(await count('subjects')).toBe(50);
    expect(await count('consents')).toBe(0);
    const ofPersons = await t.database.db.selectFrom('agreements').select('id').where('subject_id', 'is not', null).execute();
    expect(ofPersons).toHaveLength(100);
    expect(await count('invoices')).toBeGreaterThanOrEqual(50);
    expect(await count('cases')).toBeGreaterThan(0);
    expect(await count('messages')).toBeGreaterThan(await count('cases'));
    const drafts = await t.database.db.selectFrom('invoices').select('id').where('status', '<>', 'issued').execute();
    expect(drafts).toEqual([]);
    const collects = await t.database.db
      .selectFrom('processing_log')
      .select('seq')
      .where('operation', '=', 'collect')
      .where('record_type', '=', 'subject')
      .where('records', 'not like', '%organisation:%')
      .execute();
    expect(collects).toHaveLength(50);
    // Every fifth customer is a contact person whose employer gave us their details (Art. 14(2)(f)).
    const fromEmployer = await t.database.db
      .selectFrom('subjects')
      .select(['source', 'source_organisation'])
      .where('source', '=', 'employer')
      .execute();
    expect(fromEmployer).toHaveLength(10);
    expect(fromEmployer.every((s) => s.source_organisation !== null)).toBe(true);
    // They are the contact persons of the demo's organisations (issue 20), which have an agreement and an issued invoice each.
    const organisations = await t.database.db.selectFrom('organisations').select(['id', 'kind']).execute();
    expect(organisations).toHaveLength(4);
    const links = await t.database.db.selectFrom('contact_roles').select(['subject_id', 'owner']).execute();
    expect(links.map((l) => l.subject_id).sort()).toEqual(
      (await t.database.db.selectFrom('subjects').select('id').where('source', '=', 'employer').execute())
        .map((s) => s.id)
        .sort(),
    );
    expect(links.filter((l) => Number(l.owner) === 1)).toHaveLength(2);
    const issued = await t.database.db
      .selectFrom('invoices')
      .select('contact_id')
      .where('organisation_id', 'is not', null)
      .where('status', '=', 'issued')
      .execute();
    expect(issued).toHaveLength(4);
    expect(issued.every((i) => i.contact_id !== null)).toBe(true);
    expect(await verifyChain(t.database.db, new Date())).toMatchObject({ ok: true });
  });

  it('refuses to seed twice', () => {
    const again = runCli(t.database, ['demo', 'seed']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already there');
  });
});
