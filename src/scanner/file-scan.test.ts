import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CLAMD, type TestClamd, startTestClamd } from '../../test/clamd.ts';
import { runCli } from '../../test/cli.ts';
import { EICAR, EICAR_SIGNATURE } from '../../test/clamd-database.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import { lastLogEntry, startTestApp, type TestApp } from '../../test/harness.ts';
import type { Message } from '../cases/case.schema.ts';
import { daysAgo } from '../../test/support/requests.ts';

const LETTER = Buffer.from('%PDF-1.4 Geachte heer, hierbij de offerte.');

/** A mail as a mail program saves it, with one attachment. */
function eml(attachment: { name: string; content: Buffer }, text = 'Zie de bijlage.'): string {
  return [
    'From: Anna de Vries <anna@example.nl>',
    'To: security@senict.nl',
    'Subject: Mijn offerte',
    'Date: Tue, 3 Nov 2026 14:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--b',
    `Content-Type: application/octet-stream; name="${attachment.name}"`,
    `Content-Disposition: attachment; filename="${attachment.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    attachment.content.toString('base64'),
    '--b--',
    '',
  ].join('\r\n');
}

// Statement, BEVEILIGING: "antivirusscanners". Every file is scanned by a real clamd before it is stored.
describe.runIf(HAS_CLAMD)('files scanned before they are stored (real clamd)', () => {
  let clamd: TestClamd;
  beforeAll(async () => {
    // A small StreamMaxLength, so an attachment within Kluis's own 5 MiB limit can be over the scanner's.
    clamd = await startTestClamd({ streamMaxLength: '1M' });
  });
  afterAll(async () => clamd.close());

  describe.each(DIALECTS)('on %s', (dialect) => {
    let t: TestApp;
    let staff: string;
    let dpo: string;

    beforeAll(async () => {
      t = await startTestApp(dialect, { clamdUrl: clamd.url });
      staff = await t.signIn('staff');
      dpo = await t.signIn('dpo');
    });
    afterAll(async () => t.close());

    const addMessage = (caseId: string, files: { filename: string; content: Buffer }[]) =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/messages`,
        headers: { cookie: staff },
        payload: {
          direction: 'inbound',
          channel: 'email',
          occurredAt: '2026-11-03T13:00:00Z',
          body: 'Zie bijlage',
          attachments: files.map((f) => ({ filename: f.filename, contentBase64: f.content.toString('base64') })),
        },
      });
    const rowsOf = async (caseId: string) => ({
      messages: await t.database.db.selectFrom('messages').select('id').where('case_id', '=', caseId).execute(),
      attachments: await t.database.db
        .selectFrom('attachments')
        .select(['id', 'filename', 'scan_status', 'scan_problem'])
        .where('message_id', 'in', (eb) => eb.selectFrom('messages').select('id').where('case_id', '=', caseId))
        .execute(),
    });
    const download = (id: string) => t.app.inject({ url: `/api/attachments/${id}`, headers: { cookie: staff } });

    it('stores a clean file as clean and serves it', async () => {
      const kase = await newCase(t, (await newSubject(t)).id);
      const response = await addMessage(kase.id, [{ filename: 'offerte.pdf', content: LETTER }]);
      expect(response.statusCode, response.body).toBe(201);
      const [attachment] = response.json<Message>().attachments;
      expect(attachment?.scan).toMatchObject({ status: 'clean', problem: null });
      expect(attachment?.scan.scannedAt).not.toBeNull();
      const served = await download(attachment?.id ?? '');
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(LETTER)).toBe(true);
    });

    it('refuses EICAR: nothing of the message is stored, the answer and the processing log name the file and the signature', async () => {
      const subject = await newSubject(t);
      const kase = await newCase(t, subject.id);
      const response = await addMessage(kase.id, [
        { filename: 'offerte.pdf', content: LETTER },
        { filename: 'factuur.com', content: EICAR },
      ]);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json()).toMatchObject({
        error: { code: 'file_infected', details: { files: [{ name: 'factuur.com', signature: EICAR_SIGNATURE }] } },
      });
      expect(await rowsOf(kase.id)).toEqual({ messages: [], attachments: [] });
      const entry = await lastLogEntry(t);
      expect(entry).toMatchObject({ outcome: 'denied', operation: 'collect', record_type: 'message' });
      expect(entry.reason).toContain(EICAR_SIGNATURE);
      expect(entry.reason).toContain('factuur.com');
      expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    });

    it('refuses a mail (.eml) with EICAR attached, naming the attachment; a clean one is stored with its attachment clean', async () => {
      const kase = await newCase(t, (await newSubject(t)).id);
      const bad = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/messages/eml`,
        headers: { cookie: staff, 'content-type': 'message/rfc822' },
        payload: eml({ name: 'factuur.com', content: EICAR }),
      });
      expect(bad.statusCode, bad.body).toBe(422);
      expect(bad.json()).toMatchObject({
        error: { code: 'file_infected', details: { files: [{ name: 'factuur.com', signature: EICAR_SIGNATURE }] } },
      });
      expect(await rowsOf(kase.id)).toEqual({ messages: [], attachments: [] });
      const good = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/messages/eml`,
        headers: { cookie: staff, 'content-type': 'message/rfc822' },
        payload: eml({ name: 'offerte.pdf', content: LETTER }),
      });
      expect(good.statusCode, good.body).toBe(201);
      expect(good.json<Message>().attachments.map((a) => a.scan.status)).toEqual(['clean']);
    });

    it("refuses a mail with EICAR in its text, naming the mail's text", async () => {
      const kase = await newCase(t, (await newSubject(t)).id);
      const bad = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/messages/eml`,
        headers: { cookie: staff, 'content-type': 'message/rfc822' },
        payload: eml({ name: 'offerte.pdf', content: LETTER }, EICAR.toString('latin1')),
      });
      expect(bad.statusCode, bad.body).toBe(422);
      expect(bad.json()).toMatchObject({
        error: { code: 'file_infected', details: { files: [{ name: null, signature: EICAR_SIGNATURE }] } },
      });
      expect(await rowsOf(kase.id)).toEqual({ messages: [], attachments: [] });
    });

    it("refuses a request's mail with EICAR attached, though its attachments would be dropped: the details stay as they were", async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: staff },
        payload: { kind: 'access', channel: 'email', receivedOn: daysAgo(1), name: 'Anna', email: 'anna.virus@example.nl' },
      });
      const request = created.json<{ id: string }>();
      const before = await t.database.db
        .selectFrom('rights_requests')
        .select(['details', 'attachments_dropped'])
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/messages/eml`,
        headers: { cookie: staff, 'content-type': 'message/rfc822' },
        payload: eml({ name: 'paspoort.com', content: EICAR }),
      });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json()).toMatchObject({
        error: { code: 'file_infected', details: { files: [{ name: 'paspoort.com', signature: EICAR_SIGNATURE }] } },
      });
      expect(
        await t.database.db
          .selectFrom('rights_requests')
          .select(['details', 'attachments_dropped'])
          .where('id', '=', request.id)
          .executeTakeFirstOrThrow(),
      ).toEqual(before);
      expect(await lastLogEntry(t)).toMatchObject({ outcome: 'denied', record_type: 'message' });
    });

    it("keeps a file over the scanner's StreamMaxLength in quarantine, whole and once, and does not serve it", async () => {
      const kase = await newCase(t, (await newSubject(t)).id);
      const big = Buffer.alloc(1536 * 1024, 0x61);
      const response = await addMessage(kase.id, [{ filename: 'scan.tiff', content: big }]);
      expect(response.statusCode, response.body).toBe(201);
      const [attachment] = response.json<Message>().attachments;
      expect(attachment?.scan).toMatchObject({ status: 'quarantined', problem: 'size_limit' });
      const rows = await rowsOf(kase.id);
      expect(rows.messages).toHaveLength(1);
      expect(rows.attachments).toEqual([
        { id: attachment?.id, filename: 'scan.tiff', scan_status: 'quarantined', scan_problem: 'size_limit' },
      ]);
      const stored = await t.database.db
        .selectFrom('attachments')
        .select(['size_bytes', 'content'])
        .where('id', '=', attachment?.id ?? '')
        .executeTakeFirstOrThrow();
      expect(Number(stored.size_bytes)).toBe(big.length);
      expect(Buffer.from(stored.content).equals(big)).toBe(true);
      const refused = await download(attachment?.id ?? '');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: { code: 'file_quarantined' } });
    });

    it('keeps files in quarantine while the scanner is stopped, leaves them out of an access package, and releases or removes them once it is back', async () => {
      const subject = await newSubject(t);
      const kase = await newCase(t, subject.id);
      await clamd.stop();
      let response;
      try {
        response = await addMessage(kase.id, [
          { filename: 'offerte.pdf', content: LETTER },
          { filename: 'factuur.com', content: EICAR },
        ]);
      } finally {
        await clamd.start();
      }
      expect(response.statusCode, response.body).toBe(201);
      const [letter, virus] = response.json<Message>().attachments;
      expect(letter?.scan).toMatchObject({ status: 'quarantined', problem: 'unreachable' });
      expect(virus?.scan).toMatchObject({ status: 'quarantined', problem: 'unreachable' });
      expect((await download(letter?.id ?? '')).statusCode).toBe(409);

      // Art. 15: the package describes the files but carries none that waits in quarantine.
      const files = await accessPackageFiles(subject.id, subject.email ?? '');
      expect(Object.keys(files).filter((f) => f.startsWith('attachments/'))).toEqual([]);
      expect(Buffer.from(files['data.json'] ?? new Uint8Array()).toString()).toContain('"status": "quarantined"');

      const report = await t.services.quarantine.rescan();
      expect(report).toMatchObject({ released: 1, removed: 1, stoppedBecause: null });
      expect((await rowsOf(kase.id)).attachments).toEqual([
        { id: letter?.id, filename: 'offerte.pdf', scan_status: 'clean', scan_problem: null },
      ]);
      expect((await download(letter?.id ?? '')).statusCode).toBe(200);
      const entries = await t.database.db
        .selectFrom('processing_log')
        .select(['operation', 'actor_id', 'reason', 'records', 'subject_ids'])
        .where('actor_id', '=', 'quarantine')
        .orderBy('seq')
        .execute();
      const released = entries.find((e) => e.records.includes(letter?.id ?? ''));
      const removed = entries.find((e) => e.records.includes(virus?.id ?? ''));
      expect(released).toMatchObject({ operation: 'modify', subject_ids: JSON.stringify([subject.id]) });
      expect(removed).toMatchObject({ operation: 'erase', subject_ids: JSON.stringify([subject.id]) });
      expect(removed?.reason).toContain(EICAR_SIGNATURE);
      expect(removed?.reason).toContain('factuur.com');
    });

    it('scans evidence of a breach: clean is kept, EICAR refused and logged, unscannable kept in quarantine and not served', async () => {
      const recorded = await t.app.inject({
        method: 'POST',
        url: '/api/breaches',
        headers: { cookie: dpo },
        payload: {
          becameAwareAt: new Date(Date.now() - 3_600_000).toISOString(),
          description: 'Phishingmail met een bijlage geopend.',
          subjectCategories: ['klanten'],
          dataCategories: ['user.contact.email'],
          approxSubjects: 1,
          approxRecords: 1,
          consequences: 'Onbekend.',
          measures: 'Laptop opnieuw ingericht.',
          risk: 'risk',
        },
      });
      const breach = recorded.json<{ id: string }>();
      const add = (filename: string, content: Buffer) =>
        t.app.inject({
          method: 'POST',
          url: `/api/breaches/${breach.id}/evidence`,
          headers: { cookie: dpo },
          payload: { filename, contentBase64: content.toString('base64') },
        });
      const stored = async () =>
        t.database.db
          .selectFrom('breach_evidence')
          .select(['filename', 'scan_status'])
          .where('breach_id', '=', breach.id)
          .orderBy('added_at')
          .execute();

      const clean = await add('logboek.txt', Buffer.from('08:12 mail geopend'));
      expect(clean.statusCode, clean.body).toBe(201);
      expect(clean.json()).toMatchObject({ filename: 'logboek.txt', scan: { status: 'clean' } });
      expect(
        (await t.app.inject({ url: `/api/breach-evidence/${clean.json<{ id: string }>().id}`, headers: { cookie: dpo } })).body,
      ).toBe('08:12 mail geopend');

      const infected = await add('bijlage.com', EICAR);
      expect(infected.statusCode, infected.body).toBe(422);
      expect(infected.json()).toMatchObject({
        error: { code: 'file_infected', details: { files: [{ name: 'bijlage.com', signature: EICAR_SIGNATURE }] } },
      });
      expect(await stored()).toEqual([{ filename: 'logboek.txt', scan_status: 'clean' }]);
      expect(await lastLogEntry(t)).toMatchObject({
        outcome: 'denied',
        record_type: 'breach',
        reason: expect.stringContaining(EICAR_SIGNATURE) as string,
      });

      await clamd.stop();
      let waiting;
      try {
        waiting = await add('schermafdruk.png', Buffer.from('PNG'));
      } finally {
        await clamd.start();
      }
      expect(waiting.json()).toMatchObject({ scan: { status: 'quarantined', problem: 'unreachable' } });
      const id = waiting.json<{ id: string }>().id;
      expect((await t.app.inject({ url: `/api/breach-evidence/${id}`, headers: { cookie: dpo } })).json()).toMatchObject({
        error: { code: 'file_quarantined' },
      });
      expect((await t.app.inject({ url: `/api/breaches/${breach.id}/evidence`, headers: { cookie: staff } })).statusCode).toBe(
        403,
      );
      await t.services.quarantine.rescan();
      expect(
        (await t.app.inject({ url: `/api/breaches/${breach.id}/evidence`, headers: { cookie: dpo } }))
          .json<{ evidence: { scan: { status: string } }[] }>()
          .evidence.map((e) => e.scan.status),
      ).toEqual(['clean', 'clean']);
    });

    it('refuses an infected .eml on the command line too (kluis case import-eml, kluis request import-eml), saying which file and signature', async () => {
      const kase = await newCase(t, (await newSubject(t)).id);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-eml-')), 'mail.eml');
      fs.writeFileSync(file, eml({ name: 'factuur.com', content: EICAR }));
      const env = { KLUIS_CLAMD_URL: clamd.url };
      const forCase = runCli(t.database, ['case', 'import-eml', file, '--case', kase.id], { env });
      expect(forCase.status).not.toBe(0);
      expect(forCase.stderr).toContain('error [file_infected]');
      expect(forCase.stderr).toContain(`${EICAR_SIGNATURE} in factuur.com`);
      expect(await rowsOf(kase.id)).toEqual({ messages: [], attachments: [] });
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: staff },
        payload: { kind: 'access', channel: 'email', receivedOn: daysAgo(1), name: 'Anna', email: 'anna.cli@example.nl' },
      });
      const forRequest = runCli(t.database, ['request', 'import-eml', file, '--request', created.json<{ id: string }>().id], {
        env,
      });
      expect(forRequest.status).not.toBe(0);
      expect(forRequest.stderr).toContain(`${EICAR_SIGNATURE} in factuur.com`);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });

    /** Files an access request for the subject, verified by staff and granted by the dpo; the package's files. */
    async function accessPackageFiles(subjectId: string, email: string): Promise<Record<string, Uint8Array>> {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: staff },
        payload: { kind: 'access', channel: 'email', receivedOn: daysAgo(1), name: 'Anna', email },
      });
      const request = created.json<{ id: string }>();
      const verified = await t.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/verify`,
        headers: { cookie: staff },
        payload: { method: 'known_contact', note: 'Vaste contactpersoon', subjectId },
      });
      expect(verified.statusCode, verified.body).toBe(200);
      const decided = await t.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/decision`,
        headers: { cookie: dpo },
        payload: { decision: 'granted' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const listed = await t.app.inject({ url: `/api/requests/${request.id}/access-packages`, headers: { cookie: dpo } });
      const id = listed.json<{ packages: { id: string }[] }>().packages[0]?.id ?? '';
      const content = await t.app.inject({ url: `/api/access-packages/${id}/content`, headers: { cookie: dpo } });
      expect(content.statusCode, content.body).toBe(200);
      return unzipSync(new Uint8Array(content.rawPayload));
    }
  });
});
