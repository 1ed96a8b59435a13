import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { addDays, businessToday } from '../shared/business-day.ts';
import type { ImportResult } from './import.service.ts';

interface Refusal {
  error: { code: string; details: { row: number; column: string; code: string }[] };
}

// Import of invoices issued before Kluis (issue 20, part 3): one row per line, stored as issued under their own
// numbers, outside Kluis's own series; through the API, on both databases, asserting rows and log entries.

const CUSTOMERS = [
  'reference,name,kind,vat_number,street,postal_code,city',
  'FI-ORG-1,Acme Automatisering BV,bv,NL123456789B01,Vredenburg 40,3511 BD,Utrecht',
  'FI-ORG-2,Bakkerij De Korst,eenmanszaak,,Dorpsstraat 1,1234 AB,Ergens',
].join('\n');
const PERSONS = [
  'reference;voornaam;achternaam;straat;postcode;plaats',
  'FI-P-1;Marieke;Jansen;Lange Nieuwstraat 4;3512 PH;Utrecht',
].join('\n');
const OWNER = ['reference;organisation;first_name;last_name;role;owner', 'FI-P-2;FI-ORG-2;Els;Bakker;eigenaar;ja'].join('\n');

// As Dutch Excel writes it: semicolons, Dutch dates and decimals; one line with a decimal point, one ISO date.
const INVOICES = [
  'Factuurnummer;Factuurdatum;Leverdatum;Klant;Omschrijving;Aantal;Prijs;Btw',
  'F-2023-001;15-03-2023;10-03-2023;FI-ORG-1;Onderhoud servers;10;95,00;21%',
  'F-2023-001;15-03-2023;10-03-2023;FI-ORG-1;Licentie;1;1.250,50;21',
  'F-2023-002;2023-04-01;;FI-P-1;Advies;2,5;80.10;9',
  '2024-0007;1-2-2024;;FI-ORG-2;Reparatie oven;1;50;21',
].join('\r\n');

