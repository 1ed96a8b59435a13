import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { customer } from '../../../test/support/rights-e2e.ts';
import type { ErasureHistory, ErasurePreview } from './erasure-preview.schema.ts';
import { DPO, countOf, execute, newRequest } from '../../../test/support/executions.ts';
import { addDays, businessToday } from '../../shared/business-day.ts';

const TABLES = ['agreements', 'invoices', 'cases', 'messages', 'consents', 'restrictions'] as const;

describe.each(DIALECTS)(
  'the erasure preview, a dry run before the decision and the account after it (issue 19), on %s',
  (dialect) => {
    let t: TestApp;
    let dpo: string;
    let staff: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      dpo = await t.signIn('dpo');
      staff = await t.signIn('staff');
    });
    afterAll(async () => t.close());

    const counts = async (subjectId: string): Promise<Record<string, number>> =>
      Object.fromEntries(
        await Promise.all(TABLES.map(async (table): Promise<[string, number]> => [table, await countOf(t, table, subjectId)])),
      );
    const get = (url: string, cookie = dpo) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    it('names what an erasure would delete and what the law keeps, with the ground and date of each, and changes nothing', async () => {
      const c = await customer(t);
      const request = await newRequest(t, 'erasure', c.subject.id, {
        status: 'verified',
        decision: null,
        decided_at: null,
        decided_by: null,
      });
      const before = await counts(c.subject.id);
      const response = await get(`/api/requests/${request.id}/erasure-preview`);
      expect(response.statusCode, response.body).toBe(200);
      const preview = response.json<ErasurePreview>();
      expect(preview.subject).toEqual({
        id: c.subject.id,
        name: `${c.subject.firstName} ${c.subject.lastName}`,
        reference: c.subject.reference,
      });
      // Deleted: the loose quote, the case with its two messages, the consent, each by its title.
      expect(preview.erased.map((r) => [r.recordType, r.id, r.title])).toEqual(
        expect.arrayContaining([
          ['agreement', c.loose.id, 'Offerte netwerk'],
          ['case', c.opened.id, c.opened.title],
          ['consent', c.consent.id, 'correspondence'],
        ]),
      );
      expect(preview.erased.find((r) => r.id === c.opened.id)?.messages).toBe(2);
      // Kept: the issued invoice by its number and the agreement behind it, under Art. 17(3)(b), until 1 January 2034.
      expect(preview.kept.map((k) => [k.recordType, k.id, k.ground, k.until])).toEqual([
        ['invoice', c.invoice.id, 'b', '2034-01-01'],
        ['agreement', c.invoiced.id, 'b', '2034-01-01'],
      ]);
      expect(preview.kept[0]?.title).toBe(c.invoice.number);
      expect(preview.kept[0]?.legalObligation).toContain('AWR');
      expect(preview.contactDetails).toBe('reduced');
      // A dry run: nothing deleted, and the consultation is in the processing log.
      expect(await counts(c.subject.id)).toEqual(before);
      const entry: { operation: string; actor_role: string; subject_ids: string; records: string } = await t.database.db
        .selectFrom('processing_log')
        .select(['operation', 'actor_role', 'subject_ids', 'records'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ operation: 'consult', actor_role: 'dpo' });
      expect(JSON.parse(entry.subject_ids) as string[]).toEqual([c.subject.id]);

      // The executor does what the preview said: the erased ids are gone, the kept ones stay.
      await execute(t, request);
      const left = [
        ...(await t.database.db.selectFrom('agreements').select('id').where('subject_id', '=', c.subject.id).execute()),
        ...(await t.database.db.selectFrom('invoices').select('id').where('subject_id', '=', c.subject.id).execute()),
      ];
      expect(left.map((r) => r.id).sort()).toEqual(preview.kept.map((k) => k.id).sort());
      expect(await countOf(t, 'cases', c.subject.id)).toBe(0);

      // Afterwards the customer page's account: which request, and what is kept, why and until when.
      await t.database.db
        .updateTable('rights_requests')
        .set({ decision: 'partly_granted', decided_at: '2026-12-03T10:00:00.000Z', decided_by: DPO.id })
        .where('id', '=', request.id)
        .execute();
      const history = (await get(`/api/subjects/${c.subject.id}/erasures`)).json<ErasureHistory>();
      expect(history.erasures).toEqual([
        {
          requestId: request.id,
          reference: request.reference,
          decision: 'partly_granted',
          decidedAt: '2026-12-03T10:00:00.000Z',
          erasedRecords: history.erasures[0]?.erasedRecords,
        },
      ]);
      expect(history.erasures[0]?.erasedRecords).toBeGreaterThanOrEqual(5);
      expect(history.kept.map((k) => [k.id, k.ground, k.until])).toEqual(preview.kept.map((k) => [k.id, k.ground, k.until]));
    });

    it('keeps a record under a legal hold on the ground of legal claims, with its review date', async () => {
      const c = await customer(t);
      const reviewOn = addDays(businessToday(new Date()), 30);
      await t.services.legalHolds.place(DPO, c.subject.id, {
        recordType: 'case',
        recordId: c.opened.id,
        reason: 'Geschil over de factuur',
        reviewOn,
      });
      const request = await newRequest(t, 'erasure', c.subject.id, { status: 'verified', decision: null });
      const preview = (await get(`/api/requests/${request.id}/erasure-preview`)).json<ErasurePreview>();
      expect(preview.kept.find((k) => k.id === c.opened.id)).toMatchObject({
        recordType: 'case',
        ground: 'e',
        reviewOn,
        title: c.opened.title,
      });
      expect(preview.erased.map((r) => r.id)).not.toContain(c.opened.id);
    });

    it('is the dpo’s: staff are refused, and a request of another kind has no erasure to preview', async () => {
      const c = await customer(t);
      const erasure = await newRequest(t, 'erasure', c.subject.id, { status: 'verified', decision: null });
      expect((await get(`/api/requests/${erasure.id}/erasure-preview`, staff)).statusCode).toBe(403);
      expect((await get(`/api/subjects/${c.subject.id}/erasures`, staff)).statusCode).toBe(403);
      const access = await newRequest(t, 'access', c.subject.id, { status: 'verified', decision: null });
      expect((await get(`/api/requests/${access.id}/erasure-preview`)).json()).toMatchObject({ error: { code: 'conflict' } });
    });
  },
);
