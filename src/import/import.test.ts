import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import type { ImportResult } from './import.service.ts';
import { businessToday } from '../shared/business-day.ts';

interface Refusal {
  error: { code: string; details: unknown };
}
interface ExportDocument {
  tables: Record<string, Record<string, unknown>[]>;
}

// Import of organisations, persons and contact persons (issue 20, part 3), and the export of everything held:
// through the API, on both databases, asserting rows and processing-log entries.

const ORGANISATIONS = [
  'reference,name,kind,kvk_number,vat_number,email,street,postal_code,city',
  'ACME-1,Acme Automatisering BV,bv,12345678,NL123456789B01,info@acme.example,Vredenburg 40,3511 BD,Utrecht',
  'ACME-2,Bakkerij De Korst,eenmanszaak,87654321,,bakker@korst.example,Dorpsstraat 1,1234 AB,Ergens',
].join('\r\n');

const BAD_ORGANISATIONS = [
  'reference,name,kind,kvk_number,email',
  'B-1,Goed BV,legal_entity,11111111,goed@b.example',
  'B-2,Fout BV,legal_entity,123,fout@b.example',
  'B-3,,legal_entity,22222222,geen-mail',
  'B-1,Dubbel BV,legal_entity,33333333,',
].join('\n');

const CONTACTS = [
  'referentie;organisatie;voornaam;achternaam;e-mail;functie;eigenaar',
  'P-1;ACME-1;Jan;de Vries;jan@acme.example;inkoper;nee',
  'P-2;ACME-2;Els;Bakker;els@korst.example;eigenaar;ja',
].join('\r\n');

