import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { lastLogEntry, startTestApp, type TestApp } from '../../test/harness.ts';
import { daysAgo } from '../../test/support/requests.ts';
import { runCli } from '../../test/cli.ts';
import type { RequestDetail, RequestListItem } from './request.schema.ts';

describe.each(DIALECTS)('a request names its customer, never by id (issue 19), on %s', (dialect) => {
  let t: TestApp;
  let staff: string;
  let dpo: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    staff = await t.signIn('staff');
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => t.close());

  const post = async (url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url, headers: { cookie: staff }, payload });
    expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
    return response.json<{ id: string }>();
  };
  const register = (email: string) =>
    post('/api/requests', { kind: 'access', channel: 'email', receivedOn: daysAgo(1), name: 'Anna de Vries', email });
  /** A request whose identity staff established, matched to the customer. */
  const matched = async (subject: { id: string; email: string | null }) => {
    const request = await register(subject.email ?? '');
    await post(`/api/requests/${request.id}/verify`, {
      method: 'known_contact',
      note: 'Vaste contactpersoon',
      subjectId: subject.id,
    });
    return request;
  };
  const shown = async (id: string, cookie = staff) => {
    const response = await t.app.inject({ url: `/api/requests/${id}`, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RequestDetail>();
  };

  it("gives the customer's name, and the log names the customer whose name was read", async () => {
    const subject = await newSubject(t, { firstName: 'Wilma', lastName: 'Verzoekster' });
    const request = await matched(subject);
    expect(await shown(request.id)).toMatchObject({ subjectId: subject.id, customerName: 'Wilma Verzoekster' });
    const entry = await lastLogEntry(t);
    expect(entry).toMatchObject({ operation: 'consult', record_type: 'case', outcome: 'allowed' });
    expect(JSON.parse(entry.subject_ids)).toEqual([subject.id]);
    expect(JSON.parse(entry.records)).toEqual([`rights_request:${request.id}`, `subject:${subject.id}`]);
    // `kluis request list` names the customer as the back office does.
    const reference = (await shown(request.id)).reference;
    const cli = runCli(t.database, ['request', 'list', '--status', 'verified']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout.split('\n').find((line) => line.includes(reference))).toMatch(/Wilma Verzoekster\s*$/);
  });

  it('gives no name for a request not matched to a customer yet, and names nobody in the log', async () => {
    const request = await register('onbekend@example.nl');
    expect(await shown(request.id)).toMatchObject({ subjectId: null, customerName: null, verifiedAt: null });
    const entry = await lastLogEntry(t);
    expect(JSON.parse(entry.subject_ids)).toEqual([]);
    expect(JSON.parse(entry.records)).toEqual([`rights_request:${request.id}`]);
  });

  it('withholds the name of a restricted customer from staff, not the request; the dpo sees it (Art. 18(2))', async () => {
    const subject = await newSubject(t, { firstName: 'Bea', lastName: 'Beperkt' });
    const request = await matched(subject);
    await t.database.db
      .insertInto('restrictions')
      .values({
        id: crypto.randomUUID(),
        subject_id: subject.id,
        request_id: null,
        purpose: null,
        reason: 'Art. 18(1)(a): juistheid betwist',
        started_at: new Date().toISOString(),
        lifted_at: null,
        lift_notice_sent_at: null,
      })
      .execute();
    const toStaff = await shown(request.id);
    expect(toStaff).toMatchObject({ subjectId: subject.id, customerName: null, requesterName: 'Anna de Vries' });
    expect(JSON.stringify(toStaff)).not.toContain('Beperkt');
    expect(JSON.parse((await lastLogEntry(t)).subject_ids)).toEqual([]);
    expect(await shown(request.id, dpo)).toMatchObject({ customerName: 'Bea Beperkt' });
    expect(JSON.parse((await lastLogEntry(t)).subject_ids)).toEqual([subject.id]);
  });

  it('names each customer in the list too, withholding only the restricted one from staff', async () => {
    const listed = async (cookie = staff) => {
      const response = await t.app.inject({ url: '/api/requests?pageSize=100', headers: { cookie } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: RequestListItem[] }>().items;
    };
    const named = (items: RequestListItem[]) =>
      items.map((r) => r.customerName ?? (r.subjectId === null ? 'geen' : 'achtergehouden')).sort();
    expect(named(await listed())).toEqual(['Wilma Verzoekster', 'achtergehouden', 'geen']);
    const wilma = await t.database.db
      .selectFrom('subjects')
      .select('id')
      .where('last_name', '=', 'Verzoekster')
      .executeTakeFirstOrThrow();
    expect(JSON.parse((await lastLogEntry(t)).subject_ids)).toEqual([wilma.id]);
    expect(named(await listed(dpo))).toEqual(['Bea Beperkt', 'Wilma Verzoekster', 'geen']);
  });
});
