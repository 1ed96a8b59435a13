import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { freshIp } from '../../test/support/requests.ts';
import {
  E2E_TIMEOUT_MS,
  type E2e,
  PUBLIC_URL,
  codeIn,
  customer,
  decide,
  entriesNaming,
  expectLetter,
  fileRequest,
  mailArrived,
  publicStage,
  requestByReference,
  startE2e,
  verifyWithMailedCode,
} from '../../test/support/rights-e2e.ts';

type PackageData = {
  request: string;
  subject: { id: string; email: string; addresses: unknown[] };
  agreements: { id: string }[];
  invoices: { id: string; number: string; completedOn: string; lines: unknown[] }[];
  cases: { id: string; messages: { body: string; direction: string }[] }[];
  consents: { id: string; purpose: string }[];
  disclosures: unknown[];
  retention: { recordType: string; recordId: string; until: string | null; explanation: string }[];
  processingLog: { seq: number; operation: string; recordType: string; actorRole: string; records: string[] }[];
};

describe.each(DIALECTS)('access (Art. 15) end to end through the HTTP API, on %s', (dialect) => {
  let e: E2e;

  beforeAll(async () => {
    e = await startE2e(dialect);
  }, E2E_TIMEOUT_MS);
  afterAll(async () => e.close());

  it(
    'files, verifies with the mailed code, decides, releases after review, and the person downloads a package with every Art. 15(1) item',
    async () => {
      const c = await customer(e.t);
      // The person files with the address in another case: the code still goes to the address on file.
      const { reference } = await fileRequest(e, {
        kind: 'access',
        name: 'Anna de Vries',
        email: c.email.toUpperCase(),
        details: 'Alles graag',
        language: 'nl',
      });
      expect(await publicStage(e, reference)).toBe('received');
      const codeMail = await verifyWithMailedCode(e, c.email, reference);
      expect(codeMail.text).toContain(`${PUBLIC_URL}/privacy/request/verify?reference=${reference}&token=`);

      const request = await requestByReference(e, reference);
      expect(request).toMatchObject({ status: 'verified', subjectId: c.subject.id, verificationMethod: 'email_code' });
      // Every entry naming the person up to now: the package holds exactly these.
      const ownEntries = await entriesNaming(e.t, c.subject.id);
      expect(ownEntries.some((x) => x.operation === 'consult' && x.actor_role === 'dpo')).toBe(true);

      expect(await decide(e, request.id, { decision: 'granted' })).toMatchObject({
        status: 'awaiting_release',
        decision: 'granted',
        answeredAt: null,
      });
      const answer = await mailArrived(e, c.email, `Antwoord op uw verzoek ${reference}`);
      expectLetter(answer, 'nl', reference);
      expect(answer.text).toContain('Wij hebben uw verzoek ingewilligd.');
      expect(answer.text).toContain('art. 15 lid 4 AVG');
      expect(answer.text).not.toContain('Autoriteit Persoonsgegevens');

      // The dpo finds the package, reviews its content, and releases it.
      const listed = await e.t.app.inject({
        method: 'GET',
        url: `/api/requests/${request.id}/access-packages`,
        headers: { cookie: e.dpo },
      });
      expect(listed.statusCode, listed.body).toBe(200);
      const [pkg] = listed.json<{ packages: { id: string; reviewStatus: string; subjectId: string }[] }>().packages;
      expect(pkg).toMatchObject({ reviewStatus: 'pending_review', subjectId: c.subject.id });
      const id = pkg?.id ?? '';
      expect(
        (
          await e.t.app.inject({
            method: 'GET',
            url: `/api/requests/${request.id}/access-packages`,
            headers: { cookie: e.staff },
          })
        ).statusCode,
      ).toBe(403);
      const review = await e.t.app.inject({
        method: 'GET',
        url: `/api/access-packages/${id}/content`,
        headers: { cookie: e.dpo },
      });
      expect(review.statusCode).toBe(200);
      expect(review.headers['content-type']).toBe('application/zip');
      const reviewed = unzipSync(new Uint8Array(review.rawPayload));
      expect(strFromU8(reviewed['data.json'] as Uint8Array)).toContain('Klopt mijn factuur wel?');
      const released = await e.t.app.inject({
        method: 'POST',
        url: `/api/access-packages/${id}/release`,
        headers: { cookie: e.dpo },
      });
      expect(released.statusCode, released.body).toBe(200);
      expect(released.json()).toMatchObject({ id, reviewStatus: 'released' });
      // Art. 12(3): the request is answered when the link goes out, not at the decision.
      expect(await requestByReference(e, reference)).toMatchObject({
        status: 'answered',
        answeredAt: expect.any(String) as unknown,
      });

      // The link arrives; the page behind it sends a code to the address on file; code and token give the zip.
      const linkMail = await mailArrived(e, c.email, `Uw gegevens staan klaar (verzoek ${reference})`);
      expectLetter(linkMail, 'nl', reference);
      const token =
        new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/privacy/request/package\\?token=([A-Za-z0-9_-]+)`).exec(
          linkMail.text,
        )?.[1] ?? '';
      expect(token.length).toBeGreaterThan(40);
      const page = await e.t.app.inject({ method: 'GET', url: `/privacy/request/package?token=${token}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Stuur mij een code');
      const asked = await e.t.app.inject({ method: 'POST', url: `/api/public/packages/${token}/code`, remoteAddress: freshIp() });
      expect(asked.statusCode, asked.body).toBe(202);
      const codeForDownload = await mailArrived(e, c.email, `Uw downloadcode (verzoek ${reference})`);
      const download = await e.t.app.inject({
        method: 'GET',
        url: `/privacy/request/package?token=${token}&code=${codeIn(codeForDownload)}`,
      });
      expect(download.statusCode, download.body).toBe(200);
      expect(download.headers['content-type']).toBe('application/zip');
      expect(download.headers['cache-control']).toBe('no-store');

      const files = unzipSync(new Uint8Array(download.rawPayload));
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          'data.json',
          'report.html',
          'csv/subject.csv',
          'csv/invoices.csv',
          'csv/messages.csv',
          'csv/processing-log.csv',
        ]),
      );
      const data = JSON.parse(strFromU8(files['data.json'] as Uint8Array)) as PackageData;

      // The data itself: subject, agreements, invoices, cases with their messages, consents, own log entries.
      expect(data.request).toBe(reference);
      expect(data.subject).toMatchObject({ id: c.subject.id, email: c.email });
      expect(data.subject.addresses).toHaveLength(1);
      expect(data.agreements.map((a) => a.id).sort()).toEqual([c.invoiced.id, c.loose.id].sort());
      expect(data.invoices).toHaveLength(1);
      expect(data.invoices[0]).toMatchObject({ id: c.invoice.id, completedOn: '2026-03-31' });
      expect(data.invoices[0]?.lines).toHaveLength(1);
      expect(data.cases.map((x) => x.id)).toEqual([c.opened.id]);
      expect(data.cases[0]?.messages.map((m) => [m.direction, m.body])).toEqual([
        ['inbound', 'Klopt mijn factuur wel?'],
        ['outbound', 'Ja, de factuur klopt.'],
      ]);
      expect(data.consents.map((x) => [x.id, x.purpose])).toEqual([[c.consent.id, 'correspondence']]);
      expect(data.disclosures).toEqual([]);
      expect(data.processingLog.map((x) => x.seq)).toEqual(ownEntries.map((x) => Number(x.seq)));
      expect(data.processingLog.find((x) => x.operation === 'collect' && x.recordType === 'subject')?.records).toEqual([
        `subject:${c.subject.id}`,
      ]);
      expect(JSON.stringify(data.processingLog)).not.toContain('actorId');
      // Retention of every record, with the explanation (Art. 15(1)(d)).
      const invoiceRetention = data.retention.find((r) => r.recordId === c.invoice.id);
      // Seven years after the end of the book year of the invoice (art. 52 lid 4 AWR), later than seven years after completion.
      const fiscalEnd = `${Number((c.invoice.issueDate ?? '').slice(0, 4)) + 8}-01-01`;
      expect(invoiceRetention).toMatchObject({ recordType: 'invoice', until: fiscalEnd });
      expect(invoiceRetention?.explanation.length).toBeGreaterThan(10);
      expect(data.retention.map((r) => r.recordId)).toEqual(
        expect.arrayContaining([c.subject.id, c.invoiced.id, c.loose.id, c.opened.id, c.consent.id]),
      );
      expect(strFromU8(files['csv/invoices.csv'] as Uint8Array)).toContain(c.invoice.id);

      // report.html in the request's language, with each item of Art. 15(1) and 15(2).
      const report = strFromU8(files['report.html'] as Uint8Array);
      expect(report).toContain('<html lang="nl">');
      const section = (id: string): string => new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(report)?.[1] ?? '';
      expect(section('purposes')).toContain('Uitvoering van overeenkomst'); // (a) purposes
      expect(section('purposes')).toContain('Facturen');
      expect(section('purposes')).toContain('art. 52 AWR');
      expect(section('categories')).toContain('factuurgegevens'); // (b) categories
      expect(section('categories')).toContain('correspondentie');
      expect(section('recipients')).toContain('Administratiekantoor'); // (c) recipients
      expect(section('retention')).toContain(fiscalEnd); // (d) retention, with why
      expect(section('retention')).toContain(`bewaard tot ${fiscalEnd}`);
      expect(section('rights')).toContain('art. 16 AVG'); // (e) rectification, erasure, restriction, objection
      expect(section('rights')).toContain('art. 17 AVG');
      expect(section('rights')).toContain('art. 18 AVG');
      expect(section('rights')).toContain('art. 21 AVG');
      expect(section('complaint')).toContain('Autoriteit Persoonsgegevens'); // (f) the complaint to the AP
      expect(section('complaint')).toContain('https://autoriteitpersoonsgegevens.nl');
      expect(section('source')).toContain('U heeft ons deze gegevens zelf gegeven'); // (g) source
      expect(section('source')).toContain('kwamen er 1 van u');
      expect(section('automated')).toContain('art. 22 AVG'); // (h) automated decisions
      expect(section('transfers')).toContain('modelcontractbepalingen'); // 15(2) transfers and safeguards
      expect(section('data')).toContain('1 facturen');

      const [last] = await e.t.database.db
        .selectFrom('processing_log')
        .select(['operation', 'actor_id', 'subject_ids'])
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      expect(last).toMatchObject({ operation: 'export', actor_id: 'access-package-download' });
      expect(JSON.parse(last?.subject_ids ?? '[]')).toEqual([c.subject.id]);
      expect(await publicStage(e, reference)).toBe('answered');
    },
    E2E_TIMEOUT_MS,
  );
});