describe.each(DIALECTS)('import and export of customer data, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => t.close());

  const upload = (content: string | Buffer, query: Record<string, string>, cookie = staff) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports?${new URLSearchParams(query).toString()}`,
      headers: { cookie, 'content-type': 'text/csv' },
      payload: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    });
  const db = () => t.database.db;
  const organisationsNamed = (names: string[]) =>
    db()
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'external_reference', 'import_source'])
      .where('name', 'in', names)
      .orderBy('name')
      .execute();
  const today = () => businessToday(new Date());

  it('checks every row in a dry run, names each problem by line and column, and writes nothing', async () => {
    const logBefore = await db()
      .selectFrom('processing_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await upload(BAD_ORGANISATIONS, { kind: 'organisations', filename: 'slecht.csv', dryRun: 'true' });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<ImportResult>();
    expect(result).toMatchObject({ dryRun: true, imported: false, counts: { rows: 4, create: 1, unchanged: 0, bad: 3 } });
    const problems = result.rows.flatMap((r) => r.problems);
    expect(problems).toEqual([
      { row: 3, column: 'kvk_number', code: 'invalid', message: 'must be the eight digits of a KvK number' },
      { row: 4, column: 'name', code: 'missing', message: 'is empty' },
      expect.objectContaining({ row: 4, column: 'email', code: 'invalid' }),
      { row: 5, column: 'reference', code: 'duplicate', message: 'also on line 2' },
    ]);
    expect(await organisationsNamed(['Goed BV', 'Fout BV', 'Dubbel BV'])).toEqual([]);
    // The check against what is held is a consultation, logged; no record was collected.
    const entries = await db()
      .selectFrom('processing_log')
      .select(['operation', 'reason'])
      .where('seq', '>', Number(logBefore.n))
      .execute();
    expect(entries.map((e) => e.operation)).not.toContain('collect');
  });

  it('imports nothing from a file with bad rows, unless the bad rows are skipped by choice', async () => {
    const refused = await upload(BAD_ORGANISATIONS, { kind: 'organisations', filename: 'slecht.csv' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Refusal>().error.code).toBe('import_bad_rows');
    expect(refused.json<Refusal>().error.details).toContainEqual(expect.objectContaining({ row: 3, column: 'kvk_number' }));
    expect(await organisationsNamed(['Goed BV'])).toEqual([]);

    const skipped = await upload(BAD_ORGANISATIONS, { kind: 'organisations', filename: 'slecht.csv', skipBadRows: 'true' });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ imported: true, created: 1, counts: { bad: 3 } });
    expect((await organisationsNamed(['Goed BV', 'Fout BV', 'Dubbel BV'])).map((o) => o.name)).toEqual(['Goed BV']);
  });

  it('imports organisations and contact persons with their source, logged per batch, and a second import changes nothing', async () => {
    const first = await upload(ORGANISATIONS, { kind: 'organisations', filename: 'relaties.csv' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, batches: 1, encoding: 'utf-8', separator: ',' });
    const organisations = await organisationsNamed(['Acme Automatisering BV', 'Bakkerij De Korst']);
    expect(organisations).toEqual([
      expect.objectContaining({
        kind: 'legal_entity',
        external_reference: 'ACME-1',
        import_source: `import: relaties.csv, ${today()}`,
      }),
      expect.objectContaining({
        kind: 'sole_trader',
        external_reference: 'ACME-2',
        import_source: `import: relaties.csv, ${today()}`,
      }),
    ]);
    const address = await db()
      .selectFrom('organisation_addresses')
      .select(['street', 'city', 'kind'])
      .where('organisation_id', '=', organisations[0]?.id ?? '')
      .execute();
    expect(address).toEqual([{ street: 'Vredenburg 40', city: 'Utrecht', kind: 'billing' }]);

    const contacts = await upload(CONTACTS, { kind: 'contacts', filename: 'contactpersonen.csv' });
    expect(contacts.statusCode, contacts.body).toBe(200);
    expect(contacts.json()).toMatchObject({ created: 2, separator: ';' });
    const persons = await db()
      .selectFrom('subjects')
      .innerJoin('contact_roles', 'contact_roles.subject_id', 'subjects.id')
      .select(['subjects.id', 'first_name', 'source', 'external_reference', 'import_source', 'role', 'owner', 'organisation_id'])
      .where('external_reference', 'in', ['P-1', 'P-2'])
      .orderBy('external_reference')
      .execute();
    expect(persons).toEqual([
      expect.objectContaining({
        first_name: 'Jan',
        source: 'import',
        role: 'inkoper',
        owner: 0,
        organisation_id: organisations[0]?.id,
      }),
      expect.objectContaining({
        first_name: 'Els',
        source: 'import',
        role: 'eigenaar',
        owner: 1,
        organisation_id: organisations[1]?.id,
      }),
    ]);
    expect(persons[0]?.import_source).toBe(`import: contactpersonen.csv, ${today()}`);

    // One collect entry for the batch, naming both persons, with the import as its reason.
    const [entry] = await db()
      .selectFrom('processing_log')
      .select(['seq', 'operation', 'subject_ids', 'reason', 'outcome'])
      .where('reason', 'like', 'import: contactpersonen.csv%batch 1 of 1')
      .execute();
    expect(entry).toMatchObject({ operation: 'collect', outcome: 'allowed' });
    expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual(expect.arrayContaining(persons.map((p) => p.id)));
    const links = await db()
      .selectFrom('processing_log_subjects')
      .innerJoin('processing_log', 'processing_log.seq', 'processing_log_subjects.log_seq')
      .select('subject_id')
      .where('processing_log.seq', '=', entry?.seq ?? -1)
      .execute();
    expect(links.map((l) => l.subject_id).sort()).toEqual(persons.map((p) => p.id).sort());

    const count = async () =>
      Promise.all(
        (['organisations', 'subjects', 'contact_roles', 'organisation_addresses'] as const).map(async (table) =>
          Number(
            (
              await db()
                .selectFrom(table)
                .select(({ fn }) => fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await count();
    const again = await upload(ORGANISATIONS, { kind: 'organisations', filename: 'relaties.csv' });
    expect(again.json()).toMatchObject({ created: 0, counts: { unchanged: 2, create: 0 } });
    const contactsAgain = await upload(CONTACTS, { kind: 'contacts', filename: 'contactpersonen.csv' });
    expect(contactsAgain.json()).toMatchObject({ created: 0, counts: { unchanged: 2 } });
    expect(await count()).toEqual(before);
  });

  it('refuses a contact of an organisation it does not hold, and an owner of a legal entity', async () => {
    const response = await upload(
      [
        'reference,organisation,first_name,last_name,role,owner',
        'Q-1,NIEMAND,Piet,Puk,inkoper,no',
        'Q-2,ACME-1,Kees,Baas,directeur,yes',
      ].join('\n'),
      { kind: 'contacts', filename: 'fout.csv', dryRun: 'true' },
    );
    expect(response.json<ImportResult>().rows.map((r) => r.problems)).toEqual([
      [expect.objectContaining({ row: 2, column: 'organisation', code: 'organisation_unknown' })],
      [expect.objectContaining({ row: 3, column: 'owner', code: 'owner_of_legal_entity' })],
    ]);
  });

  it('reads a Windows-1252 file with semicolons as Dutch Excel writes it', async () => {
    const text = [
      'Klantnummer;Voornaam;Achternaam;E-mailadres;Plaats;Straat;Postcode;Land',
      'W-1;Zoë;Müller-Brontë;zoe@example.nl;Den Haag;Spui 1;2511 BL;Nederland',
    ].join('\r\n');
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.includes(0xeb)).toBe(true); // ë as one byte: not UTF-8
    const response = await upload(bytes, { kind: 'persons', filename: 'klanten.csv' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ encoding: 'windows-1252', separator: ';', created: 1 });
    const person = await db()
      .selectFrom('subjects')
      .innerJoin('subject_addresses', 'subject_addresses.subject_id', 'subjects.id')
      .select(['first_name', 'last_name', 'city', 'country', 'import_source'])
      .where('external_reference', '=', 'W-1')
      .executeTakeFirstOrThrow();
    expect(person).toEqual({
      first_name: 'Zoë',
      last_name: 'Müller-Brontë',
      city: 'Den Haag',
      country: 'NL',
      import_source: `import: klanten.csv, ${today()}`,
    });
  });

  it('reads persons from a vCard file, with a UTF-8 BOM', async () => {
    const card = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:urn:uuid:vc-1',
      'FN:Anna Jansen',
      'N:Jansen;Anna;;;',
      'EMAIL;TYPE=work:anna@example.nl',
      'TEL:+31 6 1234 5678',
      'END:VCARD',
    ].join('\r\n');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=persons&filename=adresboek.vcf',
      headers: { cookie: staff, 'content-type': 'text/vcard' },
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(card)]),
    });
    expect(response.statusCode, response.body).toBe(200);
    const person = await db()
      .selectFrom('subjects')
      .select(['first_name', 'last_name', 'email', 'phone'])
      .where('external_reference', '=', 'urn:uuid:vc-1')
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ first_name: 'Anna', last_name: 'Jansen', email: 'anna@example.nl', phone: '+31 6 1234 5678' });
  });

  it('refuses a file in another encoding or without a separator, with a clear code', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('reference,name\r\nX,Y\r\n', 'utf16le')]);
    const encoding = await upload(utf16, { kind: 'organisations', filename: 'unicode.csv' });
    expect(encoding.statusCode).toBe(422);
    expect(encoding.json<Refusal>().error.code).toBe('import_encoding_unknown');
    const separator = await upload('reference name\nX Y\n', { kind: 'organisations', filename: 'spaties.csv' });
    expect(separator.json<Refusal>().error.code).toBe('import_separator_unknown');
    const empty = await upload('reference,name\n', { kind: 'organisations', filename: 'leeg.csv' });
    expect(empty.json<Refusal>().error.code).toBe('import_file_empty');
  });

  it('exports everything held to the dpo only, as JSON and as formula-safe CSV, logged', async () => {
    await upload(['reference,first_name,last_name', 'F-1,=HYPERLINK("x"),Formule'].join('\n'), {
      kind: 'persons',
      filename: 'f.csv',
    });
    const refused = await t.app.inject({ method: 'GET', url: '/api/export?format=json', headers: { cookie: staff } });
    expect(refused.statusCode).toBe(403);
    const denied = await db()
      .selectFrom('processing_log')
      .select(['operation', 'outcome'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(denied).toEqual({ operation: 'export', outcome: 'denied' });

    const json = await t.app.inject({ method: 'GET', url: '/api/export?format=json', headers: { cookie: dpo } });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('kluis-export-');
    const document = json.json<ExportDocument>();
    expect(document.tables.organisations).toContainEqual(
      expect.objectContaining({ name: 'Acme Automatisering BV', external_reference: 'ACME-1' }),
    );
    expect(document.tables['contact-roles']).toContainEqual(expect.objectContaining({ role: 'inkoper' }));
    expect(Object.keys(document.tables)).toEqual(
      expect.arrayContaining(['subjects', 'invoices', 'payments', 'cases', 'consents']),
    );
    const subjectCount = Number(
      (
        await db()
          .selectFrom('subjects')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(document.tables.subjects).toHaveLength(subjectCount);

    const entry = await db()
      .selectFrom('processing_log')
      .select(['seq', 'operation', 'outcome', 'reason'])
      .where('operation', '=', 'export')
      .where('outcome', '=', 'allowed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.reason).toBe('export of everything held (json)');
    const named = await db()
      .selectFrom('processing_log_subjects')
      .innerJoin('processing_log', 'processing_log.seq', 'processing_log_subjects.log_seq')
      .select('subject_id')
      .where('processing_log.seq', '=', entry.seq)
      .execute();
    expect(named).toHaveLength(subjectCount);

    const csv = await t.app.inject({ method: 'GET', url: '/api/export?format=csv', headers: { cookie: dpo } });
    expect(csv.headers['content-type']).toBe('application/zip');
    const files = unzipSync(csv.rawPayload);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['subjects.csv', 'organisations.csv', 'contact-roles.csv']));
    const subjects = strFromU8(files['subjects.csv'] ?? new Uint8Array());
    expect(subjects).toContain(`"'=HYPERLINK(""x"")"`);
    expect(subjects).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
