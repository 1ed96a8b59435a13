import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import { WEBSHOP_POLICY } from '../../test/policies.ts';
import type { Finding } from '../policy/linter/finding.ts';
import { loadPolicy } from '../policy/policy.ts';
import { seedRecipientsFromPolicy } from '../registers/recipient-seed.ts';

type Checked = { file: string; loadable: boolean; registerChecked: boolean; findings: Finding[] };

// Issue 15, item 20: `kluis policy check FILE` checks the file against its own register of recipients (Art. 30(1)(d)
// GDPR), not against the one the default policy (KLUIS_POLICY) would seed, and seeds nothing while it checks.
describe.each(DIALECTS)('kluis policy check FILE, on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  const check = (file: string): Checked => {
    const result = runCli(database, ['policy', 'check', '--json', file], { env: { KLUIS_POLICY: POLICY_PATH } });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Checked;
  };
  const onRegister = (c: Checked) =>
    c.findings
      .filter((f) => f.path.startsWith('register:') || f.id === 'register-differs-from-policy')
      .map((f) => `${f.id} ${f.path}`);
  const stored = async () => (await database.db.selectFrom('recipients').select('id').orderBy('id').execute()).map((r) => r.id);

  it("checks a web shop's file against the register it would seed, not Sen ICT's, and writes no register", async () => {
    const checked = check(WEBSHOP_POLICY);
    expect(checked).toMatchObject({ loadable: true, registerChecked: true });
    expect(onRegister(checked)).toEqual([]);
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it("checks against the register the database holds: another policy's recipients there are named, the file's own are not", async () => {
    await seedRecipientsFromPolicy(database.db, loadPolicy(POLICY_PATH), new Date().toISOString());
    const checked = check(WEBSHOP_POLICY);
    const found = onRegister(checked);
    // Sen ICT's recipients in the database are named (the storage provider too); the web shop's own never are.
    expect(found).toEqual(
      expect.arrayContaining([
        'recipient-beyond-purpose register:recipient/leveranciers',
        'processor-without-agreement register:recipient/administratiekantoor',
        'processor-without-agreement register:recipient/leveranciers',
        'register-differs-from-policy register:recipient/administratiekantoor',
        'register-differs-from-policy register:recipient/leveranciers',
        'register-differs-from-policy register:recipient/microsoft',
      ]),
    );
    expect(found.filter((f) => f.includes('pakketdienst'))).toEqual([]);
    expect(await stored()).toEqual(['administratiekantoor', 'leveranciers', 'microsoft']);
  });
});
