import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, logCount, startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';
import { lastEntries } from '../../test/support/executions.ts';
import { buildApp } from '../app.ts';
import { CSRF_HEADER } from '../http/csrf.ts';
import { businessDate } from '../shared/business-day.ts';
import { longDate } from '../statement/dates.ts';
import { BreachService } from './breach.service.ts';
import type { Breach, LettersResult } from './breach.schema.ts';

const HOUR = 3_600_000;
// Ten days ago on the hour: the command line, on real time, sees these breaches past their 72 hours.
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 240 * HOUR;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const breachInput = (overrides: object = {}) => ({
  becameAwareAt: at(0),
  description: 'Een laptop met een onversleutelde export van het klantenbestand is gestolen uit een auto.',
  subjectCategories: ['klanten'],
  dataCategories: ['user.name', 'user.contact.email', 'user.contact.address'],
  approxSubjects: 120,
  approxRecords: 480,
  consequences: 'Phishing en identiteitsfraude met naam, adres en e-mailadres.',
  measures: 'Aangifte gedaan, wachtwoorden van de medewerker ingetrokken, export-functie afgeschermd.',
  risk: 'high',
  ...overrides,
});

const LETTER_TEXTS = {
  nl: {
    whatHappened: 'Een laptop met uw naam, adres en e-mailadres is gestolen.',
    consequences: 'U kunt nepmails krijgen die van ons lijken te komen.',
    measures: 'Wij hebben aangifte gedaan en de toegang geblokkeerd.',
    advice: 'Klik niet op links in onverwachte mails.',
  },
  en: {
    whatHappened: 'A laptop holding your name, address and e-mail address was stolen.',
    consequences: 'You may receive fake mail that seems to come from us.',
    measures: 'We reported the theft to the police and blocked the access.',
  },
};

