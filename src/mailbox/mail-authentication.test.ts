import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { HAS_DOVECOT, type TestDovecot, startTestDovecot } from '../../test/dovecot.ts';
import { newCase, newSubject } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { mail, readMailbox, startMailboxApp, txtRecords } from '../../test/support/mailbox.ts';

// The sender's domain of the tests, with a DKIM key of our own, an SPF record for one address and a DMARC policy.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DNS = txtRecords({
  'mail2026._domainkey.example.org': `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  'example.org': 'v=spf1 ip4:192.0.2.10 -all',
  '_dmarc.example.org': 'v=DMARC1; p=reject',
});
// The newest Received header, as the organisation's mail server writes it: which machine handed the mail over.
const received = (ip: string) =>
  `Received: from mail.example.org (mail.example.org [${ip}]) by mx.senict.nl with ESMTPS; Mon, 30 Nov 2026 10:00:00 +0100`;

async function signed(raw: string): Promise<string> {
  const result = await dkimSign(raw, {
    signatureData: [
      { signingDomain: 'example.org', selector: 'mail2026', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) },
    ],
  } as Parameters<typeof dkimSign>[1]);
  expect(result.errors).toEqual([]);
  expect(result.signatures).toMatch(/^DKIM-Signature: /);
  return result.signatures + raw;
}

type Shown = {
  id: string;
  status: string;
  mailAuthentication: {
    authenticated: boolean;
    dmarcFailed: boolean;
    dkim: string;
    dkimDomain: string | null;
    dkimAligned: boolean;
    spf: string;
    dmarc: string;
  } | null;
};

/** Issue 17: whether the sender's domain vouches for a mail (DKIM, SPF, DMARC, checked with mailauth), as a signal for the dpo. */
describe.runIf(HAS_DOVECOT).each(DIALECTS)('authentication of mail that comes in, on %s', (dialect) => {
  let dovecot: TestDovecot;
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    dovecot = await startTestDovecot();
    t = await startMailboxApp(dialect, dovecot, { resolver: DNS });
    staff = await t.signIn('staff');
  });
  afterAll(async () => {
    await t.close();
    await dovecot.close();
  });

  const requestFrom = async (email: string): Promise<Shown> => {
    const row = await t.database.db
      .selectFrom('rights_requests')
      .select('id')
      .where('requester_email', '=', email)
      .executeTakeFirstOrThrow();
    return (await t.app.inject({ url: `/api/requests/${row.id}`, headers: { cookie: staff } })).json<Shown>();
  };

  it('a mail signed with DKIM by the From domain is shown as authenticated on its request', async () => {
    await dovecot.append(
      await signed(
        mail({
          from: 'Joost <joost@example.org>',
          subject: 'Inzage',
          headers: ['Return-Path: <joost@example.org>', received('198.51.100.7')],
        }),
      ),
    );

    await readMailbox(t);

    expect((await requestFrom('joost@example.org')).mailAuthentication).toEqual({
      authenticated: true,
      dmarcFailed: false,
      fromDomain: 'example.org',
      dkim: 'pass',
      dkimDomain: 'example.org',
      dkimAligned: true,
      // Handed over from an address the domain's SPF does not name; DKIM is aligned, so DMARC passes.
      spf: 'fail',
      dmarc: 'pass',
    });
  });

  it('a mail without a signature, from the machine SPF names for the domain, passes DMARC through SPF', async () => {
    await dovecot.append(
      mail({
        from: 'Karin <karin@example.org>',
        subject: 'Inzage',
        headers: ['Return-Path: <karin@example.org>', received('192.0.2.10')],
      }),
    );

    await readMailbox(t);

    expect((await requestFrom('karin@example.org')).mailAuthentication).toMatchObject({
      authenticated: true,
      dkim: 'none',
      spf: 'pass',
      dmarc: 'pass',
      dmarcFailed: false,
    });
  });

  it('a mail whose signature no longer matches its text is not authenticated', async () => {
    const raw = await signed(
      mail({ from: 'Lotte <lotte@example.org>', subject: 'Inzage', text: 'Origineel.', headers: [received('198.51.100.7')] }),
    );
    await dovecot.append(raw.replace('Origineel.', 'Veranderd.'));

    await readMailbox(t);

    expect((await requestFrom('lotte@example.org')).mailAuthentication).toMatchObject({
      authenticated: false,
      dkimAligned: false,
      dmarc: 'fail',
      dmarcFailed: true,
    });
  });

  it('a From that fails DMARC is flagged and never matched to a customer by its address: its request gets no code, its reply waits in the triage inbox', async () => {
    const customer = await newSubject(t, { email: 'maria@example.org' });
    const opened = await newCase(t, customer.id);
    // Anyone can write maria@example.org as the sender; the domain says only its own machines send its mail.
    await dovecot.append(
      mail({
        from: 'Maria <maria@example.org>',
        subject: 'Verwijder al mijn gegevens',
        headers: ['Return-Path: <maria@example.org>', received('203.0.113.66')],
      }),
    );
    await dovecot.append(
      mail({
        from: 'Maria <maria@example.org>',
        subject: `Re: ${opened.reference}`,
        text: 'Mijn nieuwe IBAN is …',
        headers: [received('203.0.113.66')],
      }),
    );

    await readMailbox(t);

    const request = await requestFrom('maria@example.org');
    // Received all the same (the deadline runs from its arrival), flagged for the dpo, and no code sent by itself.
    expect(request).toMatchObject({
      status: 'received',
      mailAuthentication: { authenticated: false, dmarcFailed: true, dmarc: 'fail' },
    });
    expect(
      await t.database.db.selectFrom('outbox').select('kind').where('to_address', '=', 'maria@example.org').execute(),
    ).toEqual([]);
    const lookups = await t.database.db
      .selectFrom('processing_log')
      .select('seq')
      .where('actor_id', '=', 'identity-matching')
      .where('subject_ids', 'like', `%${customer.id}%`)
      .execute();
    expect(lookups).toEqual([]);
    // Staff may send a code only to a customer they choose, not to whoever has the address.
    const bare = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/verification-code`,
      headers: { cookie: staff },
      payload: {},
    });
    expect(bare.statusCode).toBe(409);
    const chosen = await t.app.inject({
      method: 'POST',
      url: `/api/requests/${request.id}/verification-code`,
      headers: { cookie: staff },
      payload: { subjectId: customer.id },
    });
    expect(chosen.statusCode).toBe(200);
    expect(
      await t.database.db.selectFrom('outbox').select('kind').where('to_address', '=', 'maria@example.org').execute(),
    ).toEqual([{ kind: 'verification_code' }]);
    const waiting = await t.database.db
      .selectFrom('inbox_items')
      .select(['reason', 'reason_detail', 'related_case_id'])
      .where('title', '=', `Re: ${opened.reference}`)
      .executeTakeFirstOrThrow();
    expect(waiting).toEqual({ reason: 'dmarc_failed', reason_detail: 'example.org', related_case_id: opened.id });
    expect(await t.database.db.selectFrom('messages').select('id').where('case_id', '=', opened.id).execute()).toEqual([]);
  });
});
