import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { GENDER_ERASURE_JOB, eraseUndeclaredGender } from './gender.ts';

/**
 * Issue 15, item 2: no law requires a gender (art. 35a Wet OB asks for a name and an address; CJEU C-394/23
 * Mousse), so the default policy does not process it (Art. 5(1)(c), 6(1)(c) GDPR): the API refuses it, and
 * what an older installation stored is erased once at start-up, through the guard and logged.
 */
describe.each(DIALECTS)('gender is not processed (Art. 5(1)(c), 6(1)(c) GDPR; CJEU C-394/23), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
  });
  afterAll(async () => t.close());

  it('refuses a gender for a customer or on an invoice with a reason, and stores nothing', async () => {
    const before = Number(
      (
        await t.database.db
          .selectFrom('subjects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/subjects',
      headers: { cookie: staff },
      payload: { firstName: 'Anna', lastName: 'Jansen', gender: 'female' },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json()).toMatchObject({
      error: { code: 'validation_failed', message: expect.stringContaining('no law requires a gender') as string },
    });
    expect(
      Number(
        (
          await t.database.db
            .selectFrom('subjects')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before);

    const subject = await newSubject(t);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/subjects/${subject.id}`,
      headers: { cookie: staff },
      payload: { gender: 'male' },
    });
    expect(changed.statusCode, changed.body).toBe(400);
    const billing = {
      name: 'Anna Jansen',
      gender: 'female',
      street: 'Markt 3',
      postalCode: '3511 AB',
      city: 'Utrecht',
      country: 'NL',
    };
    const invoice = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/invoices`,
      headers: { cookie: staff },
      payload: { billing, lines: [{ description: 'Installatie', quantity: 1, unitPriceCents: 100, vatRate: 21 }] },
    });
    expect(invoice.statusCode, invoice.body).toBe(400);
    expect(
      await t.database.db.selectFrom('subjects').select('gender').where('id', '=', subject.id).executeTakeFirstOrThrow(),
    ).toEqual({ gender: null });
    expect(await t.database.db.selectFrom('invoices').select('id').where('subject_id', '=', subject.id).execute()).toEqual([]);
  });

  it('erases gender stored before, once, through the guard: one log entry per person, and the chain verifies', async () => {
    // An installation of before the review: gender on a customer, and on the invoice of another.
    const anna = await newSubject(t);
    const piet = await newSubject(t);
    const draft = await newInvoice(t, piet.id);
    const issued = await t.services.invoices.issue(cliActor(), (await newInvoice(t, piet.id)).id, { completedOn: '2026-11-30' });
    await t.database.db.updateTable('subjects').set({ gender: 'female' }).where('id', '=', anna.id).execute();
    await t.database.db.updateTable('subjects').set({ gender: 'male' }).where('id', '=', piet.id).execute();
    await t.database.db.updateTable('invoices').set({ billing_gender: 'male' }).where('subject_id', '=', piet.id).execute();
    const before = await logCount(t);

    expect(await eraseUndeclaredGender(t.database.db, t.services.guard)).toBe(2);

    expect(await t.database.db.selectFrom('subjects').select('gender').where('gender', 'is not', null).execute()).toEqual([]);
    expect(
      await t.database.db.selectFrom('invoices').select('billing_gender').where('billing_gender', 'is not', null).execute(),
    ).toEqual([]);
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_kind', 'actor_id', 'operation', 'record_type', 'subject_ids', 'records', 'outcome', 'reason'])
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(2);
    const of = (id: string) => entries.find((e) => (JSON.parse(e.subject_ids) as string[])[0] === id);
    expect(of(anna.id)).toMatchObject({
      actor_kind: 'system',
      actor_id: 'gender-erasure',
      operation: 'erase',
      record_type: 'subject',
      outcome: 'allowed',
    });
    expect(of(anna.id)?.reason).toContain('C-394/23');
    expect(JSON.parse(of(anna.id)?.records ?? '[]')).toEqual([`subject:${anna.id}`]);
    expect((JSON.parse(of(piet.id)?.records ?? '[]') as string[]).sort()).toEqual(
      [`subject:${piet.id}`, `invoice:${draft.id}`, `invoice:${issued.id}`].sort(),
    );
    // The person's own log shows it (Art. 15), and `kluis log verify` passes.
    const own = await t.database.db
      .selectFrom('processing_log_subjects')
      .select('log_seq')
      .where('subject_id', '=', anna.id)
      .execute();
    expect(own.map((r) => Number(r.log_seq))).toContain(before + 1 + entries.findIndex((e) => e === of(anna.id)));
    expect((await t.services.processingLog.verify(cliActor())).ok).toBe(true);
    expect(await t.database.db.selectFrom('one_time_jobs').select('name').execute()).toEqual([{ name: GENDER_ERASURE_JOB }]);

    // Once: a later start-up does nothing, even if a value came back behind the guard's back.
    await t.database.db.updateTable('subjects').set({ gender: 'female' }).where('id', '=', anna.id).execute();
    expect(await eraseUndeclaredGender(t.database.db, t.services.guard)).toBeNull();
    expect(await logCount(t)).toBe(before + 2);
  });

  it('erases at the start-up of any command after the upgrade, and `kluis log verify` passes', async () => {
    const subject = await newSubject(t);
    await t.database.db.updateTable('subjects').set({ gender: 'other' }).where('id', '=', subject.id).execute();
    // The database of an installation that has not started since the upgrade.
    await t.database.db.deleteFrom('one_time_jobs').execute();
    const before = await logCount(t);
    const verify = runCli(t.database, ['log', 'verify']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('The processing log is intact');
    expect(await t.database.db.selectFrom('subjects').select('gender').where('gender', 'is not', null).execute()).toEqual([]);
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'subject_ids'])
      .where('seq', '>', before)
      .where('actor_id', '=', 'gender-erasure')
      .execute();
    expect(entry.map((e) => JSON.parse(e.subject_ids) as string[])).toContainEqual([subject.id]);
    expect(await t.database.db.selectFrom('one_time_jobs').select('name').execute()).toEqual([{ name: GENDER_ERASURE_JOB }]);
  });

  it('erases each value once when two instances start at the same moment (two behind one database)', async () => {
    const subjects = [await newSubject(t), await newSubject(t), await newSubject(t)];
    for (const s of subjects)
      await t.database.db.updateTable('subjects').set({ gender: 'female' }).where('id', '=', s.id).execute();
    await t.database.db.deleteFrom('one_time_jobs').execute();
    const before = await logCount(t);

    const [a, b] = await Promise.all([
      eraseUndeclaredGender(t.database.db, t.services.guard),
      eraseUndeclaredGender(t.database.db, t.services.guard),
    ]);

    expect((a ?? 0) + (b ?? 0)).toBe(3);
    expect(await t.database.db.selectFrom('subjects').select('gender').where('gender', 'is not', null).execute()).toEqual([]);
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select('subject_ids')
      .where('seq', '>', before)
      .where('actor_id', '=', 'gender-erasure')
      .execute();
    expect(entries.map((e) => (JSON.parse(e.subject_ids) as string[])[0]).sort()).toEqual(subjects.map((s) => s.id).sort());
    expect(await t.database.db.selectFrom('one_time_jobs').select('name').execute()).toEqual([{ name: GENDER_ERASURE_JOB }]);
    expect((await t.services.processingLog.verify(cliActor())).ok).toBe(true);
  });
});
