import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { businessToday } from '../shared/business-day.ts';
import type { Invoice } from '../invoices/invoice.schema.ts';
import type { Disclosure } from './disclosure.schema.ts';
import { decimal, lineVat } from './fiscal-export.csv.ts';
import { xmlText } from './fiscal-export.ubl.ts';

const LINES = [
  { description: `Werkplekbeheer <script>&"'`, quantity: 2, unitPriceCents: 4550, vatRate: 21 },
  { description: 'Handboek', quantity: 1, unitPriceCents: 1999, vatRate: 9 },
  { description: 'Porto', quantity: 1, unitPriceCents: 500, vatRate: 0 },
] as const;

/** Whether the text is well-formed as far as a test can tell without a parser: balanced tags, only known entities. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z:]+)[^>]*?(\/?)>/g)) {
    if (selfClosing === '/') continue;
    if (close === '/') {
      if (stack.pop() !== name) return false;
    } else {
      stack.push(name ?? '');
    }
  }
  return stack.length === 0 && !/&(?!(amp|lt|gt|quot|apos);)/.test(xml);
}

describe('the fiscal export formats', () => {
  it('writes cents as decimals and computes VAT per line as the invoice did', () => {
    expect([decimal(0), decimal(5), decimal(1234), decimal(-500), decimal(-13690)]).toEqual([
      '0.00',
      '0.05',
      '12.34',
      '-5.00',
      '-136.90',
    ]);
    expect([lineVat(9100, 21), lineVat(1999, 9), lineVat(-1999, 9), lineVat(50, 9), lineVat(-50, 9)]).toEqual([
      1911, 180, -180, 5, -5,
    ]);
  });

  it('escapes XML text and replaces characters XML cannot hold', () => {
    expect(xmlText(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('bell\u0007 nul\u0000 tab\t')).toBe('bell\uFFFD nul\uFFFD tab\t');
    expect(xmlText('emoji 👍 and \uD800 lone')).toBe('emoji 👍 and \uFFFD lone');
  });
});

describe.each(DIALECTS)('the fiscal export for the accounting firm, on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;
  let accountant: string;
  let invoice: Invoice;
  let creditNote: Invoice;
  let other: Invoice;
  const today = businessToday(new Date());

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [dpo, staff, accountant] = [await t.signIn('dpo'), await t.signIn('staff'), await t.signIn('accountant')];
    const actor = cliActor();
    const anna = await newSubject(t);
    invoice = await t.services.invoices.issue(
      actor,
      (
        await newInvoice(t, anna.id, {
          lines: [...LINES],
          billing: { name: 'Anna & Co', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' },
        })
      ).id,
      { completedOn: today },
    );
    creditNote = await t.services.invoices.issue(actor, (await t.services.invoices.credit(actor, invoice.id)).id, {});
    const piet = await newSubject(t);
    other = await t.services.invoices.issue(
      actor,
      (
        await newInvoice(t, piet.id, {
          billing: { name: '=SUM(A1:A9)', street: 'Dorpsstraat 2', postalCode: '1234 AB', city: 'Ergens', country: 'NL' },
        })
      ).id,
      {},
    );
    await newInvoice(t, piet.id); // a draft: no invoice in the fiscal sense, never exported
  });
  afterAll(async () => t.close());

  const exportAs = (cookie: string, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/fiscal-exports', payload, headers: { cookie } });
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('disclosures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses staff, and a firm without a processor agreement, disclosing nothing', async () => {
    const before = await count();
    expect((await exportAs(staff, { from: today, to: today })).statusCode).toBe(403);
    const refused = await exportAs(accountant, { from: today, to: today });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'processor_agreement_missing' } });
    expect((await exportAs(accountant, { from: today, to: '2000-01-01' })).statusCode).toBe(400);
    expect((await exportAs(accountant, { from: today, to: today, recipientId: 'leveranciers' })).json()).toMatchObject({
      error: { code: 'purpose_not_registered' },
    });
    // Microsoft keeps the invoices already, as the processor of our storage: it is never the default, nor a recipient of an export.
    expect((await exportAs(accountant, { from: today, to: today, recipientId: 'microsoft' })).json()).toMatchObject({
      error: { code: 'recipient_is_storage' },
    });
    expect(await count()).toBe(before);
  });

  it('refuses the export until the register names the firm by its company, whose own agreement counts (P9, Art. 13(1)(e), 28(3))', async () => {
    const before = await count();
    await t.services.recipients.recordAgreement(cliActor(), 'administratiekantoor', {
      signedOn: '2025-06-01',
      documentReference: 'VWO-ADM-2025',
    });
    // The firm gets no notice per person only because the statement names it; without the company it cannot.
    const unnamed = await exportAs(accountant, { from: today, to: today });
    expect(unnamed.statusCode).toBe(409);
    expect(unnamed.json()).toMatchObject({ error: { code: 'company_required' } });
    await t.services.companies.add(cliActor(), 'administratiekantoor', {
      id: 'boekhouding-utrecht',
      legalName: 'Boekhouding Utrecht B.V.',
      kvkNumber: '87654321',
      country: 'NL',
      role: 'processor',
    });
    expect((await exportAs(accountant, { from: today, to: today })).json()).toMatchObject({
      error: { code: 'processor_agreement_missing' },
    });
    expect((await exportAs(accountant, { from: today, to: today, companyId: 'elders' })).json()).toMatchObject({
      error: { code: 'company_unknown' },
    });
    expect(await count()).toBe(before);
    await t.services.companies.recordAgreement(
      cliActor(),
      { id: 'administratiekantoor', companyId: 'boekhouding-utrecht' },
      { signedOn: '2025-06-01', documentReference: 'VWO-ADM-2025' },
    );
  });

  it('exports the issued invoices of the period as CSV, credit invoices included, and logs one disclosure per person', async () => {
    const before = await logCount(t);
    const response = await exportAs(accountant, { from: today, to: today });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['x-kluis-disclosures']).toBe('2');
    const [header, ...rows] = response.body.split('\r\n').filter((l) => l !== '');
    expect(header).toBe(
      'number,type,credit_for,issue_date,completed_on,customer_reference,billing_name,billing_street,billing_postal_code,billing_city,billing_country,currency,total_excl,vat,total_incl,base_21,vat_21,base_9,vat_9,base_0',
    );
    expect(rows).toEqual([
      `${invoice.number},invoice,,${today},${today},${invoice.reference},Anna & Co,Oudegracht 1,3511 AA,Utrecht,NL,EUR,115.99,20.91,136.90,91.00,19.11,19.99,1.80,5.00`,
      `${creditNote.number},credit_note,${invoice.number},${today},${today},${invoice.reference},Anna & Co,Oudegracht 1,3511 AA,Utrecht,NL,EUR,-115.99,-20.91,-136.90,-91.00,-19.11,-19.99,-1.80,-5.00`,
      `${other.number},invoice,,${today},,${other.reference},'=SUM(A1:A9),Dorpsstraat 2,1234 AB,Ergens,NL,EUR,91.00,19.11,110.11,91.00,19.11,0.00,0.00,0.00`,
    ]);

    const logged = await t.database.db
      .selectFrom('disclosures')
      .select([
        'subject_id',
        'kind',
        'recipient_id',
        'company_id',
        'batch_id',
        'status',
        'notice',
        'description',
        'categories',
        'format',
      ])
      .where('kind', '=', 'fiscal_export')
      .orderBy('description')
      .execute();
    expect(logged).toHaveLength(2);
    expect(new Set(logged.map((d) => d.batch_id)).size).toBe(1);
    expect(logged.map((d) => [d.subject_id, d.recipient_id, d.company_id, d.status, d.notice, d.format])).toEqual(
      expect.arrayContaining([
        [invoice.subjectId, 'administratiekantoor', 'boekhouding-utrecht', 'released', 'not_required', 'csv'],
        [other.subjectId, 'administratiekantoor', 'boekhouding-utrecht', 'released', 'not_required', 'csv'],
      ]),
    );
    expect(logged.find((d) => d.subject_id === invoice.subjectId)?.description).toBe(
      `fiscal export ${today}..${today}: invoice(s) ${invoice.number ?? ''}, ${creditNote.number ?? ''}`,
    );
    expect(JSON.parse(logged[0]?.categories ?? '[]')).toEqual([
      'user.financial.invoice',
      'user.account.reference',
      'user.name',
      'user.contact.address',
    ]);

    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({
      operation: 'export',
      record_type: 'invoice',
      purpose: 'invoicing',
      outcome: 'allowed',
      actor_role: 'accountant',
    });
    expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual([invoice.subjectId, other.subjectId].sort());
    expect(JSON.parse(entry.records)).toEqual(
      expect.arrayContaining([`invoice:${invoice.id}`, `invoice:${creditNote.id}`, `invoice:${other.id}`]),
    );

    // The person's disclosure log names the firm by its company (P9).
    const own = (
      await t.app.inject({ method: 'GET', url: `/api/subjects/${other.subjectId}/disclosures`, headers: { cookie: staff } })
    ).json<{ disclosures: Disclosure[] }>();
    expect(own.disclosures.map((d) => [d.kind, d.recipient.name.nl, d.recipient.category?.nl])).toEqual([
      ['fiscal_export', 'Boekhouding Utrecht B.V.', 'Administratiekantoor'],
    ]);
  });

  it('exports a zip with the CSV and a UBL 2.1 document per invoice, a credit invoice as a CreditNote', async () => {
    const response = await exportAs(dpo, { from: today, to: today, format: 'zip' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual(
      [
        'invoices.csv',
        `ubl/${invoice.number ?? ''}.xml`,
        `ubl/${creditNote.number ?? ''}.xml`,
        `ubl/${other.number ?? ''}.xml`,
      ].sort(),
    );

    const xml = strFromU8(files[`ubl/${invoice.number ?? ''}.xml`] as Uint8Array);
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toContain('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"');
    expect(xml).toContain('<cbc:UBLVersionID>2.1</cbc:UBLVersionID>');
    expect(xml).toContain(
      `<cbc:ID>${invoice.number ?? ''}</cbc:ID><cbc:IssueDate>${today}</cbc:IssueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>`.replace(
        /></g,
        '>\n<',
      ),
    );
    expect(xml).toContain('<cac:PartyName><cbc:Name>Sen ICT</cbc:Name></cac:PartyName>');
    expect(xml).toContain(
      `<cbc:SupplierAssignedAccountID>${invoice.reference ?? ''}</cbc:SupplierAssignedAccountID><cac:Party><cac:PartyName><cbc:Name>Anna &amp; Co</cbc:Name></cac:PartyName>`,
    );
    expect(xml).toContain('<cbc:Description>Werkplekbeheer &lt;script&gt;&amp;&quot;&apos;</cbc:Description>');
    expect(xml).toContain(
      '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">20.91</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">91.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">19.11</cbc:TaxAmount>',
    );
    expect(xml).toContain('<cbc:PayableAmount currencyID="EUR">136.90</cbc:PayableAmount>');
    expect(xml).toContain(
      '<cbc:InvoicedQuantity unitCode="C62">2</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">91.00</cbc:LineExtensionAmount>',
    );
    expect(xml).toContain(`<cac:Delivery><cbc:ActualDeliveryDate>${today}</cbc:ActualDeliveryDate></cac:Delivery>`);
    expect(xml).not.toContain('female');

    const credit = strFromU8(files[`ubl/${creditNote.number ?? ''}.xml`] as Uint8Array);
    expect(wellFormed(credit)).toBe(true);
    expect(credit).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(credit).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
    expect(credit).toContain(
      `<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>${invoice.number ?? ''}</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>`,
    );
    expect(credit).toContain('<cbc:PayableAmount currencyID="EUR">136.90</cbc:PayableAmount>');
    expect(credit).toContain(
      '<cbc:CreditedQuantity unitCode="C62">2</cbc:CreditedQuantity><cbc:LineExtensionAmount currencyID="EUR">91.00</cbc:LineExtensionAmount>',
    );
    expect(credit).not.toMatch(/currencyID="EUR">-/);
    expect(strFromU8(files['invoices.csv'] as Uint8Array).split('\r\n')).toHaveLength(5);
  });

  it('exports an empty period as a header only, disclosing nothing', async () => {
    const before = await count();
    const response = await exportAs(accountant, { from: '2020-01-01', to: '2020-12-31' });
    expect(response.statusCode).toBe(200);
    expect(response.body.split('\r\n').filter((l) => l !== '')).toHaveLength(1);
    expect(await count()).toBe(before);
  });
});
