import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newInvoice, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { UNKNOWN_ID, countRows, invoiceRow, lastEntry, lineRows } from '../../test/support/invoices.ts';

describe.each(DIALECTS)('invoice drafts on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  it('drafts an invoice with computed totals, billing copied from the subject, and one collect entry', async () => {
    const subject = await newSubject(t, {
      addresses: [
        { kind: 'postal', street: 'Oudegracht 1', postalCode: '3511 AA', city: 'Utrecht', country: 'NL' },
        { kind: 'billing', street: 'Postbus 12', postalCode: '3500 AA', city: 'Utrecht', country: 'NL' },
      ],
    });
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/invoices`,
      headers: { cookie: staff },
      payload: {
        lines: [
          { description: 'Werkplekbeheer', quantity: 2, unitPriceCents: 4550, vatRate: 21 },
          { description: 'Kabel', quantity: 1.5, unitPriceCents: 333, vatRate: 9 },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string }>();
    expect(body).toMatchObject({
      status: 'draft',
      number: null,
      issueDate: null,
      currency: 'EUR',
      totalExclCents: 9600,
      vatCents: 1956,
      totalInclCents: 11556,
    });

    expect(await invoiceRow(t, body.id)).toMatchObject({
      subject_id: subject.id,
      status: 'draft',
      number: null,
      billing_name: `${subject.firstName} ${subject.lastName}`,
      billing_gender: null,
      billing_street: 'Postbus 12',
      reference: subject.reference,
      currency: 'EUR',
      total_excl_cents: 9600,
      vat_cents: 1956,
      total_incl_cents: 11556,
    });
    expect(await lineRows(t, body.id)).toEqual([
      { position: 1, description: 'Werkplekbeheer', quantity: 2, unit_price_cents: 4550, vat_rate: 21, amount_cents: 9100 },
      { position: 2, description: 'Kabel', quantity: 1.5, unit_price_cents: 333, vat_rate: 9, amount_cents: 500 },
    ]);
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({
      operation: 'collect',
      record_type: 'invoice',
      purpose: 'invoicing',
      outcome: 'allowed',
      actor_role: 'staff',
    });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toEqual([`invoice:${body.id}`]);
  });

  it('keeps billing details as given, with no gender, and links an agreement of the subject', async () => {
    const subject = await newSubject(t);
    const agreement = await newAgreement(t, subject.id);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/invoices`,
      headers: { cookie: staff },
      payload: {
        agreementId: agreement.id,
        billing: { name: 'Bakkerij De Vries', street: 'Markt 3', postalCode: '3511 AB', city: 'Utrecht', country: 'NL' },
        reference: 'PO-2026-17',
        currency: 'EUR',
        completedOn: '2026-02-28',
        lines: [{ description: 'Installatie', quantity: 1, unitPriceCents: 12000, vatRate: 21 }],
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string }>();
    expect(body).toMatchObject({
      agreementId: agreement.id,
      completedOn: '2026-02-28',
      billing: { name: 'Bakkerij De Vries', gender: null },
    });
    expect(await invoiceRow(t, body.id)).toMatchObject({
      billing_name: 'Bakkerij De Vries',
      billing_gender: null,
      billing_street: 'Markt 3',
      reference: 'PO-2026-17',
      completed_on: '2026-02-28',
    });
  });

  it('edits a draft: the lines are replaced and the totals computed again, with one modify entry', async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    const before = await logCount(t);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/invoices/${draft.id}`,
      headers: { cookie: staff },
      payload: { reference: null, lines: [{ description: 'Advies', quantity: 0.25, unitPriceCents: 9500, vatRate: 21 }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ reference: null, totalExclCents: 2375, vatCents: 499, totalInclCents: 2874 });
    expect(await invoiceRow(t, draft.id)).toMatchObject({
      reference: null,
      total_excl_cents: 2375,
      vat_cents: 499,
      total_incl_cents: 2874,
    });
    expect(await lineRows(t, draft.id)).toEqual([
      { position: 1, description: 'Advies', quantity: 0.25, unit_price_cents: 9500, vat_rate: 21, amount_cents: 2375 },
    ]);
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry(t)).toMatchObject({ operation: 'modify', record_type: 'invoice', outcome: 'allowed' });
  });

  it('deletes a draft with its lines and logs one erase entry', async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    // Deleting is erasure, which sen-ict.yaml grants the dpo only: staff are refused, and that is logged.
    let before = await logCount(t);
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/invoices/${draft.id}`, headers: { cookie: staff } });
    expect(refused.statusCode).toBe(403);
    expect(await invoiceRow(t, draft.id)).toMatchObject({ status: 'draft' });
    expect(await logCount(t)).toBe(before + 1);
    expect(await lastEntry(t)).toMatchObject({ operation: 'erase', outcome: 'denied', actor_role: 'staff' });

    before = await logCount(t);
    const response = await t.app.inject({ method: 'DELETE', url: `/api/invoices/${draft.id}`, headers: { cookie: dpo } });
    expect(response.statusCode).toBe(204);
    expect(await invoiceRow(t, draft.id)).toBeUndefined();
    expect(await lineRows(t, draft.id)).toEqual([]);
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({ operation: 'erase', record_type: 'invoice', outcome: 'allowed', actor_role: 'dpo' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
  });

  it('lets the accountant consult invoices, each consultation logged', async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    let before = await logCount(t);
    const one = await t.app.inject({ method: 'GET', url: `/api/invoices/${draft.id}`, headers: { cookie: accountant } });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: draft.id,
      totalInclCents: 11011,
      lines: [{ description: 'Werkplekbeheer', amountCents: 9100 }],
    });
    expect(await logCount(t)).toBe(before + 1);
    const entry = await lastEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'invoice', outcome: 'allowed', actor_role: 'accountant' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);

    before = await logCount(t);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/invoices`,
      headers: { cookie: accountant },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ invoices: { id: string }[] }>().invoices.map((i) => i.id)).toEqual([draft.id]);
    expect(await logCount(t)).toBe(before + 1);
  });

  it('refuses the accountant any change to invoices, logs each denial and changes nothing', async () => {
    const subject = await newSubject(t);
    const draft = await newInvoice(t, subject.id);
    const line = { description: 'X', quantity: 1, unitPriceCents: 100, vatRate: 21 };
    const requests = [
      { method: 'POST' as const, url: `/api/subjects/${subject.id}/invoices`, payload: { lines: [line] }, operation: 'collect' },
      { method: 'PATCH' as const, url: `/api/invoices/${draft.id}`, payload: { lines: [line] }, operation: 'modify' },
      { method: 'POST' as const, url: `/api/invoices/${draft.id}/issue`, operation: 'modify' },
      { method: 'DELETE' as const, url: `/api/invoices/${draft.id}`, operation: 'erase' },
    ];
    for (const r of requests) {
      const [invoicesBefore, logBefore] = [await countRows(t, 'invoices'), await logCount(t)];
      const response = await t.app.inject({
        method: r.method,
        url: r.url,
        headers: { cookie: accountant },
        ...(r.payload === undefined ? {} : { payload: r.payload }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(await countRows(t, 'invoices')).toBe(invoicesBefore);
      expect(await logCount(t)).toBe(logBefore + 1);
      expect(await lastEntry(t)).toMatchObject({
        outcome: 'denied',
        actor_role: 'accountant',
        operation: r.operation,
        record_type: 'invoice',
      });
    }
    expect(await invoiceRow(t, draft.id)).toMatchObject({
      status: 'draft',
      total_incl_cents: 11011,
      updated_at: draft.updatedAt,
    });
  });

  it('declares its routes with their responses in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>().paths;
    expect(Object.keys(paths['/api/invoices/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
    expect(Object.keys(paths['/api/invoices/{id}/issue']?.post?.responses ?? {})).toContain('200');
    expect(Object.keys(paths['/api/invoices/{id}/credit']?.post?.responses ?? {})).toContain('201');
    expect(Object.keys(paths['/api/subjects/{id}/invoices'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/invoices'] ?? {})).toEqual(['get']);
    expect(Object.keys(paths['/api/agreements/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(paths['/api/subjects/{id}/agreements'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it('refuses a purpose the policy does not declare for invoices', async () => {
    const subject = await newSubject(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/subjects/${subject.id}/invoices?purpose=correspondence`,
      headers: { cookie: staff },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'purpose_not_allowed' } });
  });

  describe('bad input gets a 4xx and changes nothing', () => {
    const line = { description: 'Werkplekbeheer', quantity: 1, unitPriceCents: 4550, vatRate: 21 };
    type Case = {
      name: string;
      method: 'POST' | 'PATCH' | 'GET' | 'DELETE';
      url: (subjectId: string, invoiceId: string) => string;
      payload?: (ctx: { otherAgreementId: string }) => unknown;
      status: number;
      code: string;
      dpo?: boolean;
    };
    const create = (subjectId: string) => `/api/subjects/${subjectId}/invoices`;
    const one = (_: string, invoiceId: string) => `/api/invoices/${invoiceId}`;
    const cases: Case[] = [
      {
        name: 'an unknown field',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [line], discount: 10 }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'totals given by the caller',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [line], totalInclCents: 1 }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a line amount given by the caller',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [{ ...line, amountCents: 1 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a VAT rate that does not exist',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [{ ...line, vatRate: 19 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a negative quantity',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [{ ...line, quantity: -1 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a zero quantity',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [{ ...line, quantity: 0 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a quantity with four decimals',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [{ ...line, quantity: 1.2345 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a unit price in fractions of a cent',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [{ ...line, unitPriceCents: 45.5 }] }),
        status: 400,
        code: 'validation_failed',
      },
      { name: 'no lines', method: 'POST', url: create, payload: () => ({ lines: [] }), status: 400, code: 'validation_failed' },
      {
        name: 'a completion date that does not exist',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [line], completedOn: '2026-02-30' }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a currency in lower case',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [line], currency: 'eur' }),
        status: 400,
        code: 'validation_failed',
      },
      // Art. 5(1)(c), 6(1)(c) GDPR: no law asks for a gender on an invoice (art. 35a Wet OB; CJEU C-394/23).
      {
        name: 'a gender, which the policy does not process',
        method: 'POST',
        url: create,
        payload: () => ({
          lines: [line],
          billing: { name: 'A', gender: 'female', street: 's', postalCode: '1', city: 'c', country: 'NL' },
        }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown gender',
        method: 'POST',
        url: create,
        payload: () => ({
          lines: [line],
          billing: { name: 'A', gender: 'x', street: 's', postalCode: '1', city: 'c', country: 'NL' },
        }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an incomplete billing address',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [line], billing: { name: 'A' } }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an unknown subject',
        method: 'POST',
        url: () => create(UNKNOWN_ID),
        payload: () => ({ lines: [line] }),
        status: 404,
        code: 'not_found',
      },
      {
        name: 'an unknown agreement',
        method: 'POST',
        url: create,
        payload: () => ({ lines: [line], agreementId: UNKNOWN_ID }),
        status: 404,
        code: 'not_found',
      },
      {
        name: 'an agreement of another subject',
        method: 'POST',
        url: create,
        payload: (c) => ({ lines: [line], agreementId: c.otherAgreementId }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an invoice id that is not a UUID',
        method: 'GET',
        url: () => '/api/invoices/2026-0001',
        status: 400,
        code: 'validation_failed',
      },
      { name: 'an unknown invoice', method: 'GET', url: () => `/api/invoices/${UNKNOWN_ID}`, status: 404, code: 'not_found' },
      {
        name: 'the invoices of an unknown subject',
        method: 'GET',
        url: () => create(UNKNOWN_ID),
        status: 404,
        code: 'not_found',
      },
      {
        name: 'a change to an unknown invoice',
        method: 'PATCH',
        url: () => `/api/invoices/${UNKNOWN_ID}`,
        payload: () => ({ reference: 'X' }),
        status: 404,
        code: 'not_found',
      },
      // The policy lets only the dpo erase; see the draft deletion test.
      {
        name: 'deleting an unknown invoice',
        method: 'DELETE',
        url: () => `/api/invoices/${UNKNOWN_ID}`,
        status: 404,
        code: 'not_found',
        dpo: true,
      },
      { name: 'an empty change', method: 'PATCH', url: one, payload: () => ({}), status: 400, code: 'validation_failed' },
      {
        name: 'a change of status',
        method: 'PATCH',
        url: one,
        payload: () => ({ status: 'issued' }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a change of number',
        method: 'PATCH',
        url: one,
        payload: () => ({ number: '2026-9999' }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a changed line with a bad VAT rate',
        method: 'PATCH',
        url: one,
        payload: () => ({ lines: [{ ...line, vatRate: 6 }] }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a period that ends before it starts',
        method: 'GET',
        url: () => '/api/invoices?from=2026-03-01&to=2026-02-01',
        status: 400,
        code: 'list_query_invalid',
      },
      {
        name: 'a period with a date that does not exist',
        method: 'GET',
        url: () => '/api/invoices?from=2026-02-30&to=2026-03-31',
        status: 400,
        code: 'list_query_invalid',
      },
      {
        name: 'an issue with an unknown field',
        method: 'POST',
        url: (_, id) => `/api/invoices/${id}/issue`,
        payload: () => ({ number: '2026-0001' }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'an issue with a completion date that does not exist',
        method: 'POST',
        url: (_, id) => `/api/invoices/${id}/issue`,
        payload: () => ({ completedOn: '2026-13-01' }),
        status: 400,
        code: 'validation_failed',
      },
      {
        name: 'a credit for a draft',
        method: 'POST',
        url: (_, id) => `/api/invoices/${id}/credit`,
        status: 409,
        code: 'conflict',
      },
      {
        name: 'issuing an unknown invoice',
        method: 'POST',
        url: () => `/api/invoices/${UNKNOWN_ID}/issue`,
        status: 404,
        code: 'not_found',
      },
    ];
    it.each(cases)('$name', async (c) => {
      const subject = await newSubject(t);
      const other = await newSubject(t);
      const otherAgreement = await newAgreement(t, other.id);
      const draft = await newInvoice(t, subject.id);
      const [invoicesBefore, linesBefore, logBefore] = [
        await countRows(t, 'invoices'),
        await countRows(t, 'invoice_lines'),
        await logCount(t),
      ];
      const payload = c.payload?.({ otherAgreementId: otherAgreement.id });
      const response = await t.app.inject({
        method: c.method,
        url: c.url(subject.id, draft.id),
        headers: { cookie: c.dpo === true ? dpo : staff },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ error: { code: c.code } });
      expect(response.body).not.toMatch(/at .*\.ts:\d+|SELECT|sqlite|postgres/i);
      expect(await countRows(t, 'invoices')).toBe(invoicesBefore);
      expect(await countRows(t, 'invoice_lines')).toBe(linesBefore);
      expect(await logCount(t)).toBe(logBefore);
      expect(await invoiceRow(t, draft.id)).toMatchObject({
        status: 'draft',
        number: null,
        total_incl_cents: 11011,
        updated_at: draft.updatedAt,
      });
    });

    it('a subject without an address and no billing details given', async () => {
      const subject = await newSubject(t, { addresses: [] });
      const [invoicesBefore, logBefore] = [await countRows(t, 'invoices'), await logCount(t)];
      const response = await t.app.inject({
        method: 'POST',
        url: create(subject.id),
        headers: { cookie: staff },
        payload: { lines: [line] },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'billing' }] } });
      expect(await countRows(t, 'invoices')).toBe(invoicesBefore);
      expect(await logCount(t)).toBe(logBefore);
    });
  });
});
