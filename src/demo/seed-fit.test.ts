import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { BOOKKEEPER_POLICY, WEBSHOP_POLICY, variantText } from '../../test/policies.ts';

const TABLES = [
  'subjects',
  'agreements',
  'invoices',
  'cases',
  'messages',
  'consents',
  'processing_log',
  'recipients',
  'erasure_ledger',
] as const;

// Issue 15, item 20: `kluis demo seed` refuses, before writing anything, a policy its data does not fit (P1: no
// record without a purpose and category; Art. 5(1)(b)); today's half-way stop left records, log entries and
// used invoice numbers (Wet OB art. 35a: an unbroken series) behind.
describe.each(DIALECTS)('kluis demo seed under another policy, on %s', (dialect) => {
  let database: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-demo-policy-'));

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(
          async (t) =>
            [
              t,
              Number(
                (
                  await database.db
                    .selectFrom(t)
                    .select((eb) => eb.fn.countAll<number>().as('n'))
                    .executeTakeFirstOrThrow()
                ).n,
              ),
            ] as const,
        ),
      ),
    );

  it('refuses a policy the data does not fit, saying why, and writes nothing', async () => {
    const file = path.join(dir, 'no-phone.yaml');
    fs.writeFileSync(
      file,
      variantText(BOOKKEEPER_POLICY, (d) => {
        d.records.subject.categories = d.records.subject.categories.filter((c) => c !== 'user.contact.phone_number');
        d.roles.dpo!.may = [
          { records: ['subject', 'agreement', 'invoice', 'message'], operations: ['collect', 'store', 'consult', 'modify'] },
        ];
      }),
    );
    const before = await counts();
    const result = runCli(database, ['demo', 'seed', '--customers', '3'], { env: { KLUIS_POLICY: file } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The demo data does not fit the policy');
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain('the policy declares no user.contact.phone_number for subject records');
    expect(result.stderr).toContain('the role dpo may not collect or modify case records');
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ subjects: 0, invoices: 0, processing_log: 0, recipients: 0 });
  });

  it("seeds under a web shop's policy, with consents for its one purpose on consent", async () => {
    const result = runCli(database, ['demo', 'seed', '--customers', '6'], { env: { KLUIS_POLICY: WEBSHOP_POLICY } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Seeded 6 customers, 12 agreements and quotes, \d+ invoices, \d+ cases, \d+ consents\.$/m);
    const consents = await database.db.selectFrom('consents').select('purpose').execute();
    expect(consents.length).toBeGreaterThan(0);
    expect(new Set(consents.map((c) => c.purpose))).toEqual(new Set(['newsletter']));
  });
});
