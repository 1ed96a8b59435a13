import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { fixedClock } from '../shared/clock.ts';

// The services' one clock reaches what the register stores and what the administration log records (issue 18).
const clock = fixedClock('2026-03-02T09:15:00.000Z');

const printer = {
  id: 'drukkerij',
  name: { nl: 'Drukkerij', en: 'Printer' },
  role: 'processor' as const,
  purposes: ['invoicing'],
  categories: ['user.name', 'user.contact.address'],
  country: 'NL',
  contactEmail: 'privacy@drukkerij.test',
};

describe.each(DIALECTS)('the register at a fixed time on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    clock.set('2026-03-02T09:15:00.000Z');
    t = await startTestApp(dialect, { now: () => clock.now() });
  });
  afterAll(async () => t.close());

  const lastLogAt = async () =>
    (
      await t.database.db
        .selectFrom('processing_log')
        .select(['at', 'record_type', 'records'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).at;
  const stored = async () =>
    t.database.db
      .selectFrom('recipients')
      .select(['created_at', 'updated_at'])
      .where('id', '=', printer.id)
      .executeTakeFirstOrThrow();

  it('stores the clock’s time on the recipient and on its log entry, and moves with the clock', async () => {
    await t.services.recipients.create(cliActor(), printer);
    expect(await stored()).toEqual({ created_at: '2026-03-02T09:15:00.000Z', updated_at: '2026-03-02T09:15:00.000Z' });
    expect(await lastLogAt()).toBe('2026-03-02T09:15:00.000Z');

    clock.advance(90 * 60_000);
    await t.services.recipients.retire(cliActor(), printer.id);
    expect(await stored()).toEqual({ created_at: '2026-03-02T09:15:00.000Z', updated_at: '2026-03-02T10:45:00.000Z' });
    expect(await lastLogAt()).toBe('2026-03-02T10:45:00.000Z');
  });

  it('dates the export of the processing log, and its log entry, by the clock', async () => {
    clock.set('2026-03-02T23:30:00.000Z');
    const { day } = await t.services.processingLog.exportCsv(cliActor(), {}, 'en');
    // 23:30 UTC is past midnight in Utrecht: the business day is the 3rd.
    expect(day).toBe('2026-03-03');
    expect(await lastLogAt()).toBe('2026-03-02T23:30:00.000Z');
  });
});