describe.each(DIALECTS)('the breach register, on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let app: FastifyInstance;
  let dpo: string;
  let staff: string;
  // The breach register's clock; the rest of the app keeps real time (sessions must not expire meanwhile).
  let now = new Date(at(1));

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
    dpo = await t.signIn('dpo');
    staff = await t.signIn('staff');
    app = await buildApp(
      { ...t.services, breaches: new BreachService(t.database.db, t.services.guard, { clock: { now: () => now } }) },
      { logLevel: 'silent' },
    );
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    await smtp.close();
  });

  // This app is not the harness's, so requests carry the session's CSRF token themselves.
  const headers = (cookie: string) => ({ cookie, [CSRF_HEADER]: t.csrfOf(cookie) });
  const post = (url: string, payload: object, cookie = dpo) =>
    app.inject({ method: 'POST', url, payload, headers: headers(cookie) });
  const patch = (url: string, payload: object, cookie = dpo) =>
    app.inject({ method: 'PATCH', url, payload, headers: headers(cookie) });
  const get = (url: string, cookie = dpo) => app.inject({ method: 'GET', url, headers: headers(cookie) });
  const breachRows = () => t.database.db.selectFrom('breaches').selectAll().orderBy('recorded_at').execute();
  const notificationRows = (id: string) =>
    t.database.db.selectFrom('breach_notifications').selectAll().where('breach_id', '=', id).orderBy('notified_at').execute();
  const letterRows = (id: string) =>
    t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('related_type', '=', 'breach')
      .where('related_id', '=', id)
      .orderBy('to_address')
      .execute();
  const record = async (overrides: object = {}) => {
    const response = await post('/api/breaches', breachInput(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Breach>();
  };

  it('walks a breach from awareness past the 72 hours to a late notification with its reason, in phases', async () => {
    now = new Date(at(1));
    const before = await logCount(t);
    const created = await record();
    expect(created).toMatchObject({
      becameAwareAt: at(0),
      risk: 'high',
      approxSubjects: 120,
      notifications: [],
      exemption: null,
      letters: { queued: 0, sent: 0, failed: 0 },
    });
    expect(created.clock).toEqual({ deadline: at(72), hoursLeft: 71, state: 'running' });
    const row = (await breachRows()).find((r) => r.id === created.id);
    expect(row).toMatchObject({ became_aware_at: at(0), risk: 'high', approx_records: 480, exemption_ground: null });
    expect(JSON.parse(row?.data_categories ?? '[]')).toEqual(['user.name', 'user.contact.email', 'user.contact.address']);
    expect(await logCount(t)).toBe(before + 1);
    const recorded = await lastLogEntry(t);
    expect(recorded).toMatchObject({
      purpose: 'administration',
      record_type: 'breach',
      operation: 'store',
      actor_role: 'dpo',
      subject_ids: '[]',
    });
    expect(JSON.parse(recorded.records)).toEqual([`breach:${created.id}`]);

    // The clock runs: near with less than 24 hours left, overdue once the 72 hours are past.
    now = new Date(at(50));
    expect((await get(`/api/breaches/${created.id}`)).json<Breach>().clock).toEqual({
      deadline: at(72),
      hoursLeft: 22,
      state: 'near',
    });
    now = new Date(at(73.5));
    expect((await get(`/api/breaches/${created.id}`)).json<Breach>().clock).toEqual({
      deadline: at(72),
      hoursLeft: -1.5,
      state: 'overdue',
    });
    const open = (await get('/api/breaches?open=true')).json<{ breaches: Breach[] }>().breaches;
    expect(open.map((b) => b.id)).toContain(created.id);

    // A notification after the 72 hours needs the reasons for the delay (Art. 33(1)); without them nothing changes.
    const count = await logCount(t);
    const late = await post(`/api/breaches/${created.id}/notifications`, {
      phase: 'initial',
      notifiedAt: at(73),
      reference: 'AP-2026-0001',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'lateReason' }] } });
    expect(late.json<{ error: { message: string } }>().error.message).toContain('73 hours');
    expect(await notificationRows(created.id)).toEqual([]);
    expect(await logCount(t)).toBe(count);

    const notified = await post(`/api/breaches/${created.id}/notifications`, {
      phase: 'initial',
      notifiedAt: at(73),
      reference: 'AP-2026-0001',
      summary: 'Eerste melding: aard, categorieën en aantallen bij benadering.',
      lateReason: 'De omvang werd pas na analyse van de back-ups duidelijk.',
    });
    expect(notified.statusCode, notified.body).toBe(201);
    const afterInitial = notified.json<Breach>();
    expect(afterInitial.clock).toEqual({ deadline: at(72), hoursLeft: null, state: 'notified_late' });
    expect(afterInitial.notifications).toEqual([
      expect.objectContaining({
        phase: 'initial',
        notifiedAt: at(73),
        reference: 'AP-2026-0001',
        late: true,
        lateReason: 'De omvang werd pas na analyse van de back-ups duidelijk.',
      }),
    ]);
    expect(await notificationRows(created.id)).toEqual([
      expect.objectContaining({
        phase: 'initial',
        notified_at: at(73),
        late_reason: 'De omvang werd pas na analyse van de back-ups duidelijk.',
      }),
    ]);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ record_type: 'breach', operation: 'store', purpose: 'administration' });
    expect(entry.reason).toContain('initial notification');
    expect((await get('/api/breaches?open=true')).json<{ breaches: Breach[] }>().breaches.map((b) => b.id)).not.toContain(
      created.id,
    );

    // Art. 33(4): follow-up and final phases; nothing after the final one, never a second initial one.
    now = new Date(at(120));
    expect(
      (
        await post(`/api/breaches/${created.id}/notifications`, {
          phase: 'follow_up',
          notifiedAt: at(96),
          reference: 'AP-2026-0001',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await post(`/api/breaches/${created.id}/notifications`, {
          phase: 'initial',
          notifiedAt: at(100),
          reference: 'AP-2026-0002',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await post(`/api/breaches/${created.id}/notifications`, {
          phase: 'follow_up',
          notifiedAt: at(90),
          reference: 'AP-2026-0001',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post(`/api/breaches/${created.id}/notifications`, {
          phase: 'final',
          notifiedAt: at(110),
          reference: 'AP-2026-0001',
        })
      ).statusCode,
    ).toBe(201);
    const counted = await logCount(t);
    expect(
      (
        await post(`/api/breaches/${created.id}/notifications`, {
          phase: 'follow_up',
          notifiedAt: at(115),
          reference: 'AP-2026-0001',
        })
      ).statusCode,
    ).toBe(409);
    expect(await logCount(t)).toBe(counted);
    expect((await notificationRows(created.id)).map((n) => n.phase)).toEqual(['initial', 'follow_up', 'final']);
    expect((await get(`/api/breaches/${created.id}`)).json<Breach>().notifications.map((n) => [n.phase, n.late])).toEqual([
      ['initial', true],
      ['follow_up', false],
      ['final', false],
    ]);
  });

  it('records a notification within the 72 hours without a reason, and keeps no clock for a breach without risk', async () => {
    now = new Date(at(10));
    const onTime = await record();
    now = new Date(at(72));
    const notified = await post(`/api/breaches/${onTime.id}/notifications`, {
      phase: 'initial',
      notifiedAt: at(72),
      reference: 'AP-2026-0100',
    });
    expect(notified.statusCode, notified.body).toBe(201);
    expect(notified.json<Breach>().clock.state).toBe('notified');
    expect(notified.json<Breach>().notifications[0]).toMatchObject({ late: false, lateReason: null });

    const harmless = await record({
      risk: 'none',
      description: 'Een mail met één klantnaam aan een collega-bedrijf gestuurd en direct verwijderd.',
    });
    expect(harmless.clock).toEqual({ deadline: at(72), hoursLeft: null, state: 'not_required' });
    now = new Date(at(200));
    expect((await get(`/api/breaches/${harmless.id}`)).json<Breach>().clock.state).toBe('not_required');
    expect((await get('/api/breaches?open=true')).json<{ breaches: Breach[] }>().breaches.map((b) => b.id)).not.toContain(
      harmless.id,
    );
    expect((await get('/api/breaches')).json<{ breaches: Breach[] }>().breaches.map((b) => b.id)).toEqual(
      expect.arrayContaining([onTime.id, harmless.id]),
    );
  });

  it('tells the chosen persons of a high risk by letter in their language, through the outbox and the guard', async () => {
    now = new Date(at(5));
    const breach = await record();
    const anna = await newSubject(t, { email: 'anna.lek@example.nl', language: 'nl' });
    const john = await newSubject(t, { email: 'john.leak@example.com', language: 'en' });
    const piet = await newSubject(t, { email: undefined, language: 'nl' });

    // Every reader's language is needed; without English nothing is queued and nothing logged.
    const count = await logCount(t);
    const missing = await post(`/api/breaches/${breach.id}/letters`, {
      subjectIds: [anna.id, john.id, piet.id],
      texts: { nl: LETTER_TEXTS.nl },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ path: 'texts.en' }] } });
    expect(await letterRows(breach.id)).toEqual([]);
    expect(await logCount(t)).toBe(count);

    const sent = await post(`/api/breaches/${breach.id}/letters`, {
      subjectIds: [anna.id, john.id, piet.id],
      texts: LETTER_TEXTS,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const result = sent.json<LettersResult>();
    expect(result.queued.map((q) => [q.subjectId, q.language])).toEqual([
      [anna.id, 'nl'],
      [john.id, 'en'],
    ]);
    expect(result.alreadyInformed).toEqual([]);
    expect(result.toPost).toEqual([
      expect.objectContaining({ subjectId: piet.id, language: 'nl', address: 'Oudegracht 1, 3511 AA Utrecht, NL' }),
    ]);
    expect(result.toPost[0]?.text).toContain(LETTER_TEXTS.nl.whatHappened);

    const rows = await letterRows(breach.id);
    expect(rows.map((r) => [r.to_address, r.kind, r.language, r.subject_id, r.status])).toEqual([
      ['anna.lek@example.nl', 'breach_notice', 'nl', anna.id, 'pending'],
      ['john.leak@example.com', 'breach_notice', 'en', john.id, 'pending'],
    ]);
    const dutch = rows[0]?.body_text ?? '';
    for (const part of [
      LETTER_TEXTS.nl.whatHappened,
      LETTER_TEXTS.nl.consequences,
      LETTER_TEXTS.nl.measures,
      LETTER_TEXTS.nl.advice,
      'artikel 34 AVG',
      'naam',
      'e-mailadres',
      'security@senict.nl',
      'Autoriteit Persoonsgegevens',
      longDate(businessDate(at(0)), 'nl'),
    ]) {
      expect(dutch).toContain(part);
    }
    expect(rows[1]?.body_text).toContain('Article 34 GDPR');
    expect(rows[1]?.body_text).toContain(LETTER_TEXTS.en.measures);
    expect(rows[1]?.body_text).not.toContain(LETTER_TEXTS.nl.measures);

    // One processing of the persons' data, through the guard, naming each of them.
    expect(await logCount(t)).toBe(count + 1);
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'subject', outcome: 'allowed', actor_role: 'dpo' });
    expect(JSON.parse(entry.subject_ids)).toEqual(expect.arrayContaining([anna.id, john.id, piet.id]));
    expect(JSON.parse(entry.records)).toContain(`breach:${breach.id}`);
    expect(entry.reason).toContain('Art. 34');

    // Delivered like every letter, and counted on the breach.
    await t.services.mailDelivery.deliverDue();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('john.leak@example.com'));
    expect(mail.subject).toBe('Data breach at Sen ICT: your personal data');
    expect(mail.text).toContain(LETTER_TEXTS.en.whatHappened);
    expect((await get(`/api/breaches/${breach.id}`)).json<Breach>().letters).toEqual({ queued: 0, sent: 2, failed: 0 });

    // Nobody gets the same letter twice.
    const again = await post(`/api/breaches/${breach.id}/letters`, { subjectIds: [anna.id, john.id], texts: LETTER_TEXTS });
    expect(again.statusCode).toBe(201);
    expect(again.json<LettersResult>()).toEqual({
      queued: [],
      alreadyInformed: expect.arrayContaining([anna.id, john.id]) as string[],
      toPost: [],
    });
    expect(await letterRows(breach.id)).toHaveLength(2);

    // An unknown person rolls the whole batch back.
    const stranger = await newSubject(t, { email: 'nieuw@example.nl' });
    const unknown = await post(`/api/breaches/${breach.id}/letters`, {
      subjectIds: [stranger.id, '00000000-0000-4000-8000-000000000000'],
      texts: LETTER_TEXTS,
    });
    expect(unknown.statusCode).toBe(404);
    expect(await letterRows(breach.id)).toHaveLength(2);
  });

  it('records an Art. 34(3) exemption instead of letters, with the public notice for disproportionate effort', async () => {
    now = new Date(at(6));
    const breach = await record();
    const count = await logCount(t);
    const withoutNotice = await post(`/api/breaches/${breach.id}/exemption`, {
      ground: 'disproportionate',
      motivation: 'Van de meeste betrokkenen hebben wij geen adres.',
    });
    expect(withoutNotice.statusCode).toBe(400);
    expect(withoutNotice.json()).toMatchObject({ error: { details: [{ path: 'body.publicNotice' }] } });
    expect(await logCount(t)).toBe(count);

    const exempted = await post(`/api/breaches/${breach.id}/exemption`, {
      ground: 'disproportionate',
      motivation: 'Van de meeste betrokkenen hebben wij geen adres.',
      publicNotice: {
        publishedOn: businessDate(at(0)),
        where: 'https://senict.nl/datalek en het Utrechts Nieuwsblad',
        text: 'Sen ICT meldt een datalek met klantgegevens.',
      },
    });
    expect(exempted.statusCode, exempted.body).toBe(201);
    expect(exempted.json<Breach>().exemption).toMatchObject({
      ground: 'disproportionate',
      publicNotice: { publishedOn: businessDate(at(0)), where: 'https://senict.nl/datalek en het Utrechts Nieuwsblad' },
    });
    expect((await breachRows()).find((r) => r.id === breach.id)).toMatchObject({
      exemption_ground: 'disproportionate',
      public_notice_on: businessDate(at(0)),
    });
    expect(await logCount(t)).toBe(count + 1);
    expect((await lastLogEntry(t)).reason).toContain('Art. 34(3) exemption recorded: disproportionate');

    const subject = await newSubject(t);
    expect((await post(`/api/breaches/${breach.id}/letters`, { subjectIds: [subject.id], texts: LETTER_TEXTS })).statusCode).toBe(
      409,
    );
    expect(
      (await post(`/api/breaches/${breach.id}/exemption`, { ground: 'encrypted', motivation: 'Toch versleuteld.' })).statusCode,
    ).toBe(409);
    expect(await letterRows(breach.id)).toEqual([]);

    const encrypted = await record();
    const a = await post(`/api/breaches/${encrypted.id}/exemption`, {
      ground: 'encrypted',
      motivation: 'De schijf was met BitLocker versleuteld; de sleutel is niet gelekt.',
    });
    expect(a.statusCode).toBe(201);
    expect(a.json<Breach>().exemption).toMatchObject({ ground: 'encrypted', publicNotice: null });
    expect(
      (
        await post(`/api/breaches/${encrypted.id}/exemption`, {
          ground: 'encrypted',
          motivation: 'x',
          publicNotice: { publishedOn: businessDate(at(0)), where: 'web', text: 'x' },
        })
      ).statusCode,
    ).toBe(400);

    // No exemption and no letters for a breach without a high risk (Art. 34(1)).
    const lower = await record({ risk: 'risk' });
    expect(
      (await post(`/api/breaches/${lower.id}/exemption`, { ground: 'risk_removed', motivation: 'Verholpen.' })).statusCode,
    ).toBe(409);
    expect((await post(`/api/breaches/${lower.id}/letters`, { subjectIds: [subject.id], texts: LETTER_TEXTS })).statusCode).toBe(
      409,
    );
  });

  it('changes the assessment, logged, and keeps the moment of awareness', async () => {
    now = new Date(at(8));
    const breach = await record({ risk: 'risk' });
    const changed = await patch(`/api/breaches/${breach.id}`, {
      risk: 'high',
      approxSubjects: 300,
      measures: 'Alle klanten gewaarschuwd.',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Breach>()).toMatchObject({
      risk: 'high',
      approxSubjects: 300,
      measures: 'Alle klanten gewaarschuwd.',
      becameAwareAt: at(0),
    });
    expect((await lastLogEntry(t)).reason).toContain('risk risk -> high');
    const count = await logCount(t);
    expect((await patch(`/api/breaches/${breach.id}`, { becameAwareAt: at(5) })).statusCode).toBe(400);
    expect((await patch(`/api/breaches/${breach.id}`, {})).statusCode).toBe(400);
    expect((await patch('/api/breaches/00000000-0000-4000-8000-000000000000', { risk: 'none' })).statusCode).toBe(404);
    expect((await breachRows()).find((r) => r.id === breach.id)).toMatchObject({ became_aware_at: at(0), risk: 'high' });
    expect(await logCount(t)).toBe(count);
  });

  it('refuses bad input and other roles, and changes nothing', async () => {
    now = new Date(at(2));
    const breach = await record();
    const rows = await breachRows();
    const count = await logCount(t);
    const bad: [string, object][] = [
      ['no becameAwareAt', breachInput({ becameAwareAt: undefined })],
      ['awareness in the future', breachInput({ becameAwareAt: at(3) })],
      ['a risk the law does not know', breachInput({ risk: 'medium' })],
      ['a data category the policy lacks', breachInput({ dataCategories: ['user.biometric'] })],
      ['a category twice', breachInput({ subjectCategories: ['klanten', 'klanten'] })],
      ['a negative number of persons', breachInput({ approxSubjects: -1 })],
      ['a fraction of a record', breachInput({ approxRecords: 1.5 })],
      ['an empty description', breachInput({ description: '   ' })],
      ['an unknown field', breachInput({ notifiedAp: true })],
    ];
    for (const [what, payload] of bad) {
      const response = await post('/api/breaches', payload);
      expect(response.statusCode, what).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code, what).toBe('validation_failed');
    }
    const badNotifications: [string, object, number][] = [
      ['an unknown phase', { phase: 'second', notifiedAt: at(2), reference: 'AP-1' }, 400],
      ['before the breach became known', { phase: 'initial', notifiedAt: at(-1), reference: 'AP-1' }, 400],
      ['in the future', { phase: 'initial', notifiedAt: at(4), reference: 'AP-1' }, 400],
      ['no reference', { phase: 'initial', notifiedAt: at(2) }, 400],
      ['a follow-up before the initial one', { phase: 'follow_up', notifiedAt: at(2), reference: 'AP-1' }, 409],
    ];
    for (const [what, payload, status] of badNotifications) {
      expect((await post(`/api/breaches/${breach.id}/notifications`, payload)).statusCode, what).toBe(status);
    }
    expect(
      (
        await post('/api/breaches/00000000-0000-4000-8000-000000000000/notifications', {
          phase: 'initial',
          notifiedAt: at(2),
          reference: 'AP-1',
        })
      ).statusCode,
    ).toBe(404);
    expect((await get('/api/breaches/not-a-uuid')).statusCode).toBe(400);
    expect((await get('/api/breaches/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await post(`/api/breaches/${breach.id}/letters`, { subjectIds: [], texts: LETTER_TEXTS })).statusCode).toBe(400);
    expect((await post(`/api/breaches/${breach.id}/letters`, { subjectIds: [breach.id], texts: {} })).statusCode).toBe(400);

    // Only the dpo keeps the register.
    expect((await post('/api/breaches', breachInput(), staff)).statusCode).toBe(403);
    expect((await get('/api/breaches', staff)).statusCode).toBe(403);
    expect((await get(`/api/breaches/${breach.id}`, staff)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/breaches' })).statusCode).toBe(401);

    expect(await breachRows()).toEqual(rows);
    expect(await notificationRows(breach.id)).toEqual([]);
    // Each of staff's three refusals is logged as denied (guard/capability.ts); nothing else was logged.
    expect(await logCount(t)).toBe(count + 3);
    expect((await lastEntries(t, 3)).map((e) => [e.outcome, e.record_type, e.actor_role])).toEqual(
      Array.from({ length: 3 }, () => ['denied', 'breach', 'staff']),
    );
  });

  it('lists and shows the register on the command line', async () => {
    now = new Date(at(3));
    const breach = await record({ description: 'USB-stick met offertes verloren.' });
    const list = runCli(t.database, ['breach', 'list']);
    expect(list.stderr).toContain('past the 72 hours');
    expect(list.stdout).toMatch(/id\s+became aware\s+risk\s+clock\s+deadline\s+hours left\s+notifications\s+persons/);
    expect(list.stdout).toContain(breach.id);
    expect(list.stdout).toContain('overdue');
    const show = runCli(t.database, ['breach', 'show', breach.id]);
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('USB-stick met offertes verloren.');
    expect(show.stdout).toContain(`deadline to notify (72 h): ${at(72)}`);
    const json = runCli(t.database, ['breach', 'show', breach.id, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: breach.id, clock: { state: 'overdue' } });
    const missing = runCli(t.database, ['breach', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error [not_found]');
  });
});
