import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { expectRefusedQueries, listPage } from '../../test/lists.ts';
import { cliActor } from '../guard/actor.ts';
import { DisclosureReleaseService } from './disclosure-release.service.ts';
import type { AwaitingDisclosure, Disclosure } from './disclosure.schema.ts';

const SUPPLIER = ['user.contact.address', 'user.contact.email'];

describe.each(DIALECTS)('the disclosures of every customer awaiting their advance notice (P9, issue 19), on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let anna: string;
  let bram: string;
  let annas: Disclosure;
  let brams: Disclosure;
  let released: Disclosure;
  let cancelled: Disclosure;

  /** Marks the advance notice of a disclosure as sent this long ago, as delivery would. */
  const noticeSent = async (d: Disclosure, msAgo: number) => {
    const sentAt = new Date(Date.now() - msAgo).toISOString();
    await t.database.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: sentAt })
      .where('id', '=', d.notice.outboxId ?? '')
      .execute();
    return sentAt;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dpo = await t.signIn('dpo');
    const actor = cliActor();
    await t.services.recipients.recordAgreement(actor, 'leveranciers', { signedOn: '2026-01-01', documentReference: 'VWO-LEV' });
    const disclose = (subjectId: string, categories = SUPPLIER) =>
      t.services.disclosures.disclosures.disclose(actor, subjectId, { recipientId: 'leveranciers', categories });
    anna = (await newSubject(t, { firstName: 'Anna', lastName: 'Aalders' })).id;
    bram = (await newSubject(t, { firstName: 'Bram', lastName: 'Brouwer' })).id;
    annas = await disclose(anna);
    brams = await disclose(bram, ['user.contact.address']);
    // Anna's waits longest, also when both were made within the same millisecond.
    const earlier = new Date(Date.parse(brams.requestedAt) - 60_000).toISOString();
    await t.database.db.updateTable('disclosures').set({ requested_at: earlier }).where('id', '=', annas.id).execute();
    annas = { ...annas, requestedAt: earlier };
    // One released after its notice, one cancelled while it waited: neither waits any more.
    released = await disclose((await newSubject(t, { firstName: 'Carla', lastName: 'Claes' })).id);
    await noticeSent(released, 60_000);
    await t.services.disclosures.releases.release(actor, released.id);
    cancelled = await disclose((await newSubject(t, { firstName: 'Dirk', lastName: 'Dekker' })).id);
    await t.services.disclosures.releases.cancel(actor, cancelled.id, { reason: 'Klant belde: niet doorgeven' });
  });
  afterAll(async () => t.close());

  const list = (query = '') => listPage<AwaitingDisclosure>(t, dpo, `/api/disclosures${query}`);
  const names = (items: AwaitingDisclosure[]) => items.map((d) => d.customerName);

  it('lists the waiting disclosures of both customers, longest waiting first, by name, recipient, categories and notice', async () => {
    const all = await list('?status=awaiting_notice');
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(all.items.map((d) => d.id)).toEqual([annas.id, brams.id]);
    expect(all.items.map((d) => d.id)).not.toContain(released.id);
    expect(all.items.map((d) => d.id)).not.toContain(cancelled.id);
    expect(all.items[0]).toMatchObject({
      subjectId: anna,
      customerName: 'Anna Aalders',
      status: 'awaiting_notice',
      recipient: { id: 'leveranciers', name: { nl: 'Leveranciers van diensten via derden' } },
      categories: SUPPLIER,
      purpose: 'contract',
      requestedAt: annas.requestedAt,
      notice: { status: 'queued', sentAt: null },
      releasableFrom: null,
      releasable: false,
    });
    expect(all.items[1]).toMatchObject({ customerName: 'Bram Brouwer', categories: ['user.contact.address'] });
  });

  it('logs one consultation naming both persons and each disclosure', async () => {
    await list();
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
    expect(entry.reason).toContain('awaiting their advance notice');
    expect((JSON.parse(entry.subject_ids) as string[]).sort()).toEqual([anna, bram].sort());
    expect(JSON.parse(entry.records) as string[]).toEqual(
      expect.arrayContaining([`disclosure:${annas.id}`, `disclosure:${brams.id}`, `subject:${anna}`, `subject:${bram}`]),
    );
  });

  it('pages and sorts by customer', async () => {
    const second = await list('?pageSize=1&page=2');
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(names(second.items)).toEqual(['Bram Brouwer']);
    expect(names((await list('?sort=customer&order=desc')).items)).toEqual(['Bram Brouwer', 'Anna Aalders']);
  });

  it('says from when each may be released once its notice went out, and filters those that may go now', async () => {
    const sentAt = await noticeSent(annas, 60_000);
    const shown = (await list()).items.find((d) => d.id === annas.id);
    expect(shown).toMatchObject({ notice: { status: 'sent', sentAt }, releasableFrom: sentAt, releasable: true });
    expect(names((await list('?releasable=true')).items)).toEqual(['Anna Aalders']);
    expect(names((await list('?releasable=false')).items)).toEqual(['Bram Brouwer']);

    // With a lead time of two hours (KLUIS_DISCLOSURE_NOTICE_LEAD_HOURS) the data waits that long after the notice.
    const lead = 2 * 3_600_000;
    const releases = new DisclosureReleaseService(t.database.db, t.services.guard, t.services.policy, { noticeLeadMs: lead });
    const waiting = await releases.listAwaiting(cliActor(), {});
    expect(waiting.items.find((d) => d.id === annas.id)).toMatchObject({
      releasableFrom: new Date(Date.parse(sentAt) + lead).toISOString(),
      releasable: false,
    });
    expect((await releases.listAwaiting(cliActor(), { releasable: 'true' })).total).toBe(0);
  });

  it('prints the same list on the command line', () => {
    const printed = runCli(t.database, ['disclosure', 'awaiting']);
    expect(printed.status, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/Anna Aalders .*Leveranciers van diensten via derden|Anna Aalders .*Suppliers of services/);
    expect(printed.stdout).toContain('Bram Brouwer');
    expect(printed.stdout).not.toContain('Carla Claes');
    expect(printed.stderr).toContain('2 disclosure(s) awaiting their notice; page 1 of 1.');
  });

  it('drops a disclosure from the list once it is released', async () => {
    const r = await t.app.inject({ method: 'POST', url: `/api/disclosures/${annas.id}/release`, headers: { cookie: dpo } });
    expect(r.statusCode, r.body).toBe(200);
    expect((await list()).items.map((d) => d.id)).toEqual([brams.id]);
  });

  it('is the dpo’s alone: staff and the accountant are refused, and each refusal is logged', async () => {
    for (const role of ['staff', 'accountant']) {
      const cookie = await t.signIn(role);
      const before = await logCount(t);
      const r = await t.app.inject({ url: '/api/disclosures', headers: { cookie } });
      expect(r.statusCode, role).toBe(403);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      expect(await logCount(t)).toBe(before + 1);
      expect(await lastLogEntry(t)).toMatchObject({ outcome: 'denied', actor_role: role, operation: 'consult' });
    }
  });

  it('refuses a query it cannot answer with a stable code, logging nothing', async () => {
    const before = await logCount(t);
    await expectRefusedQueries(t, dpo, '/api/disclosures', ['status=released', 'releasable=soon']);
    expect(await logCount(t)).toBe(before);
  });
});
