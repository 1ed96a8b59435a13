import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { addPeriod } from '../retention/rules/period.ts';
import { daysAgo, mailTo, outboxCount } from '../../test/support/requests.ts';
import { REQUEST_COLUMNS } from './request.repository.ts';

type Summary = { id: string; reference: string; deadline: string; overdue: boolean; status: string };

describe.each(DIALECTS)('the request workflow and its deadlines, on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;
  let accountant: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
    accountant = await t.signIn('accountant');
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: object, cookie = staff) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  /** A request registered by staff, received `days` ago, from an address nobody has on file. */
  async function registered(days: number, extra: Record<string, unknown> = {}): Promise<{ id: string; reference: string }> {
    const response = await post('/api/requests', {
      kind: 'access',
      channel: 'email',
      receivedOn: daysAgo(days),
      name: 'Aan Vrager',
      email: `v${String(Math.random()).slice(2, 10)}@example.nl`,
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }
  const verified = async (days: number) => {
    const r = await registered(days);
    expect(
      (await post(`/api/requests/${r.id}/verify`, { method: 'known_contact', note: 'Vaste klant, stem herkend' })).statusCode,
    ).toBe(200);
    return r;
  };
  const row = (id: string) =>
    t.database.db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();

  it('lists requests by deadline with the overdue ones flagged, for staff and the dpo only', async () => {
    const late = await registered(45);
    const soon = await registered(20);
    const fresh = await registered(0);
    const closed = await registered(50);
    await post(`/api/requests/${closed.id}/withdraw`, { note: 'Per telefoon ingetrokken' });

    const list = (await t.app.inject({ url: '/api/requests?pageSize=100', headers: { cookie: dpo } })).json<{
      items: Summary[];
    }>().items;
    const mine = list.filter((r) => [late.id, soon.id, fresh.id, closed.id].includes(r.id));
    expect(mine.map((r) => r.id)).toEqual([closed.id, late.id, soon.id, fresh.id]);
    expect(mine.map((r) => r.overdue)).toEqual([false, true, false, false]);
    const deadlines = list.map((r) => r.deadline);
    expect(deadlines).toEqual([...deadlines].sort());

    const overdue = (await t.app.inject({ url: '/api/requests?overdue=true&pageSize=100', headers: { cookie: staff } })).json<{
      items: Summary[];
    }>().items;
    expect(overdue.map((r) => r.id)).toContain(late.id);
    expect(overdue.every((r) => r.overdue)).toBe(true);
    const withdrawn = (await t.app.inject({ url: '/api/requests?status=withdrawn', headers: { cookie: staff } })).json<{
      items: Summary[];
    }>().items;
    expect(withdrawn.map((r) => r.id)).toEqual([closed.id]);
    expect((await t.app.inject({ url: '/api/requests', headers: { cookie: accountant } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/requests?overdue=maybe', headers: { cookie: staff } })).statusCode).toBe(400);

    const cli = runCli(t.database, ['request', 'list', '--overdue']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`OVERDUE\\s+${late.reference}`));
    expect(cli.stdout).not.toContain(fresh.reference);
  });

  it('extends within the first month, with reasons, up to two further months, and mails the notice', async () => {
    const r = await registered(3);
    const received = daysAgo(3);
    const email = (await row(r.id)).requester_email ?? '';
    expect((await post(`/api/requests/${r.id}/extend`, { months: 1, reason: '' })).statusCode).toBe(400);
    const first = await post(`/api/requests/${r.id}/extend`, { months: 1, reason: 'Uw gegevens staan in veel systemen' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      request: { extendedTo: addPeriod(received, { years: 0, months: 2, days: 0 }) },
      letter: { channel: 'email', to: email },
    });
    const [notice] = await mailTo(t, email);
    expect(notice).toMatchObject({ kind: 'request_extension' });
    expect(notice?.body_text).toContain('Uw gegevens staan in veel systemen');
    expect(notice?.body_text).toContain('art. 12 lid 3 AVG');
    const second = await post(`/api/requests/${r.id}/extend`, { months: 1, reason: 'Nog een systeem gevonden' });
    expect(second.json()).toMatchObject({
      request: {
        extendedTo: addPeriod(received, { years: 0, months: 3, days: 0 }),
        deadline: addPeriod(received, { years: 0, months: 3, days: 0 }),
      },
    });
    const before = [await row(r.id), await outboxCount(t)];
    const beyond = await post(`/api/requests/${r.id}/extend`, { months: 1, reason: 'Nog langer nodig' });
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json()).toMatchObject({ error: { code: 'conflict' } });
    expect([await row(r.id), await outboxCount(t)]).toEqual(before);
  });

  it('refuses every transition that makes no sense with 409, changing nothing and mailing nothing', async () => {
    const unverified = await registered(1);
    const old = await verified(40);
    const ready = await verified(1);
    const subject = await newSubject(t);
    const question = await registered(1, { kind: 'question', details: 'Hoe lang bewaren jullie mijn facturen?' });
    await post(`/api/requests/${question.id}/answer`, { text: 'Zeven jaar, de fiscale bewaarplicht.' });
    const attempts: [string, string, object, string][] = [
      ['deciding an unverified request', `/api/requests/${unverified.id}/decision`, { decision: 'granted' }, dpo],
      [
        'extending after the first month',
        `/api/requests/${old.id}/extend`,
        { months: 2, reason: 'Te laat bedacht, te veel werk' },
        staff,
      ],
      [
        'verifying twice',
        `/api/requests/${ready.id}/verify`,
        { method: 'phone_call', note: 'Nogmaals gebeld', subjectId: subject.id },
        staff,
      ],
      ['answering a right before deciding', `/api/requests/${ready.id}/answer`, { text: 'Hier zijn uw gegevens' }, dpo],
      ['closing a verified request as unverifiable', `/api/requests/${ready.id}/unverifiable`, { note: 'Toch niet zeker' }, dpo],
      ['answering an answered question', `/api/requests/${question.id}/answer`, { text: 'Nogmaals' }, staff],
      ['withdrawing an answered question', `/api/requests/${question.id}/withdraw`, { note: 'Ingetrokken' }, staff],
      ['deciding a question', `/api/requests/${question.id}/decision`, { decision: 'granted' }, dpo],
      ['sending a code for a verified request', `/api/requests/${ready.id}/verification-code`, { subjectId: subject.id }, staff],
    ];
    for (const [what, url, payload, cookie] of attempts) {
      const id = url.split('/')[3] ?? '';
      const before = [await row(id), await outboxCount(t)];
      const response = await post(url, payload, cookie);
      expect(response.statusCode, `${what}: ${response.body}`).toBe(409);
      expect(response.json(), what).toMatchObject({ error: { code: 'conflict' } });
      expect([await row(id), await outboxCount(t)], what).toEqual(before);
    }
  });

  it('lets staff answer a question, and only the dpo decide on a right', async () => {
    const question = await registered(1, { kind: 'question', details: 'Met wie delen jullie mijn adres?' });
    const answered = await post(`/api/requests/${question.id}/answer`, {
      text: 'Alleen met leveranciers die u een dienst leveren.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({
      request: { status: 'answered', closingNote: 'Alleen met leveranciers die u een dienst leveren.' },
      letter: { channel: 'email' },
    });
    const right = await verified(1);
    const before = await row(right.id);
    expect((await post(`/api/requests/${right.id}/decision`, { decision: 'granted' }, staff)).statusCode).toBe(403);
    expect((await post(`/api/requests/${right.id}/answer`, { text: 'Antwoord' }, staff)).statusCode).toBe(403);
    expect(await row(right.id)).toEqual(before);
  });

  it('closes a request whose identity could not be established, telling the person why and where to complain', async () => {
    const r = await registered(2, { language: 'en' });
    const closed = await post(
      `/api/requests/${r.id}/unverifiable`,
      { note: 'The address is not on file and no reference was given.' },
      dpo,
    );
    expect(closed.json()).toMatchObject({ request: { status: 'unverifiable' }, letter: { channel: 'email' } });
    const [letter] = await mailTo(t, (await row(r.id)).requester_email ?? '');
    expect(letter?.body_text).toContain('could not establish');
    expect(letter?.body_text).toContain('Autoriteit Persoonsgegevens');
  });

  it('gives a letter request without e-mail its answer back to staff to post', async () => {
    const r = (
      await post('/api/requests', {
        kind: 'question',
        channel: 'letter',
        receivedOn: daysAgo(2),
        name: 'Per Post',
        address: 'Oudegracht 1, 3511 AA Utrecht',
        details: 'Welke gegevens hebben jullie?',
      })
    ).json<{ id: string }>();
    const before = await outboxCount(t);
    const answered = await post(`/api/requests/${r.id}/answer`, { text: 'Uw naam en adres.' });
    expect(answered.json()).toMatchObject({ letter: { channel: 'post', to: 'Oudegracht 1, 3511 AA Utrecht' } });
    expect(answered.json<{ letter: { text: string } }>().letter.text).toContain('Uw naam en adres.');
    expect(await outboxCount(t)).toBe(before);
  });
});
