import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { migrateTo, migrateToLatest } from '../db/migrate.ts';
import type { DisclosureRow, RightsRequestRow } from '../db/types.ts';
import { isKluisError } from '../errors.ts';
import { newRequest } from '../../test/support/executions.ts';
import { TRANSFER_ACTOR, transferProcessing } from '../rights/access-packages/portability-transfer.service.ts';
import { portableCategories } from '../policy/portability-scope.ts';
import { recordPortabilityTransfer } from './portability-transfer.ts';

const ORGANISATION = { transfer_organisation: 'Nieuwe Leverancier B.V.', transfer_email: 'privacy@nieuwe-leverancier.test' };

describe.each(DIALECTS)(
  'P8 refuses every recipient outside the register but the one Art. 20(2) GDPR allows, on %s',
  (dialect) => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t.close());

    const disclosuresOf = (subjectId: string) =>
      t.database.db
        .selectFrom('disclosures')
        .select(['id', 'kind', 'recipient_name'])
        .where('subject_id', '=', subjectId)
        .execute();
    const denials = (subjectId: string) =>
      t.database.db
        .selectFrom('processing_log')
        .innerJoin('processing_log_subjects', 'processing_log_subjects.log_seq', 'processing_log.seq')
        .select(['processing_log.reason'])
        .where('processing_log_subjects.subject_id', '=', subjectId)
        .where('processing_log.outcome', '=', 'denied')
        .where('processing_log.operation', '=', 'disclose')
        .execute();

    /** The transfer through the guard, as the person's confirmation runs it; the refusal's code, or the row. */
    async function transfer(
      request: RightsRequestRow,
      subjectId: string,
      categories = portableCategories(t.services.policy),
    ): Promise<string | DisclosureRow> {
      try {
        return await t.services.guard.process(
          transferProcessing(TRANSFER_ACTOR, t.services.policy, subjectId, 'test transfer'),
          (ctx) =>
            recordPortabilityTransfer(
              ctx.trx,
              TRANSFER_ACTOR,
              { request, subjectId, categories, portable: portableCategories(t.services.policy) },
              ctx.processing.purpose,
              ctx.clock.now().toISOString(),
            ),
        );
      } catch (error) {
        if (isKluisError(error)) return error.code;
        throw error;
      }
    }

    it('refuses an unconfirmed address, another kind of request, a refused one, someone else, no organisation and data Art. 20(1) does not reach, each logged as denied', async () => {
      const subject = await newSubject(t);
      const other = await newSubject(t);
      const confirmed = { ...ORGANISATION, transfer_confirmed_at: new Date().toISOString(), status: 'awaiting_release' as const };
      const refusals: [string, RightsRequestRow, string[] | undefined, string][] = [
        [
          'not confirmed by the person',
          await newRequest(t, 'portability', subject.id, { ...confirmed, transfer_confirmed_at: null }),
          undefined,
          'recipient_unknown',
        ],
        ['a request for access', await newRequest(t, 'access', subject.id, confirmed), undefined, 'recipient_unknown'],
        [
          'a refused request',
          await newRequest(t, 'portability', subject.id, { ...confirmed, decision: 'refused' }),
          undefined,
          'recipient_unknown',
        ],
        ["another person's request", await newRequest(t, 'portability', other.id, confirmed), undefined, 'recipient_unknown'],
        [
          'no organisation named',
          await newRequest(t, 'portability', subject.id, { transfer_confirmed_at: confirmed.transfer_confirmed_at }),
          undefined,
          'recipient_unknown',
        ],
        [
          'invoices, kept under a legal obligation',
          await newRequest(t, 'portability', subject.id, confirmed),
          ['user.name', 'user.financial.invoice'],
          'category_not_registered',
        ],
      ];
      for (const [why, request, categories, code] of refusals)
        expect(await transfer(request, subject.id, categories), why).toBe(code);
      expect(await disclosuresOf(subject.id)).toEqual([]);
      expect(await denials(subject.id)).toHaveLength(refusals.length);

      // The one case: the person's own granted request, the address they confirmed, what Art. 20(1) reaches.
      const allowed = await transfer(await newRequest(t, 'portability', subject.id, confirmed), subject.id);
      expect(allowed).toMatchObject({
        kind: 'portability',
        recipient_id: null,
        recipient_name: ORGANISATION.transfer_organisation,
        recipient_email: ORGANISATION.transfer_email,
      });
      expect(await disclosuresOf(subject.id)).toEqual([
        { id: (allowed as DisclosureRow).id, kind: 'portability', recipient_name: ORGANISATION.transfer_organisation },
      ]);
    });

    it('keeps the rule in the database: a portability disclosure names the organisation and the request, every other kind a recipient of the register', async () => {
      const subject = await newSubject(t);
      const request = await newRequest(t, 'portability', subject.id, ORGANISATION);
      const row = (overrides: Partial<DisclosureRow>): DisclosureRow => ({
        id: randomUUID(),
        subject_id: subject.id,
        kind: 'portability',
        recipient_id: null,
        company_id: null,
        recipient_name: ORGANISATION.transfer_organisation,
        recipient_email: ORGANISATION.transfer_email,
        request_id: request.id,
        authority: null,
        authority_reference: null,
        categories: '["user.name"]',
        purpose: 'contract',
        legal_ground: 'Art. 20(2) GDPR',
        mode: 'export',
        format: 'zip',
        description: null,
        status: 'released',
        notice: 'not_required',
        notice_outbox_id: null,
        notice_reason: null,
        processor_agreement_id: null,
        batch_id: null,
        requested_by: 'test',
        requested_at: new Date().toISOString(),
        released_at: null,
        released_by: null,
        exported_at: null,
        cancelled_at: null,
        cancel_reason: null,
        ...overrides,
      });
      const inserted = async (r: DisclosureRow) =>
        t.database.db
          .insertInto('disclosures')
          .values(r)
          .execute()
          .then(
            () => true,
            () => false,
          );
      expect(await inserted(row({ recipient_name: null })), 'portability without the organisation').toBe(false);
      expect(await inserted(row({ recipient_email: null })), 'portability without its address').toBe(false);
      expect(await inserted(row({ request_id: null })), 'portability without the request').toBe(false);
      expect(await inserted(row({ recipient_id: 'leveranciers' })), 'portability to a recipient of the register').toBe(false);
      expect(await inserted(row({ notice: 'required' })), 'portability with an advance notice').toBe(false);
      expect(await inserted(row({ kind: 'disclosure' })), 'a disclosure to someone outside the register').toBe(false);
      expect(await inserted(row({ kind: 'fiscal_export' })), 'a fiscal export to someone outside the register').toBe(false);
      expect(await disclosuresOf(subject.id)).toEqual([]);
      expect(await inserted(row({})), 'the transfer the person asked for').toBe(true);
    });

    it('keeps the disclosures made before the migration, which changes the checks (SQLite rebuilds the table)', async () => {
      const db = t.database.db;
      const subject = await newSubject(t);
      await migrateTo(db, '2026-12-02T2000-subject-source');
      const before = {
        id: randomUUID(),
        subject_id: subject.id,
        kind: 'disclosure',
        recipient_id: 'leveranciers',
        categories: '["user.contact.email"]',
        purpose: 'contract',
        legal_ground: 'contract',
        mode: 'recorded',
        status: 'released',
        notice: 'not_required',
        requested_by: 'test',
        requested_at: new Date().toISOString(),
      };
      await sql`insert into disclosures (id, subject_id, kind, recipient_id, categories, purpose, legal_ground, mode, status, notice, requested_by, requested_at)
      values (${before.id}, ${before.subject_id}, ${before.kind}, ${before.recipient_id}, ${before.categories}, ${before.purpose}, ${before.legal_ground}, ${before.mode}, ${before.status}, ${before.notice}, ${before.requested_by}, ${before.requested_at})`.execute(
        db,
      );
      await migrateToLatest(db);
      expect(
        await db
          .selectFrom('disclosures')
          .select(['id', 'kind', 'recipient_id', 'recipient_name'])
          .where('subject_id', '=', subject.id)
          .execute(),
      ).toEqual([{ id: before.id, kind: 'disclosure', recipient_id: 'leveranciers', recipient_name: null }]);
    });
  },
);
