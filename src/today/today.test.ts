import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openSecondInstance } from '../../test/databases.ts';
import { newCase, newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { BreachService } from '../breaches/breach.service.ts';
import { CHECK_WORDS } from '../doctor/check-words.ts';
import { CHECKS } from '../doctor/doctor.ts';
import { doctorSettings } from '../doctor/doctor-settings.ts';
import { cliActor } from '../guard/actor.ts';
import { Guard } from '../guard/guard.ts';
import { businessToday } from '../shared/business-day.ts';
import { standardJobs } from '../jobs/jobs.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { daysAgo } from '../../test/support/requests.ts';
import { ReminderService } from './reminder.service.ts';
import type { StartPage } from './start.schema.ts';
import { systemClock } from '../shared/clock.ts';

const PUBLIC_URL = 'https://kluis.senict.test';
const HOUR = 3_600_000;
const SILENT = { info: () => undefined, error: () => undefined };
const MONTHS_NL = /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d/;
const MONTHS_EN = /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d/;

/**
 * Issue 19, part 4: the start page of each role from one endpoint, read through the guard, and the reminders by
 * mail to the people who must act, each once, in the account's language, through the outbox to a real SMTP server.
 */
describe.each(DIALECTS)('what needs doing today, on %s', (dialect) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let dpo: string;
  let staff: string;
  let accountant: string;
  let backupDir: string;
  const ids = { near: '', fresh: '', nearRef: '', freshRef: '', subject: '', breach: '', hold: '', packageId: '' };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
    accountant = await t.signIn('accountant');
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-today-'));

    const subject = await newSubject(t, { firstName: 'Hanna', lastName: 'Hold', email: 'hanna@example.nl' });
    ids.subject = subject.id;
    // A request received 25 days ago: its month ends within the week. One received today: news.
    const request = async (receivedOn: string, name: string) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/requests',
        headers: { cookie: staff },
        payload: { kind: 'access', channel: 'letter', receivedOn, name, address: 'Oudegracht 1, Utrecht' },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string; reference: string }>();
    };
    const near = await request(daysAgo(25), 'Nora Nabij');
    const fresh = await request(daysAgo(0), 'Frits Vers');
    Object.assign(ids, { near: near.id, nearRef: near.reference, fresh: fresh.id, freshRef: fresh.reference });
    // The package of the near request waits for the dpo's release (built as the access executor stores it).
    ids.packageId = randomUUID();
    await t.database.db
      .insertInto('access_packages')
      .values({
        id: ids.packageId,
        request_id: near.id,
        subject_id: subject.id,
        created_at: new Date(Date.now() - 2 * HOUR).toISOString(),
        expires_at: new Date(Date.now() + 14 * 24 * HOUR).toISOString(),
        token_hash: randomUUID(),
        content: new Uint8Array([1]),
        size_bytes: 1,
        review_status: 'pending_review',
      })
      .execute();
    const hold = await t.app.inject({
      method: 'POST',
      url: `/api/subjects/${subject.id}/holds`,
      headers: { cookie: dpo },
      payload: { reason: 'Geschil over de levering van maart', reviewOn: businessToday(new Date()) },
    });
    expect(hold.statusCode, hold.body).toBe(201);
    ids.hold = hold.json<{ id: string }>().id;
    const breach = await t.app.inject({
      method: 'POST',
      url: '/api/breaches',
      headers: { cookie: dpo },
      payload: {
        becameAwareAt: new Date(Date.now() - 50 * HOUR).toISOString(),
        description: 'Een laptop met een export van het klantenbestand is gestolen.',
        subjectCategories: ['klanten'],
        dataCategories: ['user.name'],
        approxSubjects: 10,
        approxRecords: 10,
        consequences: 'Phishing.',
        measures: 'Wachtwoorden ingetrokken.',
        risk: 'high',
      },
    });
    expect(breach.statusCode, breach.body).toBe(201);
    ids.breach = breach.json<{ id: string }>().id;
    // A fresh installation: no backups, processors without agreements, no virus scanner: errors.
    await t.services.selfChecks.run(
      cliActor(),
      doctorSettings({ dataDir: t.database.dataDir, databaseUrl: t.database.databaseUrl, backupDir, backupRecipient: undefined }),
      { source: 'cli' },
    );
    await newCase(t, subject.id, { title: 'Vraag over de offerte' });
    await newInvoice(t, subject.id);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  const startOf = async (cookie: string) => {
    const r = await t.app.inject({ method: 'GET', url: '/api/start', headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<StartPage>();
  };
  const entriesSince = (seq: number) =>
    t.database.db
      .selectFrom('processing_log')
      .select(['actor_role', 'operation', 'record_type', 'subject_ids', 'records'])
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute();
  const lastSeq = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('processing_log')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m ?? 0,
    );

  it("gives the dpo requests by deadline with the waiting package, holds to review, breaches with their clock, agreements and the self-check's errors", async () => {
    const before = await lastSeq();
    const page = await startOf(dpo);
    expect(page.role).toBe('dpo');
    expect(page.requests?.items.map((r) => r.reference)).toEqual([ids.nearRef, ids.freshRef]);
    expect(page.requests?.items[0]).toMatchObject({ id: ids.near, packageWaiting: true, overdue: false });
    expect(page.requests?.items[0]?.daysLeft).toBeLessThanOrEqual(7);
    expect(page.requests?.items[1]).toMatchObject({ id: ids.fresh, packageWaiting: false });
    expect(page.holds?.items).toEqual([
      { id: ids.hold, subjectId: ids.subject, customer: 'Hanna Hold', reviewOn: businessToday(new Date()), endsOn: null },
    ]);
    // The clock in hours, whole: 72 minus the 50 that passed.
    expect(page.breaches?.items).toHaveLength(1);
    expect(page.breaches?.items[0]?.clock.state).toBe('near');
    expect(page.breaches?.items[0]?.clock.hoursLeft).toBeCloseTo(22, 0);
    expect(page.processorAgreements?.items.length).toBeGreaterThan(0);
    expect(page.processorAgreements?.items.every((a) => a.state === 'missing' && a.recipient.nl.length > 0)).toBe(true);
    expect(page.selfCheck?.errors).toBeGreaterThan(0);
    expect(page.selfCheck?.findings[0]?.severity).toBe('error');
    expect(page.selfCheck?.findings[0]?.message.nl).not.toBe(page.selfCheck?.findings[0]?.message.en);
    // The first run, in steps: a customer exists; no agreements, no backups, no statement published yet.
    expect(page.checklist).toEqual({
      processorAgreements: false,
      backups: false,
      firstCustomer: true,
      statementPublished: false,
    });
    // The privacy officer's page is about the privacy work.
    expect([page.cases, page.drafts, page.overdue, page.fiscal]).toEqual([null, null, null, null]);
    // Read through the guard: the requests and the holds (naming the held person) are logged consults.
    const log = await entriesSince(before);
    expect(log.filter((e) => e.operation === 'consult').map((e) => [e.actor_role, e.record_type])).toEqual([
      ['dpo', 'case'],
      ['dpo', 'subject'],
    ]);
    expect(log.find((e) => e.record_type === 'subject')?.subject_ids).toContain(ids.subject);
  });

  it('gives staff the requests, their open cases and draft and overdue invoices, and nothing of the privacy work', async () => {
    const before = await lastSeq();
    const page = await startOf(staff);
    expect(page.requests?.total).toBe(2);
    expect([page.holds, page.breaches, page.processorAgreements, page.selfCheck, page.fiscal]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(page.cases?.items).toMatchObject([{ title: 'Vraag over de offerte', customer: 'Hanna Hold', subjectId: ids.subject }]);
    expect(page.drafts?.total).toBe(1);
    expect(page.drafts?.items[0]?.number).toBeNull();
    expect(page.overdue).toEqual({ items: [], total: 0 });
    const log = await entriesSince(before);
    expect(log.map((e) => [e.actor_role, e.operation, e.record_type])).toEqual([
      ['staff', 'consult', 'case'],
      ['staff', 'consult', 'case'],
      ['staff', 'consult', 'invoice'],
      ['staff', 'consult', 'invoice'],
    ]);
    expect(log[1]?.subject_ids).toContain(ids.subject);
  });

  it('gives the accountant only what the fiscal export covers, and nobody without a session anything', async () => {
    const page = await startOf(accountant);
    expect(page).toMatchObject({
      role: 'accountant',
      requests: null,
      holds: null,
      cases: null,
      drafts: null,
      fiscal: { year: Number(businessToday(new Date()).slice(0, 4)), issuedThisYear: 0 },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/start' })).statusCode).toBe(401);
  });

  it('lets each account choose its reminders and language, only those its role may get', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/account/reminders', headers: { cookie: staff } });
    expect(get.json()).toEqual({
      language: 'nl',
      reminders: ['request_received', 'deadline_near'],
      available: ['request_received', 'deadline_near'],
    });
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/account/reminders',
      headers: { cookie: staff },
      payload: { reminders: ['breach_clock'] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/account/reminders',
      headers: { cookie: staff },
      payload: { language: 'en', reminders: ['request_received'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ language: 'en', reminders: ['request_received'] });
    const row = await t.database.db
      .selectFrom('users')
      .select(['language', 'reminders'])
      .where('email', 'like', 'staff%')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ language: 'en', reminders: '["request_received"]' });
    const dpoChoice = await t.app.inject({ method: 'GET', url: '/api/account/reminders', headers: { cookie: dpo } });
    expect(dpoChoice.json<{ reminders: string[] }>().reminders).toHaveLength(6);
    const none = await t.app.inject({ method: 'GET', url: '/api/account/reminders', headers: { cookie: accountant } });
    expect(none.json()).toMatchObject({ reminders: [], available: [] });
  });

  it('mails each reminder once, in the account language, with dates written out, to the real SMTP server', async () => {
    const report = await t.services.reminders.sendDue();
    expect(report).toEqual({
      // The dpo and the staff member (who chose only this one).
      request_received: 2,
      deadline_near: 1,
      package_waiting: 1,
      hold_review: 1,
      breach_clock: 1,
      self_check_error: 1,
    });
    await t.services.mailDelivery.deliverDue();
    const to = (who: string) =>
      smtp.messages.filter(
        (m) =>
          m.envelope.to.some((a) => a.startsWith(who)) &&
          /^(Nieuw|New|Termijn|Inzage|Juridische|Datalek|De zelfcontrole)/.test(m.subject ?? ''),
      );
    const dpoMail = to('dpo');
    const subjects = dpoMail.map((m) => m.subject ?? '');
    expect(subjects).toHaveLength(6);
    for (const expected of [
      new RegExp(`^Nieuw inzageverzoek: ${ids.freshRef}$`),
      new RegExp(`^Termijn van ${ids.nearRef} loopt af op ${MONTHS_NL.source}$`),
      new RegExp(`^Inzagepakket van ${ids.nearRef} wacht op vrijgave$`),
      new RegExp(`^Juridische blokkade herzien op ${MONTHS_NL.source}$`),
      new RegExp(`^Datalek: melden vóór ${MONTHS_NL.source} om \\d\\d:\\d\\d$`),
      /^De zelfcontrole vond een fout$/,
    ])
      expect(
        subjects.some((s) => expected.test(s)),
        `${expected.source} in ${subjects.join(' | ')}`,
      ).toBe(true);
    const deadline = dpoMail.find((m) => m.subject?.startsWith('Termijn'));
    expect(deadline?.text).toContain(`${PUBLIC_URL}/app/requests/${ids.near}`);
    expect(deadline?.text).toMatch(/Beste dpo \d+,/);
    // No personal data in a reminder: references and dates.
    for (const m of dpoMail) expect(m.text).not.toMatch(/Nora Nabij|Frits Vers|Hanna/);
    const staffMail = to('staff');
    expect(staffMail.map((m) => m.subject)).toEqual([`New access request: ${ids.freshRef}`]);
    expect(staffMail[0]?.text).toMatch(MONTHS_EN);
    expect(staffMail[0]?.text).toMatch(/Dear staff \d+,/);
    expect(to('accountant')).toEqual([]);

    // Again: nothing new is due, nothing is sent twice.
    const outbox = async () =>
      (await t.database.db.selectFrom('outbox').select('id').where('kind', 'like', 'reminder_%').execute()).length;
    const queued = await outbox();
    expect(queued).toBe(7);
    expect(Object.values(await t.services.reminders.sendDue()).every((n) => n === 0)).toBe(true);
    expect(await outbox()).toBe(queued);
    const sent = await t.database.db.selectFrom('reminders_sent').select(['kind', 'outbox_id']).execute();
    expect(sent).toHaveLength(7);
    expect(sent.every((s) => s.outbox_id.length > 0)).toBe(true);
  });

  it('words a failing self-check in plain Dutch and English: which measure, what is wrong, what to do; no id or setting', async () => {
    // A privacy officer who reads English and chose only this reminder; the Dutch one went out in the test above.
    const english = await t.signIn('dpo');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/account/reminders',
      headers: { cookie: english },
      payload: { language: 'en', reminders: ['self_check_error'] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const address = (
      await t.database.db
        .selectFrom('users')
        .select('email')
        .where('language', '=', 'en')
        .where('role', '=', 'dpo')
        .executeTakeFirstOrThrow()
    ).email;
    expect(await t.services.reminders.sendDue()).toMatchObject({ self_check_error: 1 });
    await t.services.mailDelivery.deliverDue();

    const [run] = await t.database.db.selectFrom('self_check_runs').select('id').orderBy('started_at', 'desc').limit(1).execute();
    const failed = await t.database.db
      .selectFrom('self_check_results')
      .select(['check_id', 'message', 'message_nl'])
      .where('run_id', '=', run?.id ?? '')
      .where('severity', '=', 'error')
      .execute();
    expect(failed.map((f) => f.check_id)).toContain('backup-recent');
    const mailOf = (to: (a: string) => boolean, subject: string) => {
      const found = smtp.messages.filter((m) => m.envelope.to.some(to) && m.subject === subject);
      expect(found, `${subject} to one account`).toHaveLength(1);
      return found[0]?.text ?? '';
    };
    const dutch = mailOf((a) => a.startsWith('dpo') && a !== address, 'De zelfcontrole vond een fout');
    const inEnglish = mailOf((a) => a === address, 'The self-check found an error');
    for (const [body, lang] of [
      [dutch, 'nl'],
      [inEnglish, 'en'],
    ] as const) {
      for (const f of failed) {
        const words = CHECK_WORDS[f.check_id];
        expect(words, f.check_id).toBeDefined();
        // Each failed check by its measure, what is wrong and what to do.
        for (const part of [words?.measure, words?.problem, words?.action]) expect(body).toContain(part?.[lang]);
        // Not the check's own message, which names settings and commands.
        expect(body).not.toContain(f.message);
        expect(body).not.toContain(f.message_nl ?? f.message);
      }
      for (const check of CHECKS) expect(body, check.id).not.toContain(check.id);
      expect(body).not.toMatch(/KLUIS_|\/api\/|kluis (backup|serve|mail|policy|doctor)|clamd|freshclam|chmod|\b[a-z]+_[a-z]+\b/);
    }
    expect(dutch).toContain(
      'Versleutelde reservekopieën: Er wordt geen recente versleutelde reservekopie (back-up) van de gegevens gemaakt.',
    );
    expect(inEnglish).toContain('Encrypted backups: No recent encrypted backup of the data is being made.');
    // The Dutch mail is Dutch throughout: none of the English words of the English one.
    expect(dutch).not.toMatch(/\b(the|and|with|not|are|backup|virus scanner|processor|found|error|ask|whoever)\b/i);
  });

  it('sends a reminder once when two instances run at the same moment, and runs as a job under its lease', async () => {
    // A second breach, past 48 hours: one reminder for the one dpo, whichever instance gets there first.
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/breaches',
      headers: { cookie: dpo },
      payload: {
        becameAwareAt: new Date(Date.now() - 60 * HOUR).toISOString(),
        description: 'Een e-mail met klantgegevens ging naar de verkeerde ontvanger.',
        subjectCategories: ['klanten'],
        dataCategories: ['user.name'],
        approxSubjects: 1,
        approxRecords: 1,
        consequences: 'Weinig.',
        measures: 'Ontvanger gevraagd te verwijderen.',
        risk: 'risk',
      },
    });
    expect(second.statusCode).toBe(201);
    const other = openSecondInstance(t.database);
    try {
      const otherReminders = new ReminderService(
        other.db,
        t.services.policy,
        new BreachService(other.db, new Guard(other.db, t.services.policy)),
        { publicUrl: PUBLIC_URL },
      );
      // On PostgreSQL truly at once. SQLite's driver is synchronous: two connections of one process cannot wait for
      // each other's write lock without blocking the thread that would release it, so there the second follows.
      const [a, b] =
        dialect === 'postgres'
          ? await Promise.all([t.services.reminders.sendDue(), otherReminders.sendDue()])
          : [await t.services.reminders.sendDue(), await otherReminders.sendDue()];
      expect(a.breach_clock + b.breach_clock).toBe(1);
      const rows = await t.database.db.selectFrom('outbox').select('id').where('kind', '=', 'reminder_breach_clock').execute();
      expect(rows).toHaveLength(2);

      const jobs = standardJobs(t.services, SILENT, {});
      expect(jobs.find((j) => j.name === 'reminders')?.intervalMs).toBe(600_000);
      const x = new Scheduler(t.database.db, jobs, { clock: systemClock, instanceId: 'today-a' });
      const y = new Scheduler(other.db, jobs, { clock: systemClock, instanceId: 'today-b' });
      try {
        expect(await x.tick('reminders')).toBe('ran');
        expect(await y.tick('reminders')).toBe('not_leased');
      } finally {
        await x.stop();
        await y.stop();
      }
      expect(
        await t.database.db.selectFrom('outbox').select('id').where('kind', '=', 'reminder_breach_clock').execute(),
      ).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});
