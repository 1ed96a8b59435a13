import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { HAS_DOVECOT, type TestDovecot, startTestDovecot } from '../../test/dovecot.ts';
import type { TestApp } from '../../test/harness.ts';
import { newSubject } from '../../test/factories.ts';
import { standardJobs } from '../jobs/jobs.ts';
import { Scheduler } from '../jobs/scheduler.ts';
import { HANDLED, mail, readMailbox, startMailboxApp } from '../../test/support/mailbox.ts';
import { systemClock } from '../shared/clock.ts';

type Listed = { items: { id: string; reference: string; requesterName: string }[] };
type Shown = {
  id: string;
  reference: string;
  kind: string;
  channel: string;
  status: string;
  receivedAt: string;
  dueOn: string;
  requesterEmail: string | null;
  details: string;
  attachmentsDropped: number;
  mailAuthentication: { authenticated: boolean; dmarc: string } | null;
};

/** Issue 17: mail comes in by itself. A real Dovecot holds the mailbox; results are read back through the API. */
describe.runIf(HAS_DOVECOT).each(DIALECTS)('the mailbox read over IMAP, on %s', (dialect) => {
  let dovecot: TestDovecot;
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    t = await startMailboxApp(dialect, dovecot);
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await dovecot.close();
  });

  const requestNamed = async (name: string): Promise<Shown> => {
    const list = (
      await t.app.inject({ url: `/api/requests?q=${encodeURIComponent(name)}`, headers: { cookie: staff } })
    ).json<Listed>();
    const found = list.items.find((r) => r.requesterName === name);
    expect(found, `a request of ${name}`).toBeDefined();
    return (await t.app.inject({ url: `/api/requests/${found?.id ?? ''}`, headers: { cookie: staff } })).json<Shown>();
  };

  it('a mail to the privacy address becomes a request in received, by mail, received on the day it arrived (Art. 12(3))', async () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in the Netherlands: the mail arrived on 1 December.
    const arrivedAt = new Date('2026-11-30T23:30:00Z');
    const uid = await dovecot.append(
      mail({ from: '"Bram Jansen" <bram@example.nl>', subject: 'Inzage', text: 'Ik wil graag inzage in mijn gegevens.' }),
      { arrivedAt },
    );

    const report = await readMailbox(t);

    expect(report).toMatchObject({ taken: 1, refused: 0, moved: 1, failure: null });
    const request = await requestNamed('Bram Jansen');
    expect(request).toMatchObject({
      kind: 'access',
      channel: 'email',
      status: 'received',
      receivedAt: arrivedAt.toISOString(),
      dueOn: '2027-01-01',
      requesterEmail: 'bram@example.nl',
    });
    expect(request.details).toContain('Ik wil graag inzage in mijn gegevens.');
    // Without DNS nothing can be checked: shown as not authenticated.
    expect(request.mailAuthentication).toMatchObject({ authenticated: false });
    // Handled mail leaves the inbox; its read is recorded under the folder's UIDVALIDITY and UID.
    expect(await dovecot.uids('INBOX')).toEqual([]);
    expect(await dovecot.uids(HANDLED)).toHaveLength(1);
    const read = await t.database.db
      .selectFrom('mailbox_reads')
      .select(['uid', 'outcome', 'request_id', 'moved_to'])
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(read).toEqual({ uid, outcome: 'request', request_id: request.id, moved_to: HANDLED });
    // Collected through the guard, by the mailbox, naming the request.
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'operation', 'record_type', 'outcome'])
      .where('records', 'like', `%rights_request:${request.id}%`)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_id: 'mailbox', operation: 'collect', record_type: 'case', outcome: 'allowed' });
  });

  it('a customer writing to the privacy address gets a code at the address on file, as for a request registered by staff', async () => {
    const subject = await newSubject(t, { email: 'carla@example.nl', firstName: 'Carla', lastName: 'Smit' });
    await dovecot.append(
      mail({
        from: 'Carla Smit <Carla@Example.nl>',
        subject: 'Verwijder mijn gegevens',
        text: 'Wilt u al mijn gegevens verwijderen?',
      }),
    );

    await readMailbox(t);

    const request = await requestNamed('Carla Smit');
    expect(request).toMatchObject({ kind: 'erasure', status: 'verification_sent' });
    const codes = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'kind'])
      .where('related_id', '=', request.id)
      .execute();
    expect(codes).toEqual([{ to_address: subject.email, kind: 'verification_code' }]);
  });

  it('under the scheduler, takes new mail in as soon as the server reports it (IDLE), not at the next interval, and gives the lease up when stopped', async () => {
    const log = { info: () => undefined, error: () => undefined };
    // An hour between passes: only IDLE can bring the mail in within the test.
    const scheduler = new Scheduler(
      t.database.db,
      standardJobs(t.services, log, { mailboxMs: 3_600_000 }).filter((j) => j.name === 'mailbox'),
      { clock: t.services.guard.clock },
    );
    const taken = async (email: string) =>
      (await t.database.db.selectFrom('rights_requests').select('id').where('requester_email', '=', email).execute()).length;
    await dovecot.append(mail({ from: 'Eva Dekker <eva@example.nl>', subject: 'Vraag' }));
    scheduler.start();
    try {
      // The first pass, at the start, takes Eva's mail in; after it only the server's report can wake the job.
      await expect.poll(() => taken('eva@example.nl'), { timeout: 15_000, interval: 100 }).toBe(1);
      expect(
        (await t.database.db.selectFrom('job_leases').select('holder').where('name', '=', 'mailbox').executeTakeFirst())?.holder,
      ).toBe(scheduler.instanceId);
      await dovecot.append(mail({ from: 'Frank Dijk <frank@example.nl>', subject: 'Vraag' }));
      await expect.poll(() => taken('frank@example.nl'), { timeout: 15_000, interval: 250 }).toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect(await t.database.db.selectFrom('job_leases').select('holder').where('name', '=', 'mailbox').execute()).toEqual([]);
  });

  it('takes nothing in twice: a mail recorded before Kluis stopped, and not yet moved, is only moved on the next pass', async () => {
    const before = await t.database.db.selectFrom('rights_requests').select('id').execute();
    await dovecot.append(mail({ from: 'Dirk Bos <dirk@example.nl>', subject: 'Vraag over mijn gegevens' }));
    // Kluis reads the mail and records it, then stops before the move: the mail is still in the inbox.
    const reader = t.services.mailbox.reader;
    const [waiting] = await dovecot.uids('INBOX');
    const raw = Buffer.from(mail({ from: 'Dirk Bos <dirk@example.nl>' }));
    expect(waiting).toBeDefined();
    expect(reader).toBeDefined();
    const box = await import('./imap-mailbox.ts').then((m) => m.ImapMailbox.open(dovecot.url, 'INBOX', systemClock));
    const source = (await box.sources([waiting ?? 0])).get(waiting ?? 0) ?? raw;
    const uidValidity = box.uidValidity;
    await box.close();
    await t.services.mailbox.intake.take(
      {
        folder: 'INBOX',
        uidValidity,
        uid: waiting ?? 0,
        arrivedAt: new Date(),
        size: source.length,
        envelope: { from: null, subject: null },
      },
      source,
    );
    expect(await dovecot.uids('INBOX')).toEqual([waiting]);

    const report = await readMailbox(t);

    expect(report).toMatchObject({ taken: 0, recognised: 1, moved: 1 });
    expect(await dovecot.uids('INBOX')).toEqual([]);
    const after = await t.database.db.selectFrom('rights_requests').select('id').execute();
    expect(after.length - before.length).toBe(1);
    // And a pass with nothing new does nothing.
    expect(await readMailbox(t)).toMatchObject({ taken: 0, recognised: 0, moved: 0 });
  });
});