describe.each(DIALECTS)('import of invoices issued before Kluis, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    for (const [kind, content] of [
      ['organisations', CUSTOMERS],
      ['persons', PERSONS],
      ['contacts', OWNER],
    ] as const) {
      const r = await upload(content, { kind, filename: `${kind}.csv` });
      expect(r.statusCode, r.body).toBe(200);
    }
  });
  afterAll(async () => t.close());

  const upload = (content: string, query: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports?${new URLSearchParams(query).toString()}`,
      headers: { cookie: staff, 'content-type': 'text/csv' },
      payload: Buffer.from(content, 'utf8'),
    });
  const db = () => t.database.db;
  const count = async (table: 'invoices' | 'invoice_lines' | 'invoice_payments' | 'processing_log') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => Promise.all([count('invoices'), count('invoice_lines')]);
  const imported = (numbers: string[]) =>
    db()
      .selectFrom('invoices')
      .select([
        'id',
        'number',
        'status',
        'issue_date',
        'completed_on',
        'subject_id',
        'organisation_id',
        'billing_name',
        'billing_city',
        'buyer_vat_number',
        'total_excl_cents',
        'vat_cents',
        'total_incl_cents',
        'import_source',
        'retain_until',
      ])
      .where('number', 'in', numbers)
      .orderBy('number')
      .execute();
  const subjectOf = async (reference: string) =>
    (await db().selectFrom('subjects').select('id').where('external_reference', '=', reference).executeTakeFirstOrThrow()).id;
  /** Issues a draft of Kluis's own and returns its number. */
  const issueOwn = async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    const response = await t.app.inject({ method: 'POST', url: `/api/invoices/${draft.id}/issue`, headers: { cookie: staff } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ number: string }>().number;
  };
  const sequenceOf = (n: string) => Number(n.split('-')[1]);

  it('checks the invoices in a dry run and writes nothing', async () => {
    const before = await counts();
    const logBefore = await count('processing_log');
    const response = await upload(INVOICES, { kind: 'invoices', filename: 'facturen.csv', dryRun: 'true' });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<ImportResult>();
    expect(result).toMatchObject({ dryRun: true, imported: false, separator: ';', counts: { rows: 4, create: 4, bad: 0 } });
    expect(result.rows.map((r) => r.reference)).toEqual(['F-2023-001', 'F-2023-001', 'F-2023-002', '2024-0007']);
    expect(await counts()).toEqual(before);
    const entries = await db()
      .selectFrom('processing_log')
      .select(['operation', 'record_type'])
      .where('seq', '>', logBefore)
      .execute();
    expect(entries).toEqual([{ operation: 'consult', record_type: 'invoice' }]);
  });

  it('stores the invoices as issued under their own numbers, totals as Kluis computes them, and leaves Kluis’s next number as it was', async () => {
    const ownBefore = await issueOwn();
    const response = await upload(INVOICES, { kind: 'invoices', filename: 'facturen.csv' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImportResult>()).toMatchObject({ imported: true, created: 3, batches: 1, counts: { create: 4 } });
    const source = `import: facturen.csv, ${businessToday(new Date())}`;
    const [own, f1, f2] = await imported(['2024-0007', 'F-2023-001', 'F-2023-002']);
    const person = await subjectOf('FI-P-1');
    const owner = await subjectOf('FI-P-2');
    expect(f1).toMatchObject({
      status: 'issued',
      issue_date: '2023-03-15',
      completed_on: '2023-03-10',
      subject_id: null,
      billing_name: 'Acme Automatisering BV',
      billing_city: 'Utrecht',
      buyer_vat_number: 'NL123456789B01',
      import_source: source,
    });
    // 10 × € 95,00 and 1 × € 1.250,50 at 21 %: VAT per line rounded half away from zero (€ 262,605 → € 262,61).
    expect([f1?.total_excl_cents, f1?.vat_cents, f1?.total_incl_cents].map(Number)).toEqual([220050, 46211, 266261]);
    // 2,5 × € 80,10 at 9 %.
    expect(f2).toMatchObject({
      subject_id: person,
      issue_date: '2023-04-01',
      completed_on: '2023-04-01',
      billing_name: 'Marieke Jansen',
    });
    expect([f2?.total_excl_cents, f2?.vat_cents, f2?.total_incl_cents].map(Number)).toEqual([20025, 1802, 21827]);
    expect(own).toMatchObject({ number: '2024-0007', issue_date: '2024-02-01' });
    const lines = await db()
      .selectFrom('invoice_lines')
      .select(['position', 'description', 'quantity', 'unit_price_cents', 'vat_rate', 'amount_cents'])
      .where('invoice_id', '=', f1?.id ?? '')
      .orderBy('position')
      .execute();
    expect(
      lines.map((l) => ({
        ...l,
        quantity: Number(l.quantity),
        unit_price_cents: Number(l.unit_price_cents),
        amount_cents: Number(l.amount_cents),
      })),
    ).toEqual([
      { position: 1, description: 'Onderhoud servers', quantity: 10, unit_price_cents: 9500, vat_rate: 21, amount_cents: 95000 },
      { position: 2, description: 'Licentie', quantity: 1, unit_price_cents: 125050, vat_rate: 21, amount_cents: 125050 },
    ]);

    // Fiscal retention as for an issued invoice: seven years after the end of its book year (AWR art. 52 lid 4), for
    // a person's and for a sole trader's (its owner's personal data); a legal entity's is the business's own.
    expect(f2?.retain_until).toBe('2031-01-01');
    expect(own?.retain_until).toBe('2032-01-01');

    // One collect entry for the batch, an invoice processing naming the person and the sole trader's owner.
    const entry = await db()
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'subject_ids', 'records', 'outcome'])
      .where('reason', 'like', 'import: facturen.csv%batch 1 of 1')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ operation: 'collect', record_type: 'invoice', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual(expect.arrayContaining([person, owner]));
    expect(JSON.parse(entry.records)).toEqual(
      expect.arrayContaining([`invoice:${f1?.id}`, `invoice:${f2?.id}`, `invoice:${own?.id}`]),
    );

    // Kluis's own series goes on where it was: the imported numbers are another series.
    const ownAfter = await issueOwn();
    expect(ownAfter.slice(0, 5)).toBe(ownBefore.slice(0, 5));
    expect(sequenceOf(ownAfter)).toBe(sequenceOf(ownBefore) + 1);

    // The same file again changes nothing.
    const before = await counts();
    const again = await upload(INVOICES, { kind: 'invoices', filename: 'facturen.csv' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<ImportResult>()).toMatchObject({ created: 0, counts: { unchanged: 4, create: 0, bad: 0 } });
    expect(await counts()).toEqual(before);
  });

  it('refuses numbers of Kluis’s form in a past year Kluis numbered in itself, and takes them for a year it did not (art. 35a Wet OB)', async () => {
    // Kluis numbered an invoice of 2019 itself (as if it had been in use then): its 2019 series is Kluis's own.
    const own = await issueOwn();
    await t.database.db.updateTable('invoices').set({ number: '2019-0001' }).where('number', '=', own).execute();
    const file = [
      'number,invoice_date,customer,description,quantity,unit_price,vat_rate',
      '2019-0002,2019-05-01,FI-P-1,Advies,1,100,21',
      '2018-0002,2018-05-01,FI-P-1,Advies,1,100,21',
    ].join('\n');
    const dry = await upload(file, { kind: 'invoices', filename: 'jaren.csv', dryRun: 'true' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(
      dry.json<ImportResult>().rows.flatMap((r) => r.problems.map(({ row, column, code }) => ({ row, column, code }))),
    ).toEqual([{ row: 2, column: 'number', code: 'number_in_own_series' }]);
  });

  it('names an unknown customer, a number taken and a number of Kluis’s own series as row problems, and imports nothing', async () => {
    const ownNumber = await issueOwn();
    const year = businessToday(new Date()).slice(0, 4);
    const file = [
      'number,invoice_date,customer,description,quantity,unit_price,vat_rate',
      'FX-1,2024-05-01,NOBODY,Advies,1,100,21',
      `${ownNumber},2024-05-01,FI-P-1,Advies,1,100,21`,
      'F-2023-002,2024-05-01,FI-ORG-1,Advies,1,100,21',
      `${year}-0900,2024-05-01,FI-P-1,Advies,1,100,21`,
      'FX-2,2024-05-02,FI-P-1,Goed,1,"12,50",21',
      'FX-3,2024-05-03,FI-P-1,Eerste regel,1,10,21',
      'FX-3,2024-05-04,FI-P-1,Andere datum,1,10,21',
      'FX-4,2024-05-05,FI-P-1,Te veel decimalen,1,"10,555",21',
      'FX-4,2024-05-05,FI-P-1,Goede regel,1,10,21',
    ].join('\n');
    const before = await counts();
    const dry = await upload(file, { kind: 'invoices', filename: 'fout.csv', dryRun: 'true' });
    expect(dry.statusCode, dry.body).toBe(200);
    const problems = dry
      .json<ImportResult>()
      .rows.flatMap((r) => r.problems.map(({ row, column, code }) => ({ row, column, code })));
    expect(problems).toEqual([
      { row: 2, column: 'customer', code: 'customer_unknown' },
      { row: 3, column: 'number', code: 'number_taken' },
      { row: 4, column: 'number', code: 'number_taken' },
      { row: 5, column: 'number', code: 'number_in_own_series' },
      { row: 7, column: 'number', code: 'invoice_incomplete' },
      { row: 8, column: 'invoice_date', code: 'invoice_differs' },
      { row: 9, column: 'unit_price', code: 'invalid' },
      { row: 10, column: 'number', code: 'invoice_incomplete' },
    ]);

    const refused = await upload(file, { kind: 'invoices', filename: 'fout.csv' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Refusal>().error.code).toBe('import_bad_rows');
    expect(await counts()).toEqual(before);

    // Skipped by choice: the one good invoice goes in, whole; an invoice with a bad line not at all.
    const skipped = await upload(file, { kind: 'invoices', filename: 'fout.csv', skipBadRows: 'true' });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json<ImportResult>()).toMatchObject({ created: 1, counts: { create: 1, bad: 8 } });
    expect((await imported(['FX-1', 'FX-2', 'FX-3', 'FX-4'])).map((i) => [i.number, Number(i.total_incl_cents)])).toEqual([
      ['FX-2', 1513],
    ]);
  });

  it('records one payment of the whole amount on the day the file says the invoice was paid, and none on a second import', async () => {
    // An invoice paid years ago must not look open to staff or the accountant; one without a payment date is open.
    const file = [
      'Factuurnummer;Factuurdatum;Klant;Omschrijving;Aantal;Prijs;Btw;Betaald op',
      'P-2022-001;01-06-2022;FI-ORG-1;Onderhoud;2;100,00;21;14-06-2022',
      'P-2022-001;01-06-2022;FI-ORG-1;Licentie;1;50,00;21;14-06-2022',
      'P-2022-002;02-06-2022;FI-P-1;Advies;1;80,00;9;',
    ].join('\n');
    const paymentsBefore = await count('invoice_payments');
    const dry = await upload(file, { kind: 'invoices', filename: 'betaald.csv', dryRun: 'true' });
    expect(dry.statusCode, dry.body).toBe(200);
    const preview = dry.json<ImportResult>();
    expect(preview).toMatchObject({ ignoredColumns: [], counts: { create: 3, bad: 0 } });
    expect(preview.rows.map((r) => r.line?.paidOn)).toEqual(['2022-06-14', '2022-06-14', undefined]);
    expect(await count('invoice_payments')).toBe(paymentsBefore);

    const response = await upload(file, { kind: 'invoices', filename: 'betaald.csv' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ImportResult>()).toMatchObject({ created: 2 });
    const [paid, open] = await imported(['P-2022-001', 'P-2022-002']);
    // 2 × € 100,00 and 1 × € 50,00 at 21 %: € 302,50; 1 × € 80,00 at 9 %: € 87,20.
    const status = async (id: string) =>
      (await t.app.inject({ url: `/api/invoices/${id}`, headers: { cookie: staff } })).json<{ payment: unknown }>().payment;
    expect(await status(paid?.id ?? '')).toEqual({ status: 'paid', paidCents: 30250, outstandingCents: 0 });
    expect(await status(open?.id ?? '')).toEqual({ status: 'open', paidCents: 0, outstandingCents: 8720 });
    const payments = async () =>
      (
        await db()
          .selectFrom('invoice_payments')
          .select(['invoice_id', 'paid_on', 'amount_cents', 'reference'])
          .where('invoice_id', 'in', [paid?.id ?? '', open?.id ?? ''])
          .execute()
      ).map((p) => ({ ...p, amount_cents: Number(p.amount_cents) }));
    const source = `import: betaald.csv, ${businessToday(new Date())}`;
    expect(await payments()).toEqual([{ invoice_id: paid?.id, paid_on: '2022-06-14', amount_cents: 30250, reference: source }]);
    expect(await count('invoice_payments')).toBe(paymentsBefore + 1);

    // The same file again: the invoices are unchanged, and no second payment is recorded.
    const again = await upload(file, { kind: 'invoices', filename: 'betaald.csv' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<ImportResult>()).toMatchObject({ created: 0, counts: { unchanged: 3, create: 0, bad: 0 } });
    expect(await count('invoice_payments')).toBe(paymentsBefore + 1);
    expect(await status(paid?.id ?? '')).toEqual({ status: 'paid', paidCents: 30250, outstandingCents: 0 });
  });

  it('names a payment date before the invoice date, after today, differing between lines or no date as row problems', async () => {
    const tomorrow = addDays(businessToday(new Date()), 1);
    const file = [
      'number,invoice_date,customer,description,quantity,unit_price,vat_rate,paid_on',
      'PX-1,2024-05-10,FI-P-1,Advies,1,100,21,2024-05-09',
      `PX-2,2024-05-10,FI-P-1,Advies,1,100,21,${tomorrow}`,
      'PX-3,2024-05-10,FI-P-1,Eerste regel,1,100,21,2024-05-20',
      'PX-3,2024-05-10,FI-P-1,Andere betaaldatum,1,100,21,2024-05-21',
      'PX-4,2024-05-10,FI-P-1,Advies,1,100,21,31-02-2024',
      'PX-5,2024-05-10,FI-P-1,Op de dag zelf,1,100,21,10-5-2024',
    ].join('\n');
    const before = [...(await counts()), await count('invoice_payments')];
    const dry = await upload(file, { kind: 'invoices', filename: 'betaald-fout.csv', dryRun: 'true' });
    expect(dry.statusCode, dry.body).toBe(200);
    const problems = dry
      .json<ImportResult>()
      .rows.flatMap((r) => r.problems.map(({ row, column, code }) => ({ row, column, code })));
    expect(problems).toEqual([
      { row: 2, column: 'paid_on', code: 'paid_before_invoice' },
      { row: 3, column: 'paid_on', code: 'paid_after_today' },
      { row: 4, column: 'number', code: 'invoice_incomplete' },
      { row: 5, column: 'paid_on', code: 'invoice_differs' },
      { row: 6, column: 'paid_on', code: 'invalid' },
    ]);

    const refused = await upload(file, { kind: 'invoices', filename: 'betaald-fout.csv' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Refusal>().error.code).toBe('import_bad_rows');
    expect([...(await counts()), await count('invoice_payments')]).toEqual(before);

    // Skipped by choice: the invoice paid on its own date goes in, paid; the others not at all.
    const skipped = await upload(file, { kind: 'invoices', filename: 'betaald-fout.csv', skipBadRows: 'true' });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json<ImportResult>()).toMatchObject({ created: 1, counts: { create: 1, bad: 5 } });
    const [ok] = await imported(['PX-1', 'PX-2', 'PX-3', 'PX-4', 'PX-5']);
    expect(ok?.number).toBe('PX-5');
    const payment = await db()
      .selectFrom('invoice_payments')
      .select(['paid_on', 'amount_cents'])
      .where('invoice_id', '=', ok?.id ?? '')
      .execute();
    expect(payment.map((p) => [p.paid_on, Number(p.amount_cents)])).toEqual([['2024-05-10', 12100]]);
  });
});
