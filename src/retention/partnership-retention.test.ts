import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newAgreement, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { deleteRecords } from './deleter.ts';
import { refreshRetention } from './retain-until.ts';

/**
 * A partnership's records are the personal data of each of its partners (CJEU C-92/09 Schecke): a hold of any
 * partner keeps them, whichever partner's records are computed; the sweep deletes such a record once, however many
 * partners it is planned for; and partners reduced together keep their roles, so the kept invoices still expire.
 */
describe.each(DIALECTS)('retention of a partnership with two partners, on %s', (dialect) => {
  let t: TestApp;
  const actor = cliActor();
  beforeAll(async () => {
    t = await startTestApp(dialect, { now: () => new Date('2026-12-02T10:00:00Z') });
  });
  afterAll(async () => t.close());

  /** Two partners, each with a running agreement of their own (so neither goes as a whole), and their practice. */
  async function partnership(name: string) {
    const [a, b] = [await newSubject(t), await newSubject(t)];
    for (const partner of [a, b]) await newAgreement(t, partner.id);
    const practice = await t.services.organisations.organisations.create(actor, { name, kind: 'partnership' });
    for (const partner of [a, b])
      await t.services.organisations.organisations.addContact(actor, practice.id, {
        subjectId: partner.id,
        role: 'maat',
        owner: true,
      });
    // Ended in January 2024: the policy's two years ran out in January 2026.
    const ended = await t.services.organisations.records.createAgreement(actor, practice.id, {
      kind: 'agreement',
      title: 'Beheer praktijknetwerk',
      status: 'ended',
      startDate: '2023-01-01',
      endDate: '2024-01-31',
    });
    return { a, b, practice, ended };
  }
  const agreement = (id: string) =>
    t.database.db.selectFrom('agreements').select(['id', 'retain_until', 'retain_rule']).where('id', '=', id).executeTakeFirst();

  it('keeps the practice’s record under one partner’s hold when only the other partner’s dates are computed', async () => {
    const { a, b, ended } = await partnership('Tandartsen Oudegracht');
    expect(await agreement(ended.id)).toMatchObject({ retain_until: '2026-01-31' });
    await t.services.legalHolds.place(actor, a.id, { reason: 'Geschil over de praktijk', reviewOn: '2027-06-01' });
    expect((await agreement(ended.id))?.retain_until).toBeNull();

    await t.database.db.transaction().execute((trx) => refreshRetention(trx, t.services.guard.policy, [b.id]));
    expect(await agreement(ended.id)).toMatchObject({ retain_until: null, retain_rule: 'contract-two-years' });
    await t.services.retention.run({ today: '2026-12-02' });
    expect(await agreement(ended.id)).toBeDefined();
  });

  it('lets a partner place a hold on one record of the practice, which keeps it (Art. 17(3)(e))', async () => {
    const { b, ended } = await partnership('Huisartsen Zuilen');
    const other = await newSubject(t);
    await expect(
      t.services.legalHolds.place(actor, other.id, { recordType: 'agreement', recordId: ended.id, reason: 'Claim' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await t.services.legalHolds.place(actor, b.id, {
      recordType: 'agreement',
      recordId: ended.id,
      reason: 'Claim',
      endsOn: '2029-12-31',
    });
    expect(await agreement(ended.id)).toMatchObject({ retain_until: '2029-12-31', retain_rule: 'legal-hold' });
  });

  it('deletes a record due for both partners once: one ledger row, counted once', async () => {
    const { a, b, ended } = await partnership('Fysiotherapie Lombok');
    // The dpo's list of what the sweep deletes names it too, under one of its partners, as the forecast counts it.
    const listed = await t.services.retentionDue.forecast(
      actor,
      { days: '30', limit: '200', offset: '0' },
      { today: '2026-12-02' },
    );
    const practice = listed.records.filter((r) => r.id === ended.id);
    expect(practice).toHaveLength(1);
    expect([a.id, b.id]).toContain(practice[0]?.subjectId);
    // Overdue since January: the forecast counts it on today.
    expect(practice[0]).toMatchObject({ recordType: 'agreement', title: 'Beheer praktijknetwerk', until: '2026-12-02' });
    const report = await t.services.retention.run({ today: '2026-12-02' });
    expect(await agreement(ended.id)).toBeUndefined();
    const rows = await t.database.db
      .selectFrom('erasure_ledger')
      .select('subject_id')
      .where('record_id', '=', ended.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(report.deleted.agreement).toBe(1);
  });

  it('keeps the partners’ roles when both are reduced together, so the practice stays theirs', async () => {
    const { a, b, practice } = await partnership('Notarissen Wittevrouwen');
    const contact = await newSubject(t);
    await t.services.organisations.organisations.addContact(actor, practice.id, { subjectId: contact.id, role: 'assistent' });
    await t.database.db
      .transaction()
      .execute((trx) =>
        deleteRecords(
          trx,
          { minimised: [a.id, b.id, contact.id], minimisedOrganisations: [practice.id] },
          new Date().toISOString(),
        ),
      );
    const roles = await t.database.db
      .selectFrom('contact_roles')
      .select(['subject_id', 'owner'])
      .where('organisation_id', '=', practice.id)
      .orderBy('subject_id')
      .execute();
    expect(roles.map((r) => r.subject_id).sort()).toEqual([a.id, b.id].sort());
    expect(roles.every((r) => Number(r.owner) === 1)).toBe(true);
  });
});
