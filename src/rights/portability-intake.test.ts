import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { daysAgo, fileRequest, freshIp, proveIdentity, requestRow } from '../../test/support/requests.ts';

const TO = { transferOrganisation: 'Nieuwe Leverancier B.V.', transferEmail: 'privacy@nieuwe-leverancier.test' };

describe.each(DIALECTS)('a request for portability (Art. 20 GDPR) on the portal, the API and from staff, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  const requestCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('rights_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
      remoteAddress: freshIp(),
    });

  it('is filed through the API with the organisation to send the data to (Art. 20(2)), with the deadline of every request (Art. 12(3))', async () => {
    const subject = await newSubject(t);
    const filed = await fileRequest(t, { kind: 'portability', name: 'Anna de Vries', email: subject.email ?? '', ...TO });
    expect(filed.statusCode, filed.body).toBe(202);
    const { reference, dueOn } = filed.json<{ reference: string; dueOn: string }>();
    const row = await requestRow(t, reference);
    expect(row).toMatchObject({
      kind: 'portability',
      transfer_organisation: TO.transferOrganisation,
      transfer_email: TO.transferEmail,
      transfer_confirmed_at: null,
      due_on: dueOn,
      status: 'verification_sent',
    });
    const other = await fileRequest(t, { kind: 'access', name: 'Anna de Vries', email: subject.email ?? '' });
    expect(other.json<{ dueOn: string }>().dueOn).toBe(dueOn);
  });

  it('refuses an organisation on another kind of request, or one without its address, and stores nothing', async () => {
    const before = await requestCount();
    for (const [body, path] of [
      [{ kind: 'access', ...TO }, 'transferOrganisation'],
      [{ kind: 'portability', transferOrganisation: TO.transferOrganisation }, 'transferEmail'],
      [{ kind: 'portability', transferEmail: TO.transferEmail }, 'transferOrganisation'],
      [{ kind: 'portability', ...TO, transferEmail: 'geen adres' }, 'transferEmail'],
    ] as const) {
      const refused = await fileRequest(t, { name: 'Anna de Vries', email: 'anna@example.nl', ...body });
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path)).toContain(
        `body.${path}`,
      );
    }
    expect(await requestCount()).toBe(before);
  });

  it('is registered by staff from a letter with the organisation named, and shown to staff', async () => {
    const subject = await newSubject(t);
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: { cookie: staff },
      payload: {
        kind: 'portability',
        channel: 'letter',
        receivedOn: daysAgo(2),
        name: 'Anna de Vries',
        email: subject.email ?? '',
        ...TO,
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ kind: 'portability', ...TO, transferConfirmedAt: null });
  });

  it('cannot be confirmed by knowing an invoice: the data may go to someone else, so the mailbox on file must confirm it', async () => {
    const subject = await newSubject(t);
    const issued = await t.services.invoices.issue(cliActor(), (await newInvoice(t, subject.id)).id, undefined);
    const { reference } = (await fileRequest(t, { kind: 'portability', name: 'Anna', email: subject.email ?? '' })).json<{
      reference: string;
    }>();
    const refused = await proveIdentity(t, reference, {
      invoiceNumber: issued.number ?? '',
      invoiceTotal: (issued.totalInclCents / 100).toFixed(2).replace('.', ','),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden', details: { reason: 'knowledge_not_accepted' } } });
    expect(await requestRow(t, reference)).toMatchObject({ verified_at: null });
  });

  it('has its choice and the organisation on the form, in plain Dutch and English, and files it from the form', async () => {
    const nl = await t.app.inject({ url: '/privacy/request' });
    expect(nl.body).toContain(
      'Overdracht: de gegevens die ik jullie gaf, in een bestand voor mijzelf of voor een andere organisatie',
    );
    expect(nl.body).toContain('<legend>Uw gegevens rechtstreeks naar een andere organisatie sturen?</legend>');
    expect(nl.body).toContain('<label for="transferEmail">E-mailadres van de organisatie</label>');
    const en = await t.app.inject({ url: '/en/privacy/request' });
    expect(en.body).toContain('Portability: the data I gave you, in a file for myself or for another organisation');
    expect(en.body).toContain('<label for="transferOrganisation">Name of the organisation</label>');

    const subject = await newSubject(t);
    const posted = await form('/privacy/request', {
      kind: 'portability',
      name: 'Anna de Vries',
      email: subject.email ?? '',
      details: '',
      purpose: '',
      transferOrganisation: TO.transferOrganisation,
      transferEmail: TO.transferEmail,
    });
    expect(posted.statusCode, posted.body).toBe(303);
    const reference = new URL(posted.headers.location ?? '', 'http://x').searchParams.get('reference') ?? '';
    expect(await requestRow(t, reference)).toMatchObject({
      kind: 'portability',
      transfer_organisation: TO.transferOrganisation,
      transfer_email: TO.transferEmail,
      language: 'nl',
    });
    // Empty fields send the data to the person; half of them is a problem named at its field, in Dutch.
    const own = await form('/privacy/request', {
      kind: 'portability',
      name: 'Anna de Vries',
      email: subject.email ?? '',
      transferOrganisation: '',
      transferEmail: '',
    });
    expect(own.statusCode).toBe(303);
    const half = await form('/privacy/request', {
      kind: 'portability',
      name: 'Anna de Vries',
      email: subject.email ?? '',
      transferOrganisation: TO.transferOrganisation,
      transferEmail: '',
    });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('<a href="#transferEmail">E-mailadres van de organisatie: vul dit goed in</a>');
    expect(half.body).toContain(`value="${TO.transferOrganisation}"`);
  });
});
