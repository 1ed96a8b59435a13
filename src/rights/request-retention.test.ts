import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { replayLedger } from '../backup/replay-ledger.ts';
import { cliActor } from '../guard/actor.ts';
import { verifyChain } from '../guard/verify-chain.ts';
import { addPeriod } from '../retention/rules/period.ts';
import { daysAgo } from '../../test/support/requests.ts';
import { businessToday } from '../shared/business-day.ts';

/** A mail as a mail program saves it. */
const eml = (from: string, text: string) =>
  [
    `From: ${from}`,
    'To: security@senict.nl',
    'Subject: Mijn verzoek',
    'Date: Mon, 2 Mar 2026 10:15:00 +0100',
    'Message-ID: <bewaar-1@example.nl>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');

const today = () => businessToday(new Date());
/** Some years after today: a right answered today is due after five (Art. 5(1)(e); art. 3:310 BW), a question after two. */
const years = (n: number) => addPeriod(today(), { years: n, months: 0, days: 0 });
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)(
  'deleting requests of data subjects five years after the answer (Art. 5(1)(e), 5(2) GDPR), on %s',
  (dialect) => {
    let t: TestApp;
    let staff: string;
    let dpo: string;

    beforeAll(async () => {
      t = await startTestApp(dialect, { publicUrl: 'https://kluis.senict.test' });
      staff = await t.signIn('staff');
      dpo = await t.signIn('dpo');
    });
    afterAll(async () => t.close());

    const post = async (url: string, payload: object, cookie = staff) => {
      const response = await t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json<Record<string, unknown>>();
    };
    const register = async (email: string, kind = 'access', details = '') =>
      (await post('/api/requests', {
        kind,
        channel: 'email',
        receivedOn: daysAgo(1),
        name: 'Anna de Vries',
        email,
        ...(details === '' ? {} : { details }),
      })) as { id: string };
    const count = async (
      table: 'rights_requests' | 'verification_challenges' | 'access_packages' | 'cases' | 'messages' | 'outbox',
      column: string,
      value: string,
    ) =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(column as never, '=', value as never)
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** An access request with everything that can hang on it: a challenge, a case with a message, a released package, mail. */
    async function answeredAccess() {
      const subject = await newSubject(t);
      const email = subject.email ?? '';
      const request = await register(email);
      await post(`/api/requests/${request.id}/verification-code`, { subjectId: subject.id });
      await post(`/api/requests/${request.id}/verify`, {
        method: 'known_contact',
        note: 'Vaste contactpersoon',
        subjectId: subject.id,
      });
      const imported = await t.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/messages/eml`,
        headers: { cookie: staff, 'content-type': 'message/rfc822' },
        payload: eml(email, 'Graag ook de facturen.'),
      });
      expect(imported.statusCode, imported.body).toBe(201);
      const caseId = imported.json<{ caseId: string }>().caseId;
      await post(`/api/requests/${request.id}/decision`, { decision: 'granted' }, dpo);
      const listed = await t.app.inject({
        method: 'GET',
        url: `/api/requests/${request.id}/access-packages`,
        headers: { cookie: dpo },
      });
      const packageId = listed.json<{ packages: { id: string }[] }>().packages[0]?.id ?? '';
      await post(`/api/access-packages/${packageId}/release`, {}, dpo);
      const row = await t.database.db
        .selectFrom('rights_requests')
        .select(['status', 'answered_at'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('answered');
      return { subject, request, caseId, packageId };
    }

    it('keeps an answered request five years (a question two), then deletes it with its challenges, case, access package and mail, logged and in the ledger', async () => {
      const a = await answeredAccess();
      const mail = await t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('related_id', 'in', [a.request.id, a.packageId])
        .execute();
      expect(mail.length).toBeGreaterThanOrEqual(3);
      expect(await count('verification_challenges', 'request_id', a.request.id)).toBeGreaterThan(0);
      expect(await count('messages', 'case_id', a.caseId)).toBe(1);
      const withdrawn = await register('ingetrokken@example.nl', 'question', 'Welke gegevens hebben jullie van mij?');
      await post(`/api/requests/${withdrawn.id}/withdraw`, { note: 'De persoon trok de vraag in.' });

      // A question is correspondence: it goes after the policy's two years (P5), a right exercised after five.
      expect(await t.services.requestRetention.run({ today: dayBefore(years(2)) })).toMatchObject({ deleted: 0 });
      expect(await count('rights_requests', 'id', withdrawn.id)).toBe(1);
      expect((await t.services.requestRetention.run({ today: years(2) })).deleted).toBeGreaterThanOrEqual(1);
      expect(await count('rights_requests', 'id', withdrawn.id)).toBe(0);
      expect(await t.services.requestRetention.run({ today: dayBefore(years(5)) })).toMatchObject({ deleted: 0 });
      expect(await count('rights_requests', 'id', a.request.id)).toBe(1);

      const report = await t.services.requestRetention.run({ today: years(5) });
      expect(report.deleted).toBeGreaterThanOrEqual(1);
      for (const [table, column, value] of [
        ['rights_requests', 'id', a.request.id],
        ['verification_challenges', 'request_id', a.request.id],
        ['access_packages', 'id', a.packageId],
        ['cases', 'id', a.caseId],
        ['messages', 'case_id', a.caseId],
      ] as const) {
        expect(await count(table, column, value), `${table} ${column}`).toBe(0);
      }
      expect(
        await t.database.db
          .selectFrom('outbox')
          .select('id')
          .where(
            'id',
            'in',
            mail.map((m) => m.id),
          )
          .execute(),
      ).toEqual([]);
      // The customer stays: only the request and what hangs on it go.
      expect((await t.services.subjects.get(cliActor(), a.subject.id)).id).toBe(a.subject.id);

      const ledger = await t.database.db
        .selectFrom('erasure_ledger')
        .select(['kind', 'record_type', 'record_id', 'subject_id'])
        .where('request_id', '=', a.request.id)
        .orderBy('seq')
        .execute();
      expect(ledger).toEqual([
        { kind: 'retention', record_type: 'rights_request', record_id: a.request.id, subject_id: a.subject.id },
        { kind: 'retention', record_type: 'case', record_id: a.caseId, subject_id: a.subject.id },
        { kind: 'retention', record_type: 'access_package', record_id: a.packageId, subject_id: a.subject.id },
      ]);
      const entries = await t.database.db
        .selectFrom('processing_log')
        .selectAll()
        .where('actor_id', '=', 'request-retention')
        .execute();
      const entry = entries.find((e) => e.records.includes(a.request.id));
      expect(entry).toMatchObject({ operation: 'erase', record_type: 'case', outcome: 'allowed' });
      expect(JSON.parse(entry?.records ?? '[]')).toEqual(
        expect.arrayContaining([
          `rights_request:${a.request.id}`,
          `case:${a.caseId}`,
          `access_package:${a.packageId}`,
          ...mail.map((m) => `outbox:${m.id}`),
        ]),
      );
      expect(JSON.parse(entry?.subject_ids ?? '[]')).toEqual([a.subject.id]);
      expect((await verifyChain(t.database.db, new Date())).ok).toBe(true);

      // What was done is no longer due.
      expect(await t.services.requestRetention.run({ today: years(5) })).toMatchObject({ deleted: 0 });
    });

    it('never deletes an open request, however old, and keeps one a legal hold reaches (Art. 17(3)(e))', async () => {
      const open = await register('nog.open@example.nl');
      const subject = await newSubject(t);
      const question = await register(subject.email ?? '', 'question', 'Met wie delen jullie mijn adres?');
      await post(`/api/requests/${question.id}/verify`, {
        method: 'known_contact',
        note: 'Vaste contactpersoon',
        subjectId: subject.id,
      });
      await post(`/api/requests/${question.id}/answer`, { text: 'Alleen met leveranciers die u een dienst leveren.' });
      const hold = await t.services.legalHolds.place(cliActor(), subject.id, {
        reason: 'Klacht bij de Autoriteit Persoonsgegevens',
        reviewOn: today(),
      });

      const far = addPeriod(today(), { years: 50, months: 0, days: 0 });
      const report = await t.services.requestRetention.run({ today: far });
      expect(report.held).toBe(1);
      expect(await count('rights_requests', 'id', open.id)).toBe(1);
      expect(await count('rights_requests', 'id', question.id)).toBe(1);

      await t.services.legalHolds.release(cliActor(), hold.id, { reason: 'Klacht afgehandeld' });
      expect(await t.services.requestRetention.run({ today: far })).toMatchObject({ deleted: 1, held: 0 });
      expect(await count('rights_requests', 'id', question.id)).toBe(0);
      expect(await count('rights_requests', 'id', open.id)).toBe(1);
    });

    it('is deleted again, with its mail, when a backup from before is restored (the erasure ledger replayed)', async () => {
      const a = await answeredAccess();
      const row = {
        seq: 1,
        at: new Date().toISOString(),
        kind: 'retention' as const,
        record_type: 'rights_request',
        record_id: a.request.id,
        subject_id: a.subject.id,
        request_id: a.request.id,
        records_with: 0,
      };
      await replayLedger(t.database.db, [row], cliActor(), 'kluis-test.age', new Date().toISOString());
      expect(await count('rights_requests', 'id', a.request.id)).toBe(0);
      expect(await count('access_packages', 'id', a.packageId)).toBe(0);
      expect(
        await t.database.db.selectFrom('outbox').select('id').where('related_id', 'in', [a.request.id, a.packageId]).execute(),
      ).toEqual([]);
    });
  },
);
