import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { businessToday } from '../shared/business-day.ts';

// `kluis import` and `kluis export` (issue 20, part 3), against the real CLI in a child process.

describe.each(DIALECTS)('kluis import and export, on %s', (dialect) => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-import-cli-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const organisations = () =>
    t.database.db
      .selectFrom('organisations')
      .select(['name', 'import_source'])
      .where('external_reference', 'like', 'CLI-%')
      .orderBy('name')
      .execute();

  it('checks in a dry run, refuses bad rows, imports with --skip-bad-rows, and changes nothing the second time', async () => {
    const file = path.join(dir, 'relaties.csv');
    fs.writeFileSync(file, 'Referentie;Naam;Rechtsvorm;KvK\nCLI-1;Eerste BV;bv;12345678\nCLI-2;Tweede BV;bv;12\n');

    const dry = runCli(t.database, ['import', file, '--kind', 'organisations', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('line 3, column kvk_number: must be the eight digits of a KvK number');
    expect(dry.stdout).toContain(
      'Dry run: 1 would be created, 0 imported before (unchanged), 1 with problems. Nothing was written.',
    );
    expect(await organisations()).toEqual([]);

    const refused = runCli(t.database, ['import', file, '--kind', 'organisations']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 3, column kvk_number');
    expect(refused.stderr).toContain('import_bad_rows');
    expect(await organisations()).toEqual([]);

    const imported = runCli(t.database, ['import', file, '--kind', 'organisations', '--skip-bad-rows']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Imported: 1 created in 1 batch(es), 0 unchanged, 1 bad row(s) skipped.');
    const today = businessToday(new Date());
    expect(await organisations()).toEqual([{ name: 'Eerste BV', import_source: `import: relaties.csv, ${today}` }]);

    const again = runCli(t.database, ['import', file, '--kind', 'organisations', '--skip-bad-rows']);
    expect(again.stdout).toContain('Imported: 0 created in 0 batch(es), 1 unchanged');
    expect(await organisations()).toHaveLength(1);

    const out = path.join(dir, 'export.json');
    const exported = runCli(t.database, ['export', '--format', 'json', '--out', out]);
    expect(exported.stderr).toBe('');
    const document = JSON.parse(fs.readFileSync(out, 'utf8')) as { tables: Record<string, unknown[]> };
    expect(document.tables.organisations).toContainEqual(
      expect.objectContaining({ name: 'Eerste BV', external_reference: 'CLI-1' }),
    );
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'actor_kind'])
      .where('operation', '=', 'export')
      .executeTakeFirst();
    expect(entry).toEqual({ operation: 'export', actor_kind: 'cli' });
    // Six commands, each a Node 24 start with migrations: slow under load.
  }, 300_000);

  it('imports invoices issued before, one row per line, under their own numbers; an unknown customer is a problem of its line', async () => {
    // The customer, imported as the back office would.
    await t.services.imports.run(
      cliActor(),
      {
        filename: 'klanten.csv',
        content: Buffer.from('reference,name,kind,city,street,postal_code\nCLI-K-1,Klant BV,bv,Utrecht,Neude 1,3512 AD'),
      },
      { kind: 'organisations' },
    );
    const file = path.join(dir, 'facturen.csv');
    fs.writeFileSync(
      file,
      [
        'Factuurnummer;Factuurdatum;Klant;Omschrijving;Aantal;Prijs;Btw',
        'CLI-F-1;31-12-2024;CLI-K-1;Werkplekbeheer;2;45,50;21',
        'CLI-F-1;31-12-2024;CLI-K-1;Korting;1;-10,00;21',
        'CLI-F-2;31-12-2024;ONBEKEND;Advies;1;100;21',
      ].join('\n'),
    );
    const dry = runCli(t.database, ['import', file, '--kind', 'invoices', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('line 4, column customer: no organisation or person has this reference');
    expect(dry.stdout).toContain('Dry run: 2 would be created, 0 imported before (unchanged), 1 with problems.');

    const imported = runCli(t.database, ['import', file, '--kind', 'invoices', '--skip-bad-rows']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Imported: 1 created in 1 batch(es), 0 unchanged, 1 bad row(s) skipped.');
    const invoices = await t.database.db
      .selectFrom('invoices')
      .select(['number', 'status', 'issue_date', 'total_incl_cents', 'import_source'])
      .where('number', 'like', 'CLI-F-%')
      .execute();
    // 2 × € 45,50 − € 10,00 = € 81,00 and 21 % VAT: € 98,01.
    expect(invoices.map((i) => ({ ...i, total_incl_cents: Number(i.total_incl_cents) }))).toEqual([
      {
        number: 'CLI-F-1',
        status: 'issued',
        issue_date: '2024-12-31',
        total_incl_cents: 9801,
        import_source: `import: facturen.csv, ${businessToday(new Date())}`,
      },
    ]);
  }, 300_000);
});
