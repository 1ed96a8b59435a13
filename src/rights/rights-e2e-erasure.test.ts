import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { ERASURE_RESTRICTION_REASON } from '../restrictions-objections/restriction-check.ts';
import { freshIp } from '../../test/support/requests.ts';
import {
  E2E_TIMEOUT_MS,
  type E2e,
  PUBLIC_URL,
  customer,
  decide,
  expectLetter,
  fileRequest,
  mailArrived,
  publicStage,
  requestByReference,
  startE2e,
} from '../../test/support/rights-e2e.ts';

const count = async (
  e: E2e,
  table: 'subject_addresses' | 'agreements' | 'invoices' | 'cases' | 'messages' | 'consents' | 'restrictions',
  subjectId: string,
): Promise<number> =>
  Number(
    (
      await e.t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('subject_id', '=', subjectId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(DIALECTS)('erasure (Art. 17) end to end through the HTTP API, on %s', (dialect) => {
  let e: E2e;

  beforeAll(async () => {
    e = await startE2e(dialect);
  }, E2E_TIMEOUT_MS);
  afterAll(async () => e.close());

  it(
    'files, verifies with the link from the mail, and erases all but the invoices and the agreement behind them, which stay restricted; the answer names what is kept, why and until when',
    async () => {
      const c = await customer(e.t);
      const { reference } = await fileRequest(e, {
        kind: 'erasure',
        name: 'Anna de Vries',
        email: c.email,
        details: 'Wis alles wat u van mij heeft.',
        language: 'nl',
      });
      const codeMail = await mailArrived(e, c.email, `Uw verificatiecode voor verzoek ${reference}`);
      const link = new RegExp(
        `${PUBLIC_URL.replace(/[.]/g, '\\.')}/privacy/request/verify\\?reference=${reference}&token=([A-Za-z0-9_-]+)`,
      ).exec(codeMail.text);
      expect(link, 'the link in the mail').not.toBeNull();
      // The link opens a page with a button (mail scanners must not use the token up); the button proves it.
      const page = await e.t.app.inject({
        method: 'GET',
        url: `/privacy/request/verify?reference=${reference}&token=${link?.[1] ?? ''}`,
      });
      expect(page.statusCode).toBe(200);
      const verified = await e.t.app.inject({
        method: 'POST',
        url: `/api/public/requests/${reference}/verify`,
        payload: { token: link?.[1] ?? '' },
        remoteAddress: freshIp(),
      });
      expect(verified.statusCode, verified.body).toBe(200);
      expect(verified.json()).toMatchObject({ stage: 'in_progress' });

      const request = await requestByReference(e, reference);
      expect(request).toMatchObject({ status: 'verified', subjectId: c.subject.id, verificationMethod: 'email_link' });
      const decided = await decide(e, request.id, {
        decision: 'partly_granted',
        ground: 'Art. 17 lid 3 onder b AVG',
        motivation: 'Facturen moeten wij zeven jaar bewaren (fiscale bewaarplicht).',
      });
      expect(decided).toMatchObject({ status: 'answered', decision: 'partly_granted' });

      // In the database: the issued invoice and the agreement behind it are kept and restricted; the rest is gone.
      const db = e.t.database.db;
      expect(
        (await db.selectFrom('invoices').select(['id', 'status']).where('subject_id', '=', c.subject.id).execute()).map(
          (i) => i.id,
        ),
      ).toEqual([c.invoice.id]);
      expect(await db.selectFrom('invoice_lines').select('id').where('invoice_id', '=', c.invoice.id).execute()).toHaveLength(1);
      expect(
        (await db.selectFrom('agreements').select('id').where('subject_id', '=', c.subject.id).execute()).map((a) => a.id),
      ).toEqual([c.invoiced.id]);
      expect(await db.selectFrom('agreements').select('id').where('id', '=', c.loose.id).execute()).toEqual([]);
      expect(await count(e, 'cases', c.subject.id)).toBe(0);
      expect(await count(e, 'messages', c.subject.id)).toBe(0);
      expect(await db.selectFrom('cases').select('id').where('id', '=', c.opened.id).execute()).toEqual([]);
      expect(await count(e, 'consents', c.subject.id)).toBe(0);
      expect(await count(e, 'subject_addresses', c.subject.id)).toBe(0);
      const subject = await db
        .selectFrom('subjects')
        .select(['reference', 'email', 'phone', 'gender'])
        .where('id', '=', c.subject.id)
        .executeTakeFirstOrThrow();
      expect(subject).toEqual({ reference: c.subject.reference, email: null, phone: null, gender: null });
      const restrictions = await db
        .selectFrom('restrictions')
        .select(['purpose', 'reason', 'request_id', 'lifted_at'])
        .where('subject_id', '=', c.subject.id)
        .execute();
      expect(restrictions).toEqual([
        { purpose: null, reason: ERASURE_RESTRICTION_REASON, request_id: request.id, lifted_at: null },
      ]);

      // The processing log holds the erasure, naming the person and the erased records.
      const erase = await db
        .selectFrom('processing_log')
        .select(['operation', 'record_type', 'outcome', 'actor_role', 'subject_ids', 'records'])
        .where('operation', '=', 'erase')
        .execute();
      expect(erase).toHaveLength(1);
      expect(erase[0]).toMatchObject({ record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
      expect(JSON.parse(erase[0]?.subject_ids ?? '[]')).toEqual([c.subject.id]);
      expect(JSON.parse(erase[0]?.records ?? '[]')).toEqual(
        expect.arrayContaining([`agreement:${c.loose.id}`, `case:${c.opened.id}`, `consent:${c.consent.id}`]),
      );

      // The answer reached the address the person proved to control, though it is no longer on file.
      const answer = await mailArrived(e, c.email, `Antwoord op uw verzoek ${reference}`);
      expectLetter(answer, 'nl', reference);
      expect(answer.text).toContain('Wij hebben uw verzoek gedeeltelijk ingewilligd.');
      // Art. 12(1): counted in words, without "(en)" and without zero counts.
      expect(answer.text).toContain('Wij hebben uw gegevens gewist: 1 overeenkomst of offerte');
      expect(answer.text).not.toMatch(/\(en\)|\(s\)| 0 /);
      // Seven years after the end of the book year of the invoice (art. 52 lid 4 AWR): 1 January, eight years on.
      const fiscalEnd = `1 januari ${Number((c.invoice.issueDate ?? '').slice(0, 4)) + 8}`;
      expect(answer.text).toContain(`facturen: Art. 17(3)(b) AVG; art. 52 lid 4 AWR; art. 2:10 lid 3 BW; tot ${fiscalEnd}`);
      expect(answer.text).toContain(
        `overeenkomsten en offertes: Art. 17(3)(b) AVG; art. 52 lid 4 AWR; art. 2:10 lid 3 BW; tot ${fiscalEnd}`,
      );
      expect(answer.text).toContain('Grondslag: Art. 17 lid 3 onder b AVG');
      expect(answer.text).toContain('Motivering: Facturen moeten wij zeven jaar bewaren');
      expect(answer.text).toContain(
        'klacht indienen bij de Autoriteit Persoonsgegevens (https://autoriteitpersoonsgegevens.nl; art. 77 AVG)',
      );
      expect(answer.text).toContain('binnen zes weken nadat u deze brief heeft ontvangen de rechtbank vragen');
      expect(await publicStage(e, reference)).toBe('answered');
    },
    E2E_TIMEOUT_MS,
  );
});
