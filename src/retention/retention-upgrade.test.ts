import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newInvoice, newSubject, oldConsent } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { migrateTo, migrateToLatest } from '../db/migrate.ts';
import { cliActor } from '../guard/actor.ts';
import { ensureRetentionDates } from './retain-until.ts';

/**
 * Issue 15, item 7, for an existing installation (Art. 5(1)(e) GDPR): after the upgrade, quotes that never
 * ended, consents and persons of whom only invoices are left get their dates before the first sweep or forecast
 * (the migration adds the columns, the changed fingerprint of the computation fills them), and the sweep acts on them.
 */
describe.each(DIALECTS)('an installation upgraded to the retention of issue 15, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
  });
  afterAll(async () => t.close());

  it('gives the rows it holds their dates, and the sweep deletes and reduces what is due', async () => {
    const db = t.database.db;
    const actor = cliActor();
    // Rows made by today's code, then taken back to before the migration, as an older installation holds them.
    const quoted = await newSubject(t);
    const quote = await newAgreement(t, quoted.id, { kind: 'quote', status: 'sent', startDate: undefined });
    const consenting = await newSubject(t);
    // A consent of 2023, kept as history since Sen ICT records none (no purpose rests on consent).
    const consent = { id: await oldConsent(t, consenting.id, 'contract') };
    await db.updateTable('consents').set({ given_at: '2023-06-01T09:00:00.000Z' }).where('id', '=', consent.id).execute();
    const invoiced = await newSubject(t);
    const invoice = await newInvoice(t, invoiced.id);
    await t.services.invoices.issue(actor, invoice.id, { completedOn: '2024-02-01' });
    await migrateTo(db, '2026-12-02T2000-subject-source');
    // The older code left a sent quote without a date, and had its own fingerprint.
    await db
      .updateTable('agreements')
      .set({ updated_at: '2023-03-15T10:00:00.000Z', retain_until: null, retain_rule: 'contract-two-years' })
      .where('id', '=', quote.id)
      .execute();
    await db.updateTable('retention_basis').set({ fingerprint: 'computed before issue 15' }).execute();

    await migrateToLatest(db);
    expect(await ensureRetentionDates(db, t.services.guard.policy, t.services.guard.clock)).toBeGreaterThanOrEqual(3);
    expect(
      await db
        .selectFrom('agreements')
        .select(['retain_until', 'retain_rule'])
        .where('id', '=', quote.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ retain_until: '2025-03-15', retain_rule: 'contract-two-years' });
    expect(
      await db
        .selectFrom('consents')
        .select(['retain_until', 'retain_rule'])
        .where('id', '=', consent.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ retain_until: '2025-06-01', retain_rule: 'consent-proof-two-years' });
    expect(
      (await db.selectFrom('subjects').select('reduce_on').where('id', '=', invoiced.id).executeTakeFirstOrThrow()).reduce_on,
    ).toBe('2026-02-01');

    const report = await t.services.retention.run({ today: '2026-12-03' });
    expect(report.deleted).toMatchObject({ agreement: 1, consent: 1, subject: 2 });
    expect(report.reduced.map((r) => r.subjectId)).toEqual([invoiced.id]);
    expect(await db.selectFrom('subjects').select('id').where('id', 'in', [quoted.id, consenting.id]).execute()).toEqual([]);
    expect(
      await db.selectFrom('subjects').select(['email', 'phone']).where('id', '=', invoiced.id).executeTakeFirstOrThrow(),
    ).toEqual({ email: null, phone: null });
  });
});
